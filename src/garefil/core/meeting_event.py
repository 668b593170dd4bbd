"""The team meeting as a calendar event: a weekly series from the next meeting on.

The series' uid is made of the notebook's name and the slot, so that every coach who writes the
invitation, on any clone, week after week, writes the same event: a calendar that already has it
updates it instead of adding a second one. A new slot is a new series.
"""

from __future__ import annotations

from datetime import datetime

from .events import Event, Person, Weekly
from .meetings import WEEKDAYS, Slot
from .text import slugify


def meeting_event(name: str, setting: Slot, start: datetime, organiser: Person | None) -> Event:
    """The weekly meeting of the notebook called `name`, starting at `start`."""
    minutes = (
        datetime.combine(start.date(), setting.end) - datetime.combine(start.date(), setting.start)
    ).seconds // 60
    day = WEEKDAYS[setting.weekday]
    return Event(
        uid=f"garefil-reunion-{slugify(name)}-{day}-{setting.start:%H%M}@garefil",
        summary=f"Réunion d'équipe — {name}",
        start=start,
        minutes=minutes or 60,
        description=(
            f"Chaque {day}, {setting.start:%H}h{setting.start:%M}–{setting.end:%H}h"
            f"{setting.end:%M}. Ordre du jour et rôles : garefil reunion preparer."
        ),
        organiser=organiser,
        recurrence=Weekly(),
    )
