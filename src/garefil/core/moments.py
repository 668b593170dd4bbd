"""When something dated in a note happened, to order the things of one day.

A note's header often keeps only the day (a request, a closing, a postponement): within that
day, the moment git recorded it tells the order in which things were written (`fil`, the
requests waiting). A header's time wins over git's, which may be much later (a note written
after the fact); git's seconds only order the steps of the minute a header gives.
"""

from __future__ import annotations

from datetime import date, datetime, time

from .dates import NoteDate


def moment(when: NoteDate | None, recorded: datetime | None, late: bool = False) -> datetime:
    """When a thing dated `when` and recorded by git at `recorded` happened (local time, naive);
    a day git cannot speak for counts from its start, or from its end when `late`."""
    if isinstance(when, datetime):
        when = when.astimezone().replace(tzinfo=None) if when.tzinfo else when
        # A header keeps minutes (a report sent at 14:07): git's seconds order that minute.
        same_minute = recorded is not None and recorded.replace(second=0, microsecond=0) == when
        return recorded if same_minute else when
    if recorded is not None and recorded.date() == when:
        return recorded
    return datetime.combine(when or date.max, time.max if late else time.min)


def is_over(when: NoteDate, now: datetime) -> bool:
    """Whether a thing dated `when` has taken place by `now`: its time is past, or, dated by
    the day only, that day is (a meeting of today without its hour may not have been held)."""
    if isinstance(when, datetime):
        return moment(when, None) <= now
    return when < now.date()


def has_begun(when: NoteDate, now: datetime) -> bool:
    """Whether a thing dated `when` has begun by `now`: its time has come, or its day has."""
    if isinstance(when, datetime):
        return moment(when, None) <= now
    return when <= now.date()
