"""The day and the moment garefil takes for today and now: the one clock every command reads.

$GAREFIL_TODAY (a date, ISO or as a coach types it) sets it, for every command alike: to see the
notebook as it will stand on that day (what is due, the next meeting and its roles, the home
screen), and for examples that give the same answer every day. What a command writes meanwhile
is dated that day too (a new note, a postponement, a request closed, when a coach wrote it in
git): one "today" for what is shown and what is written, never two that disagree. Only stamps
that record when the machine did something (git's commit times, a calendar's DTSTAMP, when a
pad was fetched) keep the real clock: `machine_now`.

One rule for the moment: the day it names, at the real time of day, so that "now" moves through
that day as the coach's does (an appointment of this morning can have its report, this
afternoon's meeting is still to come); a time given with the day (« 2024-03-20 10:30 ») fixes
the moment itself, for an answer that does not depend on the hour either.

The variable is read here and nowhere else, like the clock itself: a command that asked
`date.today()` directly would see another day than the screen beside it.
"""

from __future__ import annotations

import os
from datetime import date, datetime

VARIABLE = "GAREFIL_TODAY"


def now() -> datetime:
    """The present moment, or the moment $GAREFIL_TODAY names (its day at the real time of day,
    unless it gives the time)."""
    fixed = fixed_moment()
    return datetime.now() if fixed is None else fixed


def machine_now() -> datetime:
    """The real present moment, whatever $GAREFIL_TODAY says: for stamps of what the machine
    did (when a pad was fetched), never for what a coach sees or writes."""
    return datetime.now()


def fixed_moment() -> datetime | None:
    """The moment $GAREFIL_TODAY names (None when it is empty): its day at the real time of day,
    or the time it gives; InvalidToday when it is no date."""
    fixed = os.environ.get(VARIABLE, "").strip()
    if not fixed:
        return None
    from .dates import parse_date  # dates.py reads the clock too, for « demain »
    from .errors import InvalidDate, InvalidToday

    try:
        moment = parse_date(fixed, date.today())  # « lundi » in the variable: from the real day
    except InvalidDate:
        raise InvalidToday(value=fixed) from None  # said where it comes from, or it is a riddle
    if isinstance(moment, datetime):
        return moment
    return datetime.combine(moment, datetime.now().time())  # the day moves on, as the coach's


def today() -> date:
    """The day garefil takes for today: the real one, or the one $GAREFIL_TODAY names."""
    return now().date()
