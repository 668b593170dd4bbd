"""Requests (`demande`): open until closed, with or without a référent meanwhile.

A request arrives, often through the shared mailbox, before anyone takes it: it is written
without référent and stays `ouverte`. Assigning it records who takes it and when; closing it
records the day and, if given, the motive. Each change touches only its lines of the header.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .dates import day_of
from .errors import NotARequest, UnknownStatus
from .model import Note
from .moments import moment
from .notetypes import is_type
from .text import fold

REQUEST = "demande"
OPEN = "ouverte"
CLOSED = "close"
ASSIGNED_ON = "assignee_le"
CLOSED_ON = "cloturee_le"
MOTIVE = "motif"
STATES = (OPEN, CLOSED)


@dataclass(frozen=True)
class RequestFilter:
    """What `garefil demandes` keeps."""

    open_only: bool = False
    without_referent: bool = False
    state: str | None = None  # OPEN or CLOSED (see check_state)


def is_open(note: Note) -> bool:
    """Whether a request still waits for an answer (not closed)."""
    return fold(note.status or OPEN) != CLOSED


def requests(notes: Iterable[Note], wanted: RequestFilter) -> list[Note]:
    """The requests `wanted` keeps, by day, oldest first (`in_order` orders each day)."""
    kept = [
        n
        for n in notes
        if is_type(n, REQUEST)
        and (not wanted.open_only or is_open(n))
        and (not wanted.without_referent or not n.referent)
        and (wanted.state is None or is_open(n) == (wanted.state == OPEN))
    ]
    return sorted(kept, key=lambda n: (day_of(n.date) or date.min, n.path))


def undecided(found: Sequence[Note]) -> list[str]:
    """The paths of the requests `found` whose header keeps only a day that another of them
    shares: only when git recorded them can order them."""
    days = Counter(day_of(n.date) for n in found)
    return [
        n.path
        for n in found
        if n.date is not None and not isinstance(n.date, datetime) and days[n.date] > 1
    ]


Recorded = Mapping[str, tuple[datetime, datetime]]  # path → when git first and last recorded it


def in_order(found: Iterable[Note], recorded: Recorded) -> list[Note]:
    """The requests `found`, the longest waiting first: by the time their header gives, else
    by when git first recorded them that day (ids and names are drawn by chance), as `fil` does."""
    return sorted(found, key=lambda n: (arrival(n, recorded), n.path))


def arrival(note: Note, recorded: Recorded) -> datetime:
    """When request `note` came: its header's time, else when git first recorded it that day
    (the one order `demandes`, `suivi` and the meeting agenda share)."""
    first = recorded.get(note.path, (None, None))[0]
    return moment(note.date, first) if note.date is not None else datetime.min


def check_state(typed: str) -> str:
    """The request state `typed` names ("Close", "ouvertes"); UnknownStatus otherwise."""
    for state in STATES:
        if fold(typed).strip().removesuffix("s") == state:
            return state
    raise UnknownStatus(name=typed, known=", ".join(STATES))


def waiting_days(note: Note, today: date) -> int | None:
    """How many days an open request has waited (None when closed or undated)."""
    day = day_of(note.date)
    return (today - day).days if day and is_open(note) else None


def summary(note: Note, today: date) -> dict[str, Any]:
    """The JSON shape of a request: a note's fields, whether it is open and for how long."""
    return note.summary() | {"open": is_open(note), "waiting_days": waiting_days(note, today)}


def _check(note: Note) -> None:
    if not is_type(note, REQUEST):
        raise NotARequest(id=note.id, type=note.type)


def assignment(note: Note, referent: str, today: date) -> dict[str, Any]:
    """The header changes that give request `note` to `referent`."""
    _check(note)
    return {"referent": referent, ASSIGNED_ON: today}


def closed_already(note: Note) -> bool:
    """Whether request `note` was closed before (NotARequest for another note)."""
    _check(note)
    return not is_open(note)


def closing(note: Note, today: date, motive: str | None) -> dict[str, Any]:
    """The header changes that close request `note` (with its motive, if given)."""
    _check(note)
    changes: dict[str, Any] = {"status": CLOSED, CLOSED_ON: today}
    return changes | ({MOTIVE: motive} if motive else {})
