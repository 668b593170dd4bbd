"""Dates as a coach types them: 15/03/2024, 15/03, 15 mars, demain, lundi prochain, dans 2 semaines.

The rules for the forms that need one (docs/dates.md gives them in French, with examples):
- a day without a year (15/03, 15 mars) is in the current year, as on a wall calendar; for
  what is being planned (an appointment, a due date, a meeting: `ahead`), a day of this year
  already gone is next year's, as a diary reads it in December;
- a weekday alone or with « prochain » (lundi, lundi prochain) is the next one to come, never
  today; with « dernier » it is the last one gone, never today;
- a time after a day (15/03 14h30, demain à 9h, lundi 14:00) makes a day and time; a time
  alone is today at that time.
Numbers and weekdays are read here, exactly: dateparser reads `32/03` as 2032 and adds `9h` to
the current hour. Month names, words (hier, demain, après-demain) and spans (dans 2 semaines,
il y a 3 jours) are dateparser's, imported only for them: it takes about half a second to load.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from .text import plain_apostrophes

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_TIME = re.compile(r"(?:^|\s+)(?:à\s+)?(\d{1,2})\s*(?:h|:)\s*(\d{2})?$")
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?")
_WEEKDAY = re.compile(r"(" + "|".join(WEEKDAYS) + r")(?:\s+(prochain|dernier))?")
# Month names as typed, with or without accents, and in English (dateparser reads both).
_MONTH_WORDS = frozenset(
    (
        *MONTHS,
        "fevrier",
        "aout",
        "decembre",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    )
)


def read_french(text: str, today: date, ahead: bool = False) -> date | datetime | None:
    """The day (and time) `text` names relative to `today`, or None when it names none; with
    `ahead`, a day written without its year is the next one to come."""
    words = _normalised(text)
    if not words:
        return None
    day_text, clock = _split_time(words)
    day = _day(day_text, today) if day_text else today
    if day is None or clock is False:
        return None
    if ahead and day < today and _without_year(day_text):
        day = _a_year_later(day)
    return datetime.combine(day, clock) if clock else day


def _without_year(words: str) -> bool:
    """Whether `words` name a day of a month but no year (15/03, 15 mars, 1er août)."""
    numeric = _NUMERIC.fullmatch(words)
    if numeric:
        return numeric.group(3) is None
    named = not _MONTH_WORDS.isdisjoint(re.findall(r"[^\W\d_]+", words))  # « semaine » has no mai
    return named and not re.search(r"\d{4}", words)


def _a_year_later(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February: next year has none, the day stays as read
        return day


def _normalised(text: str) -> str:
    words = " ".join(plain_apostrophes(text).lower().split())
    words = words.removeprefix("le ").replace("aujourdhui", "aujourd'hui")
    return words


def _split_time(words: str) -> tuple[str, time | None | bool]:
    """The day part and the time written after it (None: no time; False: an impossible one)."""
    found = _TIME.search(words)
    if not found:
        return words, None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    if hour > 23 or minute > 59:
        return words, False
    return words[: found.start()].strip(), time(hour, minute)


def _day(words: str, today: date) -> date | None:
    numeric = _NUMERIC.fullmatch(words)
    if numeric:
        return _numeric_day(*numeric.groups(), today=today)
    weekday = _WEEKDAY.fullmatch(words)
    if weekday:
        return _weekday(WEEKDAYS.index(weekday.group(1)), weekday.group(2), today)
    if words.isdigit():
        return None  # a lone number (12, 2024) names no day; dateparser would guess one
    return _spelled_day(words, today)


def _numeric_day(day: str, month: str, year: str | None, today: date) -> date | None:
    """15/03/2024, 15/03/24 or 15/03 (this year); None for a day that does not exist."""
    full_year = today.year if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(full_year, int(month), int(day))
    except ValueError:
        return None


def _weekday(index: int, which: str | None, today: date) -> date:
    """The next such weekday to come (never today), or with « dernier » the last one gone."""
    if which == "dernier":
        return today - timedelta(days=(today.weekday() - index - 1) % 7 + 1)
    return today + timedelta(days=(index - today.weekday() - 1) % 7 + 1)


def _spelled_day(words: str, today: date) -> date | None:
    """Month names, words and spans, read by dateparser (in French, and in English)."""
    import dateparser  # half a second to load: only for text that needs it

    found = dateparser.parse(
        words,
        languages=["fr", "en"],
        settings={
            "RELATIVE_BASE": datetime.combine(today, time()),
            "PREFER_DATES_FROM": "current_period",  # 15 mars: this year's
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month"],  # « mars » alone names no day
        },
    )
    return found.date() if found else None


def spelled_out(value: date) -> str:
    """`value` as a French sentence says it: « lundi 1er décembre 2026 à 14h00 »."""
    day = value.date() if isinstance(value, datetime) else value
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"
    return f"{text} à {clock(value)}" if isinstance(value, datetime) else text


def clock(value: datetime | time) -> str:
    """A time of day as French writes it: 14h00, 9h30."""
    return f"{value.hour}h{value.minute:02d}"
