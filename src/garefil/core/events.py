"""A calendar event as the core describes it: what an invitation (iCalendar) is written from.

The core says what the event is (when, where, who, how often); an adapter writes it in a
calendar format (adapters/calendar.py, iCalendar). The same value serves a one-off appointment
and the weekly team meeting (`recurrence`). Times are wall-clock times in `timezone`, as the
team writes them in its notes; an event given a day alone lasts the whole day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

TEAM_TIMEZONE = "Europe/Paris"
DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class Person:
    """Someone invited, or the one who invites: an e-mail address and, if known, a name."""

    email: str
    name: str | None = None


@dataclass(frozen=True)
class Weekly:
    """Every `interval` weeks on the start's weekday and hour, until a day or `count` times
    (neither: with no end)."""

    until: date | None = None
    count: int | None = None
    interval: int = 1


@dataclass(frozen=True)
class Event:
    """One event, or a weekly series; `uid` stays the same for every version sent of it."""

    uid: str
    summary: str
    start: date | datetime
    minutes: int = DEFAULT_MINUTES
    location: str | None = None
    url: str | None = None
    description: str = ""
    organiser: Person | None = None
    attendees: tuple[Person, ...] = ()
    sequence: int = 0  # how many times it was changed since the first invitation
    cancelled: bool = False
    recurrence: Weekly | None = None
    timezone: str = TEAM_TIMEZONE
    stamp: datetime | None = None  # when the invitation is made (UTC); now when None


class Calendar(Protocol):
    """Writes events in a calendar format that calendar programs read."""

    def invitation(self, event: Event) -> bytes:
        """The invitation for `event`, ready to be sent or opened (an .ics file's bytes)."""
