"""`garefil bilan`: what the team did over a period, counted from the catalogue.

Every figure is a small function of the notes dated in the period (and, for what a note's
history says, such as a request's closing day, of the few notes concerned). A figure comes from
the module that owns its fact: requests from requests.py, appointments' and reports' states from
the same rules as `suivi`. A figure whose fact the notebook does not record yet is left out and
named in `missing`, never guessed.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from .appointments import APPOINTMENT, CANCELLED, HELD, report_of, state_of
from .bilan_lists import Item, decided, open_actions, open_requests
from .dates import day_of, try_parse_date
from .errors import InvalidPeriod, PeriodBackwards
from .model import Note
from .moments import is_over
from .notetypes import is_type
from .register import ADOPTED, REPLACED
from .register_list import action_entries, decision_entries
from .reports import REPORT, SENT_ON, is_sent
from .requests import CLOSED_ON, REQUEST, is_open
from .text import person_id

MEETING = "reunion"


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date

    def __contains__(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()} → {self.end.isoformat()}"


def between(start: date, end: date) -> Period:
    """The period from `start` to `end`; PeriodBackwards when it ends before it starts."""
    if end < start:
        raise PeriodBackwards(start=start.isoformat(), end=end.isoformat())
    return Period(start, end)


def quarter(text: str) -> Period:
    """The period `2024T1` (or 2024Q1, 2024-T1) names; InvalidPeriod otherwise."""
    found = re.fullmatch(r"\s*(\d{4})\s*-?\s*[tTqQ]\s*([1-4])\s*", text)
    if not found:
        raise InvalidPeriod(value=text)
    year, number = int(found.group(1)), int(found.group(2))
    start = date(year, 3 * number - 2, 1)
    following = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return Period(start, following - timedelta(days=1))


class Charts(Protocol):
    """Draws a bilan's charts as PNG images (an adapter: a plotting library)."""

    def activity(self, activity: dict[str, dict[str, int]], title: str) -> bytes:
        """Notes per month, stacked by référent."""

    def delays(self, delays: tuple[int, ...], title: str) -> bytes:
        """How many days appointments waited for their report."""


@dataclass(frozen=True)
class Bilan:
    """The figures of one period (and one référent, if asked)."""

    period: Period
    referent: str | None
    figures: dict[str, Any] = field(default_factory=dict)
    roles: dict[str, dict[str, int]] = field(default_factory=dict)  # person → role → count
    tags: tuple[tuple[str, int], ...] = ()
    activity: dict[str, dict[str, int]] = field(default_factory=dict)  # month → référent → notes
    delays: tuple[int, ...] = ()  # days from appointment to sent report
    missing: tuple[str, ...] = ()  # figures whose facts the notebook does not record yet
    decided: tuple[Item, ...] = ()  # decisions adopted in the period
    open_actions: tuple[Item, ...] = ()  # written by the period's end, not done
    open_requests: tuple[Item, ...] = ()  # received by the period's end, open on its last day

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a bilan (documented in docs/json.md)."""
        return {
            "from": self.period.start.isoformat(),
            "to": self.period.end.isoformat(),
            "referent": self.referent,
            **self.figures,
            "roles": self.roles,
            "tags": [{"tag": t, "count": c} for t, c in self.tags],
            "activity": self.activity,
            "missing": list(self.missing),
            "decided": [item.summary() for item in self.decided],
            "still_open": {
                "actions": [item.summary() for item in self.open_actions],
                "requests": [item.summary() for item in self.open_requests],
            },
        }


def in_period(notes: Iterable[Note], period: Period) -> list[Note]:
    """The notes dated in `period`."""
    return [n for n in notes if day_of(n.date) in period]


def median(values: Iterable[float]) -> float | None:
    """The median of `values`, None when there are none."""
    values = list(values)
    return statistics.median(values) if values else None


def entrepreneur_figures(notes: list[Note], period: Period) -> dict[str, int]:
    """Entrepreneurs with a note in the period, and those whose first note is in it."""
    first: dict[str, date] = {}
    for note in notes:
        day = day_of(note.date)
        if note.entrepreneur and day is not None:
            key = person_id(note.entrepreneur)
            first[key] = min(first.get(key, day), day)
    followed = {person_id(n.entrepreneur) for n in in_period(notes, period) if n.entrepreneur}
    new = {key for key, day in first.items() if day in period}
    return {"entrepreneurs_followed": len(followed), "entrepreneurs_new": len(new)}


def request_figures(
    notes: list[Note], period: Period, closed_on: Mapping[str, date]
) -> dict[str, Any]:
    """Requests opened and closed in the period, and the median days they stayed open;
    `closed_on` gives each closed request's closing day (by path), read from its header."""
    requests = [n for n in notes if is_type(n, REQUEST)]
    opened = [n for n in requests if day_of(n.date) in period]
    closed = [n for n in requests if not is_open(n) and closed_on.get(n.path) in period]
    durations = [
        (closed_on[n.path] - day_of(n.date)).days for n in closed if day_of(n.date) is not None
    ]
    return {
        "requests_opened": len(opened),
        "requests_closed": len(closed),
        "requests_median_open_days": median(durations),
    }


def closing_day(metadata: Mapping[str, Any]) -> date | None:
    """The day a request was closed, as `demande clore` writes it."""
    return day_of(try_parse_date(metadata.get(CLOSED_ON)))


def register_figures(notes: list[Note], period: Period, today: date) -> dict[str, int]:
    """Decisions taken in the period's notes (adopted, or adopted then replaced: a proposal or
    an abandoned one was not taken), their actions, done, and overdue (open, due before today or
    the period's end if earlier), as the register (register_list.py) sees them."""
    taken = [
        e
        for e in decision_entries(notes)
        if day_of(e.source.note.date) in period and e.status in (ADOPTED, REPLACED)
    ]
    actions = [e for e in action_entries(notes) if day_of(e.source.note.date) in period]
    limit = min(today, period.end)
    return {
        "decisions": len(taken),
        "actions": len(actions),
        "actions_done": sum(1 for e in actions if e.action.done),
        "actions_overdue": sum(1 for e in actions if e.late(limit)),
    }


def held_meetings(notes: list[Note], period: Period, now: datetime) -> list[Note]:
    """The period's team meetings whose time is past by `now`: a prepared one is not held."""
    return [
        n
        for n in in_period(notes, period)
        if is_type(n, MEETING) and n.date and is_over(n.date, now)
    ]


def meeting_figures(notes: list[Note], period: Period, now: datetime) -> dict[str, int]:
    """Team meetings held in the period."""
    return {"meetings": len(held_meetings(notes, period, now))}


def meeting_roles(notes: list[Note], period: Period, now: datetime) -> dict[str, dict[str, int]]:
    """Who held which role in the period's meetings, and how many times (register.py's roles:
    animation, notes, temps)."""
    roles: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for note in held_meetings(notes, period, now):
        for role, person in note.roles:
            roles[person][role] += 1
    return {person: dict(counts) for person, counts in sorted(roles.items())}


def top_tags(notes: list[Note], period: Period, limit: int = 10) -> tuple[tuple[str, int], ...]:
    """The tags most used by the period's notes."""
    counts = Counter(tag for n in in_period(notes, period) for tag in n.tags)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit])


def monthly_activity(notes: list[Note], period: Period) -> dict[str, dict[str, int]]:
    """Notes per month and per référent (or author), for the activity chart."""
    activity: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for note in in_period(notes, period):
        who = note.referent or note.author or "—"
        activity[day_of(note.date).strftime("%Y-%m")][who] += 1
    return {month: dict(people) for month, people in sorted(activity.items())}


def only_referent(notes: Iterable[Note], referent: str | None) -> list[Note]:
    """The notes of one référent (all of them when None)."""
    if referent is None:
        return list(notes)
    return [n for n in notes if n.referent and person_id(n.referent) == person_id(referent)]


def appointment_figures(
    notes: list[Note], period: Period, full: Mapping[str, Note]
) -> tuple[dict[str, Any], tuple[int, ...]]:
    """Appointments held and cancelled in the period (appointments.py's states), reports
    written and sent (reports.py), and the days from each appointment to its report, written
    and sent (`envoye_le`); `full` holds the appointments and sent reports read whole."""
    dated = in_period(notes, period)
    rdvs = [n for n in dated if is_type(n, APPOINTMENT)]
    reports = [n for n in dated if is_type(n, REPORT)]
    by_id = {n.id: n for n in notes}
    written, sent = [], []
    for rdv in rdvs:
        report = by_id.get(report_of(full[rdv.path]) or "") if rdv.path in full else None
        held_on = day_of(rdv.date)
        if report is None or held_on is None:
            continue
        # A report dated or sent before its appointment's day was not about it being held:
        # no negative delay is counted.
        if day_of(report.date) and day_of(report.date) >= held_on:
            written.append((day_of(report.date) - held_on).days)
        sent_on = _sent_on(full.get(report.path))
        if sent_on and sent_on >= held_on:
            sent.append((sent_on - held_on).days)
    figures = {
        "appointments_held": sum(1 for n in rdvs if state_of(n) == HELD),
        "appointments_cancelled": sum(1 for n in rdvs if state_of(n) == CANCELLED),
        "reports_written": len(reports),
        "reports_sent": sum(1 for n in reports if is_sent(n)),
        "median_days_rdv_to_report": median(written),
        "median_days_rdv_to_sent_report": median(sent),
    }
    return figures, tuple(sorted(written))


def _sent_on(report: Note | None) -> date | None:
    """The day a report was sent, as `cr envoyer` and `cr envoye` record it."""
    if report is None or not is_sent(report):
        return None
    return day_of(try_parse_date(report.metadata.get(SENT_ON)))


# Figures the issue asks for whose facts the notebook does not record: said, never guessed.
# Each is named here until a module records its fact; then it joins the figures above.
NOT_RECORDED: tuple[str, ...] = ()


def bilan(
    notes: list[Note],
    period: Period,
    today: date,
    full: Mapping[str, Note],
    referent: str | None = None,
    now: datetime | None = None,
) -> Bilan:
    """The figures of `period` over the catalogue's `notes` (`full`: the requests and
    appointments concerned, read whole, by path); meetings count as held once their time is
    past by `now` (the start of `today` when not given)."""
    now = now or datetime.combine(today, time.min)
    notes = only_referent(notes, referent)
    closed_on = {p: day for p, n in full.items() if (day := closing_day(n.metadata))}
    rdv_figures, delays = appointment_figures(notes, period, full)
    remaining = open_actions(notes, period), open_requests(notes, period, closed_on)
    figures = {
        **entrepreneur_figures(notes, period),
        **rdv_figures,
        **request_figures(notes, period, closed_on),
        "requests_open_at_end": len(remaining[1]),
        **register_figures(notes, period, today),
        "actions_open": len(remaining[0]),
        **meeting_figures(notes, period, now),
    }
    return Bilan(
        period,
        referent,
        figures,
        roles=meeting_roles(notes, period, now),
        tags=top_tags(notes, period),
        activity=monthly_activity(notes, period),
        delays=delays,
        missing=NOT_RECORDED,
        decided=decided(notes, period),
        open_actions=remaining[0],
        open_requests=remaining[1],
    )


def to_read(notes: Iterable[Note], period: Period) -> list[str]:
    """The notes whose header holds facts the catalogue lacks: closed requests (their closing
    day), the period's appointments (their report) and the reports sent since the period began
    (the day they were sent)."""
    return sorted(
        n.path
        for n in notes
        if (is_type(n, REQUEST) and not is_open(n))
        or (is_type(n, APPOINTMENT) and day_of(n.date) in period)
        or (is_type(n, REPORT) and is_sent(n) and (day_of(n.date) or date.min) >= period.start)
    )
