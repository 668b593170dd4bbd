"""The next team meeting: its slot, its participants, its agenda and a fair rotation of roles.

Everything is computed from what the notes say: the roles are those written in past meeting
notes (the "Rôles" list, core/register.py), never a counter kept aside that could drift when a
meeting is skipped, swapped or written by hand.

Fairness rule (docs/reunions.md): the three roles go to three present members so that, first,
the roles given have been held as few times as possible by those who get them (the sum of
"how many times this person held this role"); then, to those who held the fewest roles of any
kind; then to those who held that role longest ago; then by name. So a role never goes to
someone while a present member without a role this time has held it fewer times, and two
members given roles could not lower that sum by swapping them. With fewer members present than
roles, the same rule shares them out: each holds one, and the one it picks holds two (or, alone,
all three), so a meeting note never has a role nobody holds.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import permutations, product
from pathlib import Path
from typing import Any

from .dates import day_of, iso
from .model import Note
from .notetypes import is_type
from .register import ROLE_LABELS, ROLES
from .text import fold, person_id, person_key

MEETING = "reunion"
# Where subjects wait for the coming meeting, one small file each (core/agenda.py).
SUBJECT_QUEUE = ".garefil/ordre-du-jour"
SUBJECT_SUFFIX = ".txt"
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class Slot:
    """When the team meets: a weekday and hours ([reunion] in the notebook config)."""

    weekday: int = 0  # Monday
    start: time = time(14, 0)
    end: time = time(15, 0)


def slot(raw: dict[str, str]) -> Slot:
    """The [reunion] settings (`jour`, `debut`, `fin`) over the default Monday 14h–15h."""
    default = Slot()
    weekday = WEEKDAYS.index(fold(raw["jour"])) if "jour" in raw else default.weekday
    start = _hour(raw["debut"]) if "debut" in raw else default.start
    end = _hour(raw["fin"]) if "fin" in raw else default.end
    return Slot(weekday, start, end)


def _hour(text: str) -> time:
    """'14:00', '14h', '14h30' → a time; ValueError otherwise."""
    hours, _, minutes = fold(text).replace("h", ":").partition(":")
    return time(int(hours), int(minutes or 0))


@dataclass(frozen=True)
class Coming:
    """The coming meeting: when it starts, and its note when one is written already."""

    start: datetime
    note: Note | None = None


def coming(setting: Slot, now: datetime, notes: Iterable[Note]) -> Coming:
    """The one rule for « the coming meeting », shared by `reunion preparer`, `roles`,
    `ordre-du-jour`, the home screen, the sommaire and the site: the slot's next day from now
    (today counts until the end of the slot), or an earlier meeting note dated from then on;
    with its note when that day has one (and the hour the note gives)."""
    notes = [n for n in notes if is_type(n, MEETING) and day_of(n.date) is not None]
    start = coming_meeting(setting, now, (day_of(n.date) for n in notes))
    note = note_of(notes, start.date())
    if note is not None and isinstance(note.date, datetime):  # the hour its note gives
        start = note.date.replace(tzinfo=None)
    return Coming(start, note)


def coming_meeting(setting: Slot, now: datetime, held: Iterable[date]) -> datetime:
    """The start of the next meeting to come: the slot's next day from now, or an earlier
    meeting note dated from now on (one already prepared is still to be held)."""
    day = _next_slot_day(setting, now)
    first = now.date() if now.time() < setting.end else now.date() + timedelta(days=1)
    day = min([d for d in held if first <= d <= day], default=day)
    return datetime.combine(day, setting.start)


def is_over(setting: Slot, start: datetime, now: datetime) -> bool:
    """Whether the meeting of `start`'s day has ended: its note is then a record."""
    return datetime.combine(start.date(), setting.end) <= now


def _next_slot_day(setting: Slot, now: datetime) -> date:
    """The slot's weekday from now on: today counts until the end of the slot."""
    day = now.date()
    if now.time() >= setting.end:
        day += timedelta(days=1)
    return day + timedelta(days=(setting.weekday - day.weekday()) % 7)


def waiting_subjects(root: Path) -> int:
    """How many subjects wait in the queue of the notebook at `root` (links and odd files are
    not subjects): counted without reading them, for the home screen."""
    try:
        with os.scandir(root / SUBJECT_QUEUE) as entries:
            return sum(
                e.name.endswith(SUBJECT_SUFFIX) and e.is_file(follow_symlinks=False)
                for e in entries
            )
    except OSError:
        return 0


@dataclass(frozen=True)
class Held:
    """The roles written in one past meeting note."""

    when: date
    note: Note
    roles: tuple[tuple[str, str], ...]


def note_of(notes: Iterable[Note], day: date) -> Note | None:
    """The meeting note already written for the meeting of `day`, if any."""
    return next((n for n in notes if is_type(n, MEETING) and day_of(n.date) == day), None)


def latest_held(notes: Iterable[Note], today: date) -> Note | None:
    """The latest meeting note dated on or before `today`, newest first by the order given: a
    meeting prepared for next week is not where today's decisions are written."""
    return next(
        (n for n in notes if is_type(n, MEETING) and (day_of(n.date) or date.min) <= today), None
    )


def history(notes: Iterable[Note], before: date | None = None) -> list[Held]:
    """The meetings whose notes say who held which role, oldest first; only those held before
    the day `before` when given (a meeting still to come only proposes its roles)."""
    found = [
        Held(day, n, n.roles)
        for n in notes
        if is_type(n, MEETING) and n.roles and (day := day_of(n.date)) is not None
        if before is None or day < before
    ]
    return sorted(found, key=lambda h: (h.when, h.note.path))


@dataclass(frozen=True)
class Choice:
    """One role of the proposal: who, and what the past says about them and this role."""

    role: str
    person: str
    times: int  # how many times they held this role
    last: date | None  # when they last held it
    roles_held: int  # how many roles of any kind they held

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a proposed role (documented in docs/json.md)."""
        return {
            "role": self.role,
            "label": ROLE_LABELS[self.role],
            "person": self.person,
            "times": self.times,
            "last": iso(self.last),
            "roles_held": self.roles_held,
        }


@dataclass(frozen=True)
class Tally:
    """What the past meetings say, per person key."""

    counts: Counter = field(default_factory=Counter)  # (person, role) → times
    totals: Counter = field(default_factory=Counter)  # person → roles held
    last: dict = field(default_factory=dict)  # (person, role) → last day


def tally(past: Iterable[Held]) -> Tally:
    """Count who held which role, and when last."""
    result = Tally()
    for held in past:
        for role, person in held.roles:
            key = (person_id(person), role)
            result.counts[key] += 1
            result.totals[key[0]] += 1
            result.last[key] = held.when
    return result


def propose(past: Sequence[Held], present: Sequence[str]) -> list[Choice]:
    """The roles for the next meeting among `present` members, by the fairness rule: every
    role goes to someone, fewer members than roles share them out (see `sharings`)."""
    counted = tally(past)
    people = sorted(present, key=person_key)
    if not people:
        return []
    floor = {r: min(counted.counts[(person_id(p), r)] for p in people) for r in ROLES}
    best = min(
        sharings(people, len(ROLES)),
        key=lambda chosen: _cost(counted, floor, list(zip(ROLES, chosen, strict=True))),
    )
    return [_choice(counted, role, person) for role, person in zip(ROLES, best, strict=True)]


def written_roles(past: Sequence[Held], note: Note) -> list[Choice]:
    """The roles a meeting note names already (coaches may have changed the proposal), with
    what the past says about each person and role."""
    counted = tally(past)
    return [_choice(counted, role, person) for role, person in note.roles if role in ROLES]


def sharings(people: Sequence[str], roles: int) -> Iterator[tuple[str, ...]]:
    """The ways of giving `roles` roles (in order) to `people`: one each when there are enough
    of them; else everyone holds one and the rest are shared out as evenly as can be (two
    members for three roles: one holds two; a member alone holds them all)."""
    if len(people) >= roles:
        return permutations(people, roles)
    most = -(-roles // len(people))  # no one holds a third role while another holds one
    return (
        chosen
        for chosen in product(people, repeat=roles)
        if len(set(chosen)) == len(people) and max(Counter(chosen).values()) <= most
    )


def cumulated(choices: Sequence[Choice]) -> list[tuple[str, int]]:
    """Who holds more than one of the roles `choices` give, and how many."""
    held = Counter(c.person for c in choices)
    return [(person, count) for person, count in held.items() if count > 1]


def _cost(counted: Tally, floor: dict[str, int], pairs: list[tuple[str, str]]) -> tuple:
    keys = [(person_id(p), r) for r, p in pairs]
    return (
        sum(counted.counts[k] > floor[k[1]] for k in keys),
        sum(counted.counts[k] for k in keys),
        sum(counted.totals[k[0]] for k in keys),
        sorted((counted.last.get(k) or date.min for k in keys), reverse=True),
        [person_key(p) for _, p in pairs],
    )


def _choice(counted: Tally, role: str, person: str) -> Choice:
    key = (person_id(person), role)
    return Choice(role, person, counted.counts[key], counted.last.get(key), counted.totals[key[0]])


def present_members(members: Sequence[str], absent: Iterable[str]) -> list[str]:
    """The members minus the absent ones (names as people match them)."""
    away = {person_id(a) for a in absent}
    return [m for m in members if person_id(m) not in away]
