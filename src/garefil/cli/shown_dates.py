"""Dates as a coach reads them on screen: « lundi 15 avril 2024 », « … à 14:30 ».

Babel knows the names of days and months in every language garefil speaks; it is imported only
when a date is shown in words (a note at the terminal, the home screen), never for a listing,
whose short ISO dates line up and sort at a glance, nor for JSON, which stays ISO.
"""

from __future__ import annotations

from datetime import datetime

from garefil.core.dates import NoteDate, day_of
from garefil.i18n import _, language


def long_date(value: NoteDate | None) -> str:
    """`value` in words in the coach's language (« vendredi 15 mars 2024 à 14:30 »); "" for none."""
    if value is None:
        return ""
    from babel.dates import format_date

    day = format_date(day_of(value), format="full", locale=language())
    if not isinstance(value, datetime):
        return day
    return _("{day} at {time}").format(day=day, time=value.strftime("%H:%M"))
