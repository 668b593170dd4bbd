"""The register of decisions and the list of actions, from the notes that hold them.

The notes come from the catalogue (read when the notes were indexed); nothing here reads a file.
A decision's status is the one written on its line, except that a decision another one replaces
is `remplacée` (the link is written once, on the new decision, and both show it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from .conflict_copies import is_conflict_copy
from .dates import day_of, iso
from .errors import ActionNotDecision, DecisionNotAction, ItemNotFound, UnknownDecisionStatus
from .model import Action, Decision, Note
from .notetypes import is_type
from .people import find_person, fullest_name, known_person
from .register import REPLACED, STATUSES
from .text import fold, person_id, person_key

MEETING = "reunion"


class RegisterIndex(Protocol):
    """What the index tells of the notes holding decisions, actions or roles."""

    def register_paths(self) -> frozenset[str] | None:
        """Their paths (None when it cannot tell: then every note is looked at)."""


@dataclass(frozen=True)
class Source:
    """Where an item was written: its note, and the meeting when the note is one."""

    note: Note

    @property
    def meeting(self) -> Note | None:
        """The meeting the item was decided or given in (None: another kind of note)."""
        return self.note if is_type(self.note, MEETING) else None

    def summary(self) -> dict[str, Any]:
        """The note and meeting fields of an item's JSON shape."""
        meeting = self.meeting
        return {
            "note": {"id": self.note.id, "path": self.note.path, "title": self.note.title},
            "meeting": iso(meeting.date) if meeting else None,
            "date": iso(self.note.date),
            "conflict_copy": is_conflict_copy(self.note.path),
        }


SHORT = 60  # characters of a successor's text shown beside the decision it replaces


@dataclass(frozen=True)
class Successor:
    """The decision that replaces another one, and where it was taken: what holds now."""

    decision: Decision
    source: Source

    def short_text(self, limit: int = SHORT) -> str:
        """Its text, cut at a word and ended with "…" when longer than `limit`."""
        text = self.decision.text
        if len(text) <= limit:
            return text
        cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
        return cut.rstrip(" ,;:.—-") + "…"

    def summary(self) -> dict[str, Any]:
        """Its id, text, note, meeting and date (the JSON shape of `successor`)."""
        return {"id": self.decision.id, "text": self.decision.text} | self.source.summary()


@dataclass(frozen=True)
class DecisionEntry:
    """A decision of the register, with its status as of now and its links."""

    decision: Decision
    source: Source
    status: str
    replaced_by: str | None = None
    successor: Successor | None = None

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a decision (documented in docs/json.md)."""
        d = self.decision
        return (
            {
                "id": d.id,
                "text": d.text,
                "status": self.status,
                "replaces": d.replaces,
                "replaced_by": self.replaced_by,
            }
            | self.source.summary()
            | {"successor": self.successor.summary() if self.successor else None}
        )


@dataclass(frozen=True)
class ActionEntry:
    """An action, with the note it was given in."""

    action: Action
    source: Source

    def late(self, today: date) -> bool:
        """Whether it is open and its due day has passed."""
        due = day_of(self.action.due)
        return not self.action.done and due is not None and due < today

    def summary(self, today: date) -> dict[str, Any]:
        """The stable JSON shape of an action (documented in docs/json.md)."""
        a = self.action
        return {
            "id": a.id,
            "who": a.who,
            "what": a.what,
            "due": iso(a.due),
            "done": a.done,
            "late": self.late(today),
        } | self.source.summary()


def decision_entries(notes: Iterable[Note]) -> list[DecisionEntry]:
    """Every decision, oldest note first, with the status the links give it."""
    written = [(d, Source(n)) for n in _by_date(notes) for d in n.decisions]
    successors = {d.replaces: Successor(d, source) for d, source in written if d.replaces}
    entries = []
    for d, source in written:
        successor = successors.get(d.id)
        status = REPLACED if successor else d.status
        replaced_by = successor.decision.id if successor else None
        entries.append(DecisionEntry(d, source, status, replaced_by, successor))
    return entries


def action_entries(notes: Iterable[Note]) -> list[ActionEntry]:
    """Every action, the earliest due first (those without due day after)."""
    found = [ActionEntry(a, Source(n)) for n in _by_date(notes) for a in n.actions]
    return sorted(found, key=lambda e: day_of(e.action.due) or date.max)


def _by_date(notes: Iterable[Note]) -> list[Note]:
    return sorted(notes, key=lambda n: (day_of(n.date) or date.min, n.path))


@dataclass(frozen=True)
class DecisionFilter:
    """What `garefil decisions` keeps; empty fields keep everything."""

    status: str | None = None
    tags: tuple[str, ...] = ()  # all of them, as `list --tag` wants
    entrepreneur: str | None = None
    since: date | None = None
    until: date | None = None


def checked_status(typed: str | None) -> str | None:
    """The status `typed` names ("adoptee", "Adoptée"); UnknownDecisionStatus otherwise."""
    if typed is None:
        return None
    for status in STATUSES:
        if fold(status).startswith(fold(typed).rstrip("s")) and typed.strip():
            return status
    raise UnknownDecisionStatus(status=typed, statuses=", ".join(STATUSES))


def decisions(entries: Iterable[DecisionEntry], wanted: DecisionFilter) -> list[DecisionEntry]:
    """The decisions `wanted` keeps, in register order."""
    entries = list(entries)
    person = None
    if wanted.entrepreneur:
        known = {e.source.note.entrepreneur for e in entries if e.source.note.entrepreneur}
        person = person_key(find_person(wanted.entrepreneur, known))
    return [e for e in entries if _kept(e, wanted, person)]


def _kept(entry: DecisionEntry, wanted: DecisionFilter, person: str | None) -> bool:
    note, day = entry.source.note, day_of(entry.source.note.date)
    return (
        (wanted.status is None or entry.status == wanted.status)
        and all(tag in note.tags for tag in wanted.tags)
        and (person is None or names(note, entry.decision.text, person))
        and (wanted.since is None or (day is not None and day >= wanted.since))
        and (wanted.until is None or (day is not None and day <= wanted.until))
    )


def names(note: Note, text: str, person: str) -> bool:
    """Whether an item of `note` is about `person` (a person key): the note's entrepreneur, or
    their name in the item's text."""
    same = person_id(note.entrepreneur or "") == person_id(person)  # « N'Diaye » is « Ndiaye »
    return same or f" {person} " in f" {person_key(text)} "


def actions(
    entries: Iterable[ActionEntry],
    today: date,
    who: str | None = None,
    late_only: bool = False,
    with_done: bool = False,
    members: Iterable[str] = (),
) -> list[ActionEntry]:
    """The actions kept: open ones (or all), of one person (of the team or named by an
    action: anyone else is a typo, an error), or late ones only."""
    entries = list(entries)
    known = {e.action.who for e in entries if e.action.who}
    full = {name: fullest_name(name, known) for name in known}  # "Awa" is "Awa Diallo"
    person = person_id(known_person(who, members, full.values())) if who else None
    return [
        e
        for e in entries
        if (with_done or not e.action.done)
        and (person is None or person_id(full.get(e.action.who or "", "")) == person)
        and (not late_only or e.late(today))
    ]


def find_item(notes: Iterable[Note], item_id: str, kind: str) -> tuple[Note, Decision | Action]:
    """The note and decision ("decisions") or action ("actions") with id `item_id`."""
    wanted = item_id.strip().lstrip("^").lower()
    notes = list(notes)
    found = _found(notes, wanted, kind)
    if found:
        return found
    if _found(notes, wanted, OTHER_KIND[kind]):  # the right id given to the wrong command
        raise (DecisionNotAction if kind == "actions" else ActionNotDecision)(id=item_id)
    raise ItemNotFound(id=item_id)


OTHER_KIND = {"decisions": "actions", "actions": "decisions"}


def _found(notes: list[Note], wanted: str, kind: str) -> tuple[Note, Decision | Action] | None:
    for note in notes:
        for item in getattr(note, kind):
            if item.id == wanted or item.id.removeprefix(item.id[:2]) == wanted:
                return note, item
    return None
