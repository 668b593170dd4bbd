"""iCalendar invitations (RFC 5545) written with the `icalendar` library, imported when used.

An invitation carries the time zone it is written in (a VTIMEZONE built from the system's zone
data), so that 14:00 in Paris stays 14:00 in Paris whatever the calendar program's own zone; an
event given a day alone is an all-day event. METHOD is REQUEST, or CANCEL for a cancelled event,
so that a calendar that received the first invitation updates (or removes) the same event,
found by its UID; SEQUENCE tells it which version is the newer.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from garefil.core.events import Event, Person, Weekly

PRODUCT = "-//garefil//garefil//FR"


class ICalendar:
    """The Calendar port, in iCalendar."""

    def invitation(self, event: Event) -> bytes:
        """The .ics bytes of `event` (one VEVENT, its time zone, METHOD REQUEST or CANCEL)."""
        from icalendar import Calendar

        calendar = Calendar()
        calendar.add("prodid", PRODUCT)
        calendar.add("version", "2.0")
        calendar.add("method", "CANCEL" if event.cancelled else "REQUEST")
        calendar.add_component(_vevent(event))
        if isinstance(event.start, datetime):
            calendar.add_missing_timezones()
            _without_comments(calendar)
        return calendar.to_ical()


def _without_comments(calendar) -> None:
    """Drop the library's English COMMENT on each time zone (the years its rules were
    computed for): coaches read the .ics they forward, and RFC 5545 makes COMMENT optional."""
    for component in calendar.walk():
        if component.name in ("VTIMEZONE", "STANDARD", "DAYLIGHT"):
            component.pop("COMMENT", None)


def _vevent(event: Event):
    from icalendar import Event as VEvent

    vevent = VEvent()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", event.stamp or datetime.now(UTC))
    vevent.add("sequence", event.sequence)
    vevent.add("summary", event.summary)
    start, end = _span(event)
    vevent.add("dtstart", start)
    vevent.add("dtend", end)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    for key, value in (("location", event.location), ("url", event.url)):
        if value:
            vevent.add(key, value)
    if event.description:
        vevent.add("description", event.description)
    if event.organiser:
        vevent.add("organizer", _address(event.organiser))
    for person in event.attendees:
        vevent.add("attendee", _address(person, attendee=True))
    if event.recurrence:
        vevent.add("rrule", _rule(event.recurrence, start))
    return vevent


def _span(event: Event) -> tuple[date | datetime, date | datetime]:
    """Start and end: zoned times, or whole days (an all-day event ends the next day)."""
    if not isinstance(event.start, datetime):
        return event.start, event.start + timedelta(days=1)
    start = event.start.replace(tzinfo=ZoneInfo(event.timezone))
    return start, start + timedelta(minutes=event.minutes)


def _address(person: Person, attendee: bool = False):
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    if person.name:
        address.params["CN"] = person.name
    if attendee:
        address.params["ROLE"] = "REQ-PARTICIPANT"
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def _rule(weekly: Weekly, start: date | datetime) -> dict[str, object]:
    """The RRULE of a weekly series; UNTIL is in UTC when the start has a time (RFC 5545)."""
    rule: dict[str, object] = {"freq": "weekly", "interval": weekly.interval}
    if weekly.count:
        rule["count"] = weekly.count
    elif weekly.until and isinstance(start, datetime):
        last = datetime.combine(weekly.until, start.timetz())  # the last day's occurrence too
        rule["until"] = last.astimezone(UTC)
    elif weekly.until:
        rule["until"] = weekly.until
    return rule
