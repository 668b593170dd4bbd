"""Dates as a coach reads them on screen: « lundi 15 avril 2024 », « … à 14h30 ».

The names of days and months of the two languages garefil speaks are written here: Babel would
know them too, but loading it cost about 50 ms, a sixth of what the home screen may take, for
fourteen words. A note at the terminal and the home screen show dates in words; listings keep
the short ISO form, which lines up and sorts at a glance, and JSON stays ISO.
"""

from __future__ import annotations

from datetime import datetime

from garefil.core.dates import NoteDate, day_of
from garefil.core.french_dates import MONTHS as FRENCH_MONTHS
from garefil.core.french_dates import WEEKDAYS, clock
from garefil.i18n import _, language

DAYS = {
    "fr": WEEKDAYS,
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
MONTHS = {
    "fr": FRENCH_MONTHS,
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def day_in_words(value: NoteDate | None) -> str:
    """The day of `value` in words, without its weekday (« 1er mars 2024 »); "" for no date."""
    day = day_of(value)
    if day is None:
        return ""
    words = language() if language() in DAYS else "en"
    number = "1er" if words == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[words][day.month - 1]} {day.year}"


def month_in_words(month: str) -> str:
    """A month written `2024-05` in words in the coach's language (« mai 2024 »); as written
    when it is not one."""
    year, _sep, number = month.partition("-")
    if not (year.isdigit() and number.isdigit() and 1 <= int(number) <= 12):
        return month
    words = language() if language() in MONTHS else "en"
    return f"{MONTHS[words][int(number) - 1]} {year}"


def long_date(value: NoteDate | None) -> str:
    """`value` in words in the coach's language (« vendredi 1er mars 2024 à 14h30 »); "" for
    no date."""
    day = day_of(value)
    if day is None:
        return ""
    words = language() if language() in DAYS else "en"
    text = f"{DAYS[words][day.weekday()]} {day_in_words(day)}"
    if not isinstance(value, datetime):
        return text
    time = clock(value) if words == "fr" else value.strftime("%H:%M")
    return _("{day} at {time}").format(day=text, time=time)
