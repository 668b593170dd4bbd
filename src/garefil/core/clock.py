"""The day and the moment garefil takes for today and now: the one clock every command reads.

$GAREFIL_TODAY (a date, ISO or as a coach types it) sets it, for every command alike: to see the
notebook as it will stand on that day (what is due, the next meeting and its roles, the home
screen), and for examples that give the same answer every day. What a command writes meanwhile
is dated that day too (a new note, a postponement, a request closed): one "today" for what is
shown and what is written, never two that disagree. Only stamps that record when the machine
did something (git's commit times, a calendar's DTSTAMP, when a pad was fetched) keep the real
clock.

The variable is read here and nowhere else, like the clock itself: a command that asked
`date.today()` directly would see another day than the screen beside it.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time

VARIABLE = "GAREFIL_TODAY"


def now() -> datetime:
    """The present moment, or the start of the day $GAREFIL_TODAY names."""
    fixed = os.environ.get(VARIABLE, "").strip()
    if not fixed:
        return datetime.now()
    from .dates import parse_date  # dates.py reads the clock too, for « demain »
    from .errors import InvalidDate, InvalidToday

    try:
        moment = parse_date(fixed, date.today())  # « lundi » in the variable: from the real day
    except InvalidDate:
        raise InvalidToday(value=fixed) from None  # said where it comes from, or it is a riddle
    return moment if isinstance(moment, datetime) else datetime.combine(moment, time())


def today() -> date:
    """The day garefil takes for today: the real one, or the one $GAREFIL_TODAY names."""
    return now().date()
