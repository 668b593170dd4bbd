"""What a bilan lists besides its figures: what was decided in the period, and what remains at its
end (actions not done, requests still open), each item with its id to act on it.

The register (register_list.py) and the requests' rules (requests.py) say what each item is, as
`decisions`, `actions` and `demandes` do. When an action was done is not recorded, only that it
is: an action written by the period's end and not done today is what remains of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import day_of, iso
from .model import Note
from .notetypes import is_type
from .register import ADOPTED, REPLACED
from .register_list import action_entries, decision_entries
from .requests import REQUEST, is_open

if TYPE_CHECKING:
    from .bilan import Period


@dataclass(frozen=True)
class Item:
    """One line of a bilan's lists: its text, who it is for, its day (a decision's note's, an
    action's due day, a request's arrival), its id and the id of its note."""

    text: str
    who: str | None
    day: date | None
    id: str
    note: str

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of an item (docs/json.md)."""
        return {"text": self.text, "who": self.who, "date": iso(self.day), "id": self.id,
                "note": self.note}  # fmt: skip


def decided(notes: Iterable[Note], period: Period) -> tuple[Item, ...]:
    """The decisions adopted in the period's notes (even replaced since), oldest first."""
    found = [
        Item(e.decision.text, None, day_of(e.source.note.date), e.decision.id, e.source.note.id)
        for e in decision_entries(notes)
        if day_of(e.source.note.date) in period and e.status in (ADOPTED, REPLACED)
    ]
    return tuple(sorted(found, key=lambda item: (item.day or date.min, item.id)))


def open_actions(notes: Iterable[Note], period: Period) -> tuple[Item, ...]:
    """The actions written by the period's end and not done, soonest due first."""
    found = [
        Item(e.action.what, e.action.who, day_of(e.action.due), e.action.id, e.source.note.id)
        for e in action_entries(notes)
        if not e.action.done and _by_end(e.source.note, period)
    ]
    return tuple(sorted(found, key=lambda item: (item.day or date.max, item.id)))


def open_requests(
    notes: Iterable[Note], period: Period, closed_on: Mapping[str, date]
) -> tuple[Item, ...]:
    """The requests received by the period's end and still open on its last day: open today,
    or closed after it (`closed_on`, by path); oldest first."""
    found = [
        Item(n.title, n.entrepreneur, day_of(n.date), n.id, n.id)
        for n in notes
        if is_type(n, REQUEST) and _by_end(n, period) and _open_on(n, period.end, closed_on)
    ]
    return tuple(sorted(found, key=lambda item: (item.day or date.min, item.id)))


def _by_end(note: Note, period: Period) -> bool:
    day = day_of(note.date)
    return day is not None and day <= period.end


def _open_on(note: Note, day: date, closed_on: Mapping[str, date]) -> bool:
    if is_open(note):
        return True
    closed = closed_on.get(note.path)
    return closed is not None and closed > day
