"""The home screen: what matters now for the coach who runs `garefil` with nothing after it.

Everything comes from values already at hand: the catalogue's notes (suivi's checks, the next
team meeting), a glance at git (what the last sync brought, what waits to be shared) and the
coach's name. Nothing is re-read, so that the screen answers at once on a large notebook.
The next meeting is the coming one by the rule of core/meetings.py, as `roles` and the
sommaire say it: its note and the coach's roles in it when written, else its day and the roles
the rotation proposes; the next `reunion` note only when the slot cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from .config import Config
from .dates import day_of
from .errors import N_, AmbiguousPerson
from .followup import Context, Group, Written, followup, for_coach, thresholds
from .meetings import coming, history, present_members, propose, slot
from .model import Note
from .notetypes import is_type
from .people import find_person
from .register import ROLE_LABELS, role_key
from .requests import Recorded
from .text import person_id

SHOWN_ITEMS = 5  # of the coach's follow-ups: the oldest; `suivi` lists them all
MEETING = "reunion"
# How to give git the coach's name and e-mail (a msgid: the example said in their language).
IDENTITY_COMMAND = N_('garefil config user "First Last" first.last@example.org')


@dataclass(frozen=True)
class Incoming:
    """What the last sync brought from the team: when, by whom, which files (those it deleted
    too, in `deleted`); a sync that brought nothing has a `when` and no paths."""

    when: datetime | None = None
    authors: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    renamed: tuple[tuple[str, str], ...] = ()  # (path now, the title it had) of each renamed

    @property
    def deleted_notes(self) -> tuple[str, ...]:
        """The notes among the deleted files (garefil's own settings are none)."""
        return tuple(p for p in self.deleted if p.endswith(".md") and not p.startswith(".garefil/"))


@dataclass(frozen=True)
class GitGlance:
    """What git says at a glance: the coach's git name, what waits to be shared."""

    user_name: str | None = None
    pending: tuple[str, ...] = ()  # changed files, not recorded yet (notes renamed aside)
    renamed: int = 0  # notes renamed by hand, not recorded yet
    ahead: int = 0  # commits recorded but not shared yet
    has_remote: bool = False
    incoming: Incoming = field(default_factory=Incoming)
    blocked: tuple[tuple[str, str], ...] = ()  # (link, who added it): sync refuses them
    another_notebook: str | None = None  # the shared repository, when it holds another one
    never_synced: str | None = None  # the address set, when no sync has reached it yet
    signs: bool = True  # git knows the coach's name and e-mail: changes can be recorded


@dataclass(frozen=True)
class Meeting:
    """The next team meeting and the coach's roles in it (all of them: with fewer members than
    roles, one holds two; none found: empty); without a note (none written yet), the slot's next
    start and the roles the rotation proposes."""

    note: Note | None
    roles: tuple[str, ...] = ()
    start: datetime | None = None


@dataclass(frozen=True)
class Home:
    """The home screen as a value; cli/home_cmd.py draws it."""

    me: str | None
    team: bool  # --equipe: everybody's follow-ups, not only the coach's
    due: tuple[Group, ...]
    meeting: Meeting | None
    incoming: Incoming
    incoming_notes: tuple[Note, ...]
    pending: int
    ahead: int
    has_remote: bool
    conflicts: int
    next_commands: tuple[str, ...]
    blocked: tuple[tuple[str, str], ...] = ()  # the team's symbolic links sync refuses
    another_notebook: str | None = None  # the shared repository, holding another notebook
    never_synced: str | None = None  # the address set, when no sync has reached it yet
    renamed: int = 0  # notes renamed by hand, not recorded yet (not counted in `pending`)
    signs: bool = True  # False: every change is refused until `config user` (sync too)

    @property
    def due_count(self) -> int:
        """How many follow-ups are due (the coach's, or the team's with --equipe)."""
        return sum(len(group.items) for group in self.due)


def who_am_i(setting: str | None, git_name: str | None, config: Config) -> str | None:
    """The coach: the `nom` setting, else the git name as the team member it designates; None
    when the team is listed and that name is none of it, as `config set nom` refuses it (git's
    name only signs: « your » follow-ups would be nobody's)."""
    if setting:
        return setting
    if not git_name or not config.members:
        return git_name
    try:
        found = find_person(git_name, config.members)
    except AmbiguousPerson:  # several members share that part of the name: never guess
        return None
    keys = {person_id(member) for member in config.members}
    return found if person_id(found) in keys else None


def home(
    notes: Sequence[Note],
    config: Config,
    glance: GitGlance,
    me: str | None,
    today: date,
    team: bool = False,
    now: datetime | None = None,
    conflicts: int = 0,
    recorded: Callable[[Sequence[str]], Recorded] = lambda paths: {},
    written: Written = lambda paths: {},
    copies: tuple[Note, ...] = (),
) -> Home:
    """What matters now for `me` (or the whole team with `team`); `conflicts`: how many conflict
    copies wait to be resolved (the read commands' listings leave the copies out); `recorded`,
    when git recorded a few notes, orders the things of one day as `suivi` does; `written`, when
    a few notes were written, dates the drafts as `suivi` does; `copies`, the conflict copies'
    own actions, due as `suivi` says."""
    context = Context(notes, config, thresholds(config.suivi), today, recorded, written, copies)
    due = _due(context, me, team)
    meeting = coming_for(notes, config, now or datetime.combine(today, time.min), me)
    by_path = {note.path: note for note in notes}
    brought = tuple(by_path[p] for p in glance.incoming.paths if p in by_path)
    partial = Home(
        me,
        team,
        due,
        meeting,
        glance.incoming,
        brought,
        len(glance.pending),
        glance.ahead,
        glance.has_remote,
        conflicts,
        (),
        glance.blocked,
        glance.another_notebook,
        glance.never_synced,
        glance.renamed,
        glance.signs,
    )
    return Home(**{**partial.__dict__, "next_commands": likely_next(partial)})


def _due(context: Context, me: str | None, team: bool) -> tuple[Group, ...]:
    """The coach's follow-ups, and those that belong to the whole team: requests nobody has
    taken, notes whose référent is not in the team (`suivi` shows them to everyone); all of
    them with --equipe or when the coach is unknown."""
    if team or not me:
        return tuple(followup(context, None))
    return tuple(for_coach(context, me))  # what `suivi --moi` lists


def next_reunion_note(notes: Sequence[Note], today: date, me: str | None) -> Meeting | None:
    """The earliest `reunion` note dated today or later, and the coach's roles in it."""
    coming = [n for n in notes if is_type(n, MEETING) and (day_of(n.date) or date.min) >= today]
    if not coming:
        return None
    note = min(coming, key=lambda n: (day_of(n.date), n.id))
    return Meeting(note, _roles(note, me))


def _roles(note: Note, me: str | None) -> tuple[str, ...]:
    """The coach's roles, in the note's order: from its « Rôles » list (register.py), else from
    the front-matter fields that name them."""
    if not me:
        return ()
    mine = person_id(me)
    listed = tuple(ROLE_LABELS.get(r, r) for r, person in note.roles if person_id(person) == mine)
    # Only fields that name a role: `absents: [Awa Diallo]` names someone who holds none.
    fields = [(name, values) for name, values in note.extra_fields if role_key(name)]
    return listed or tuple(name for name, values in fields if mine in map(person_id, values))


def coming_for(
    notes: Sequence[Note], config: Config, now: datetime, me: str | None
) -> Meeting | None:
    """The coming meeting (core/meetings.py): its note and `me`'s roles in it when written,
    else its day by the team's slot ([reunion] in the config) and the roles the rotation
    proposes to `me`, as `garefil roles` says (only past meetings count). The next `reunion`
    note when the slot is not readable: `roles` says why, not the home screen."""
    try:
        found = coming(slot(config.meeting), now, notes)
    except ValueError:
        return next_reunion_note(notes, now.date(), me)
    if found.note is not None:
        return Meeting(found.note, _roles(found.note, me), found.start)
    choices = propose(history(notes, found.start.date()), present_members(config.members, ()))
    mine = person_id(me) if me else None
    roles = tuple(ROLE_LABELS[c.role] for c in choices if person_id(c.person) == mine)
    return Meeting(None, roles, found.start)


def _sharing_step(home: Home, shared: bool) -> list[str]:
    """The sharing command the coach needs first, if any."""
    if home.blocked:  # sync would only be refused again: status says who and what to do
        return ["garefil status"]
    if home.another_notebook:  # refused again too: the screen gives the way to join the team
        return []
    if not home.has_remote:  # sync has nowhere to send: the shared repository comes first
        return [N_("garefil remote ADDRESS")]
    return [] if shared else ["garefil sync"]


def likely_next(home: Home) -> tuple[str, ...]:
    """The three commands the coach most likely wants now, the most pressing first; those with
    a placeholder are msgids, the placeholder said in the coach's language where shown."""
    wanted = []
    # With everything shared (as the screen says), sync would only bring the team's news: the
    # coach's own pressing things come before it.
    shared = home.has_remote and not (home.pending or home.renamed or home.ahead or home.blocked)
    if not home.signs:  # nothing can be recorded, sync included: who signs comes first
        wanted.append(IDENTITY_COMMAND)
    if home.conflicts:
        wanted.append("garefil status")
    wanted += _sharing_step(home, shared) if home.signs else []
    if home.due_count:
        # What the screen counted: the coach's (and nobody's), or everyone's when it cannot
        # tell who the coach is (`--moi` would then refuse).
        wanted.append("garefil suivi" + ("" if home.team or not home.me else " --moi"))
    if home.meeting is not None and home.meeting.note is not None:
        wanted.append(f"garefil show {home.meeting.note.id}")
    elif home.meeting is not None:
        wanted.append("garefil reunion preparer")  # the note of the coming meeting is not written
    wanted += ["garefil sync"] if shared and home.signs else []
    wanted += ["garefil new cr", N_("garefil search WORDS"), "garefil list --limit 10"]
    return tuple(dict.fromkeys(wanted))[:3]
