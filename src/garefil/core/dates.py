"""Dates as the team writes them in notes, and as a coach types them on the command line.

In a note's front-matter a date is ISO: a day (2020-04-10) or a day and time (2020-04-10T14:00).
A time written with a zone (2024-01-01T10:00:00+05:00, as other tools write them) is read as
the time written there, the zone set aside: the day and hour a coach reads in the file are the
ones garefil shows, sorts and filters by, and every date compares with every other.

On the command line a coach may also write a date in French (15/03, 15 mars, demain, lundi
prochain, dans 2 semaines…: see french_dates.py and docs/dates.md). Those forms are for typing
only: a note's date stays ISO, because « demain » in a file would change meaning every day.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from .errors import EmptyDate, InvalidDate

NoteDate = date | datetime
_ISO_SHAPED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")  # year first: ISO meant, even mistyped


def parse_date(value: object, today: date | None = None, ahead: bool = False) -> NoteDate:
    """A `date` or `datetime` from YAML or from a user's text, ISO or French (relative forms
    count from `today`, by default garefil's: core/clock.py; with `ahead`, for what is being
    planned, a day written without its year is the next one to come); raises InvalidDate
    otherwise."""
    found = _from_iso(value)
    if found is None:
        _refuse_impossible_iso(str(value).strip())
    if found is None:
        from . import clock
        from .french_dates import read_french  # ISO, the common case, costs nothing more

        found = read_french(str(value), today or clock.today(), ahead)
    if found is None and not str(value).strip():
        raise EmptyDate()  # « «  » is not a date » would show an empty pair of quotes
    if found is None:
        raise InvalidDate(value=str(value).strip())
    return found


def _refuse_impossible_iso(text: str) -> None:
    """Raise InvalidDate for a year-first date whose month or day cannot be: 2027-13-02 is a
    slip for an ISO date, which the French reader would otherwise take for another day."""
    shaped = _ISO_SHAPED.match(text)
    if shaped:
        try:
            date(*map(int, shaped.groups()))
        except ValueError:
            raise InvalidDate(value=text) from None


def _from_iso(value: object) -> NoteDate | None:
    """A YAML date, or ISO text; None for anything else."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # the time as written, the zone set aside
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:  # a day without a time stays a day (`20261003` too): no midnight is made up for it
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).replace(second=0, microsecond=0, tzinfo=None)
    except ValueError:
        return None


def try_parse_date(value: object) -> NoteDate | None:
    """A note's ISO date, or None for a missing or unreadable one (used when reading notes)."""
    if value is None or value == "":
        return None
    return _from_iso(value)


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
