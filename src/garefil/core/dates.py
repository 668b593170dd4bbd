"""Dates as the team writes them: ISO days (2020-04-10) or day and time (2020-04-10T14:00).

A time written with a zone (2024-01-01T10:00:00+05:00, as other tools write them) is read as
the time written there, the zone set aside: the day and hour a coach reads in the file are the
ones garefil shows, sorts and filters by, and every date compares with every other.
"""

from __future__ import annotations

from datetime import date, datetime

from .errors import InvalidDate

NoteDate = date | datetime


def parse_date(value: object) -> NoteDate:
    """A `date` or `datetime` from YAML or from a user's text; raises InvalidDate otherwise."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # the time as written, the zone set aside
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        raise InvalidDate(value=text) from None


def try_parse_date(value: object) -> NoteDate | None:
    """Like parse_date, but None for a missing or unreadable value (used when reading notes)."""
    if value is None or value == "":
        return None
    try:
        return parse_date(value)
    except InvalidDate:
        return None


def day_of(value: NoteDate | None) -> date | None:
    """The calendar day of a date or datetime, for filtering and sorting."""
    if isinstance(value, datetime):
        return value.date()
    return value


def iso(value: NoteDate | None) -> str | None:
    """ISO text: '2020-04-10' or '2020-04-10T14:00'."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()
