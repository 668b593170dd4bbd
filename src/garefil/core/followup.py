"""`suivi`: what needs doing now, computed from the catalogue's fields and dates.

Each check is a function from the notes (and the settings, the team, today) to the items due;
`CHECKS` lists them, so that a new kind of follow-up (an appointment's states, a report's
sending) plugs in as one more function. Items are grouped by référent, oldest first; an item
without référent is everybody's, and comes first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from . import appointments, reports
from .config import Config
from .dates import NoteDate, day_of, iso
from .entrepreneurs import entrepreneurs
from .errors import N_, AmbiguousPerson
from .model import Action, Note
from .moments import moment
from .notetypes import is_type
from .people import find_person, known_person, one_spelling
from .requests import REQUEST, Recorded, arrival, is_open, undecided
from .team import is_member
from .text import fold, person_id


@dataclass(frozen=True)
class Thresholds:
    """After how long something is due ([suivi] in the notebook config)."""

    rdv_without_cr_days: int = 2
    draft_cr_days: int = 7
    open_request_days: int = 14
    unseen_months: int = 3
    # An imported note's action due this long before the import is history, not today's work.
    imported_history_months: int = 6


# What each kind of item is called (English msgids, translated where shown): `suivi` and the
# site's home page name them with the same words.
KIND_LABELS = {
    "rdv-sans-cr": N_("past appointment, no report yet"),
    "cr-brouillon": N_("report still a draft"),
    "demande-sans-referent": N_("request without référent"),
    "demande-ouverte": N_("request open for long"),
    "sans-nouvelles": N_("no news for long"),
    "referent-hors-equipe": N_("référent outside the team"),
    "action-en-retard": N_("action past due"),
}


@dataclass(frozen=True)
class Due:
    """One thing to do: what kind, which note, since when, for whom."""

    # rdv-sans-cr, cr-brouillon, demande-sans-referent, demande-ouverte, sans-nouvelles,
    # referent-hors-equipe, action-en-retard (detail: the action's id)
    kind: str
    since: NoteDate | None
    note: Note
    referent: str | None
    detail: str = ""
    # What the item is, in the note's words, when the note's title does not say it: a late
    # action's « who — what » (who only when it is not the person it is due for).
    about: str = ""

    @property
    def target(self) -> str:
        """What a command takes to act on the item: a late action's id (`action faite`),
        else its note's id."""
        return self.detail if self.kind == LATE_ACTION else self.note.id

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of an item (documented in docs/json.md)."""
        return {
            "kind": self.kind,
            "since": iso(self.since),
            "referent": self.referent,
            "entrepreneur": self.note.entrepreneur,
            "id": self.note.id,
            "path": self.note.path,
            "title": self.note.title,
            "detail": self.detail,
            "about": self.about,
        }


LATE_ACTION = "action-en-retard"
IMPORTED_FROM = "imported_from"  # the key an imported note keeps its source in (import_note.py)
Written = Callable[[Sequence[str]], Mapping[str, datetime]]  # when a few notes were written


@dataclass(frozen=True)
class Context:
    """What every check may look at; `recorded` tells when git recorded a few notes (the
    requests of one day whose header keeps no time), so that they come as `demandes` lists them;
    `written`, when a few notes were written (git's first record, else the file's time)."""

    notes: tuple[Note, ...]
    config: Config
    thresholds: Thresholds
    today: date
    recorded: Callable[[Sequence[str]], Recorded] = lambda paths: {}
    written: Written = lambda paths: {}
    # The conflict copies holding actions their notes have not, with those alone
    # (conflict_copies.items_only_in_copies): due until `resolve` as much as any other.
    copies: tuple[Note, ...] = ()


Check = Callable[[Context], Iterator[Due]]


def _older(note: Note, context: Context, days: int) -> bool:
    day = day_of(note.date)
    return day is not None and day <= context.today - timedelta(days=days)


def _of_type(context: Context, kind: str, status: str) -> Iterator[Note]:
    return (n for n in context.notes if is_type(n, kind) and fold(n.status or "") == status)


def rdv_without_report(context: Context) -> Iterator[Due]:
    """Past appointments still to be held (`prevu`, or `reporte` to a day now past) that no
    report names: the report is missing, or the appointment's state is."""
    for note in context.notes:
        if not appointments.is_pending(note) or _has_field(note, appointments.REPORT):
            continue
        if _older(note, context, context.thresholds.rdv_without_cr_days):
            yield Due("rdv-sans-cr", note.date, note, note.referent)


def draft_reports(context: Context) -> Iterator[Due]:
    """Reports still `brouillon` (not `envoye`) the threshold's days after they were written."""
    days = context.thresholds.draft_cr_days
    # A report is dated by its appointment, often days before it is written: its age as a draft
    # runs from when it was written (or from its date, if later). Git is asked, in one call, only
    # of the drafts old enough by their date: the others cannot be due.
    old = [n for n in _of_type(context, reports.REPORT, reports.DRAFT) if _older(n, context, days)]
    written = context.written([n.path for n in old]) if old else {}
    for note in old:
        since = _draft_since(note, written.get(note.path))
        if (day_of(since) or date.min) <= context.today - timedelta(days=days):
            yield Due("cr-brouillon", since, note, note.referent)


def _draft_since(note: Note, written: datetime | None) -> NoteDate | None:
    """Since when draft `note` waits: the day it was written, or its date if that is later."""
    if written is not None and written.date() > (day_of(note.date) or date.min):
        return written.date()
    return note.date


def _has_field(note: Note, name: str) -> bool:
    return any(key == name and values for key, values in note.extra_fields)


def requests_due(context: Context) -> Iterator[Due]:
    """Open requests nobody has taken, and those open for too long."""
    for note in context.notes:
        if not is_type(note, REQUEST) or not is_open(note):
            continue
        if not note.referent:
            yield Due("demande-sans-referent", note.date, note, None)
        elif _older(note, context, context.thresholds.open_request_days):
            yield Due("demande-ouverte", note.date, note, note.referent)


def unseen_entrepreneurs(context: Context) -> Iterator[Due]:
    """Active entrepreneurs with no note for too long (or ever)."""
    limit = context.today - timedelta(days=30 * context.thresholds.unseen_months)
    for person in entrepreneurs(context.notes, context.today):
        if person.fiche is None or fold(person.status or "") != "actif":
            continue
        seen = person.last_contact or day_of(person.fiche.date)
        if seen is None or seen <= limit:
            yield Due("sans-nouvelles", seen, person.fiche, person.referent)


def referents_outside_team(context: Context) -> Iterator[Due]:
    """Notes whose référent is not a member (while the team is listed)."""
    for note in context.notes:
        current = not is_type(note, REQUEST) or is_open(note)  # a closed request is history
        if current and note.referent and not is_member(context.config, note.referent):
            yield Due("referent-hors-equipe", note.date, note, note.referent, note.referent)


def late_actions(context: Context) -> Iterator[Due]:
    """Open actions past their due day, for the person they are due for (`owner`); the
    actions of an imported note due long before its import are history (`jardin` lists them)."""
    late = list(_late(context))
    history = _imported_history(context, late)
    owners = _Owners(context)
    for note, action in late:
        if (note.path, action.id) not in history:
            owner, named = owners.of(action.who)
            about = action.what if named else f"{action.who} — {action.what}"
            yield Due(LATE_ACTION, action.due, note, owner, action.id, about)


def imported_history(context: Context) -> Iterator[Due]:
    """The open actions of imported notes due long before their import (`jardin`'s)."""
    late = list(_late(context))
    history = _imported_history(context, late)
    for note, action in late:
        if (note.path, action.id) in history:
            yield Due(LATE_ACTION, action.due, note, action.who, action.id, action.what)


def _late(context: Context) -> Iterator[tuple[Note, Action]]:
    for note in (*context.notes, *context.copies):
        for action in note.actions:
            due = day_of(action.due)
            if not action.done and due is not None and due < context.today:
                yield note, action


def _imported_history(context: Context, late: list[tuple[Note, Action]]) -> set[tuple[str, str]]:
    """(path, action id) of the late actions of imported notes due more than the threshold's
    months before git first recorded the note (its import): git asked of those notes only."""
    months = context.thresholds.imported_history_months
    imported = [(n, a) for n, a in late if _has_field(n, IMPORTED_FROM)]
    written = context.written(sorted({n.path for n, _a in imported})) if imported else {}
    found = set()
    for note, action in imported:
        came = written.get(note.path)
        due = day_of(action.due) or date.max
        if came is not None and due <= came.date() - timedelta(days=30 * months):
            found.add((note.path, action.id))
    return found


class _Owners:
    """Whom a late action is for: the member it names; for an entrepreneur it names, their
    référent; anyone else (outside the team) keeps their name and is nobody's to do."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._referents: dict[str, str | None] | None = None
        # A few people hold thousands of actions: each way of writing one is matched once.
        self._found: dict[str | None, tuple[str | None, bool]] = {}

    def of(self, who: str | None) -> tuple[str | None, bool]:
        """The person the action of `who` is due for (None: the whole team's), and whether
        `who` names that very person (« Awa » for Awa Diallo)."""
        if who not in self._found:
            owner = self._owner(who)
            self._found[who] = (owner, _same(owner, who))
        return self._found[who]

    def _owner(self, who: str | None) -> str | None:
        if not who:
            return None
        members = self.context.config.members
        member = _named(who, members)
        if member is not None and person_id(member) in {person_id(m) for m in members}:
            return member
        referents = self.referents()
        entrepreneur = _named(who, referents)
        if entrepreneur is not None and person_id(entrepreneur) in referents:
            return referents[person_id(entrepreneur)]
        return who

    def referents(self) -> dict[str, str | None]:
        """Each entrepreneur's référent, by `person_id` (read once, only when asked)."""
        if self._referents is None:
            people = entrepreneurs(self.context.notes, self.context.today)
            self._referents = {person_id(p.name): p.referent for p in people}
        return self._referents


def _named(typed: str, known: Iterable[str]) -> str | None:
    """The known name `typed` designates (the one person-matching rule), None if ambiguous."""
    try:
        return find_person(typed, known)
    except AmbiguousPerson:
        return None


def _same(owner: str | None, who: str | None) -> bool:
    """Whether `who` (as written: « Awa ») designates `owner` (« Awa Diallo »)."""
    if not owner or not who:
        return owner == who or not who
    return person_id(_named(who, [owner]) or "") == person_id(owner)


CHECKS: list[Check] = [
    rdv_without_report,
    draft_reports,
    requests_due,
    unseen_entrepreneurs,
    referents_outside_team,
    late_actions,
]


@dataclass(frozen=True)
class Group:
    """The items of one référent (None: nobody's yet), oldest first."""

    referent: str | None
    items: tuple[Due, ...] = field(default_factory=tuple)


def followup(context: Context, referent: str | None = None) -> list[Group]:
    """Everything due, by référent (those without one first), each group oldest first; a
    person written two ways is one person, under one spelling (`one_spelling`)."""
    spelled = one_spelling(context.notes, context.config.members)
    context = replace(context, notes=tuple(spelled))
    items = [due for check in CHECKS for due in check(context)]
    if referent is not None:
        # A référent with nothing due is no typo, nor the person of a late action outside the
        # team, under whose name `suivi` lists it.
        named = [n.referent for n in context.notes] + [d.referent for d in items]
        wanted = person_id(known_person(referent, context.config.members, filter(None, named)))
        items = [d for d in items if person_id(d.referent or "") == wanted]
    asked = {d.note.path: d.note for d in items if is_type(d.note, REQUEST)}
    recorded = context.recorded(undecided(list(asked.values())))  # git: only a shared day's
    grouped: dict[str, tuple[str | None, list[Due]]] = {}
    for due in sorted(items, key=_oldest_first(recorded)):
        key = person_id(due.referent or "")
        grouped.setdefault(key, (due.referent, []))[1].append(due)
    return [Group(grouped[key][0], tuple(grouped[key][1])) for key in sorted(grouped)]


def for_coach(context: Context, me: str) -> list[Group]:
    """The coach's follow-ups, and those that belong to the whole team: requests nobody has
    taken, notes whose référent is not in the team (`suivi --moi` and the home screen). A late
    action of someone outside the team is nobody's to do: `suivi` lists it, for everyone."""
    everyone = followup(context, None)
    known = {g.referent for g in everyone if g.referent} | set(context.config.members)
    wanted = person_id(find_person(me, known))  # as `suivi --referent` finds the coach
    mine = []
    for group in everyone:  # sorted by référent, those without one first
        items = tuple(d for d in group.items if _for(d, wanted, context.config))
        if items:
            mine.append(Group(group.referent, items))
    return mine


def _for(due: Due, wanted: str, config: Config) -> bool:
    """Whether `due` is the coach's (`wanted`: their person_id) or the whole team's."""
    if person_id(due.referent or "") == wanted or not due.referent:
        return True
    return due.kind != LATE_ACTION and not is_member(config, due.referent)


def oldest_first(items: Iterable[Due]) -> list[Due]:
    """`items` in `suivi`'s order by what their headers say, git not asked: the generated pages
    give the same bytes for the same notes."""
    return sorted(items, key=_oldest_first({}))


def _oldest_first(recorded: Recorded) -> Callable[[Due], tuple]:
    """The items' order: by day, kind, then the moment in that day (an appointment's hour, a
    request's arrival as in `demandes`, with git's `recorded` times), then path."""

    def key(due: Due) -> tuple:
        if is_type(due.note, REQUEST):
            came = arrival(due.note, recorded)
        else:
            came = moment(due.since, None) if due.since is not None else datetime.min
        return (day_of(due.since) or date.min, due.kind, came, due.note.path)

    return key


def thresholds(raw: dict[str, Any]) -> Thresholds:
    """The [suivi] section's values over the defaults (positive whole numbers)."""
    names = {
        "rdv_sans_cr_jours": "rdv_without_cr_days",
        "cr_brouillon_jours": "draft_cr_days",
        "demande_ouverte_jours": "open_request_days",
        "sans_nouvelles_mois": "unseen_months",
        "historique_importe_mois": "imported_history_months",
    }
    values = {names[k]: int(v) for k, v in raw.items() if k in names}
    if any(v < 0 for v in values.values()):
        raise ValueError("[suivi]: a threshold is a positive number")
    return Thresholds(**values)


def count(groups: Iterable[Group]) -> int:
    """How many items the groups hold."""
    return sum(len(g.items) for g in groups)
