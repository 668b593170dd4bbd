"""The thread of one entrepreneur: every step about them, in time order.

The notes naming the person (fiche, requests, appointments, reports…) are read from their files,
a few dozen at most, for the steps their headers keep (référent changes, a request assigned or
closed); decisions and open actions that name them are found in every note's catalogue fields.
The steps are values: the command line says them in the coach's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from . import appointments, reports
from .dates import NoteDate, day_of, iso, try_parse_date
from .model import Note
from .moments import moment
from .notetypes import is_type
from .requests import ASSIGNED_ON, CLOSED_ON, MOTIVE, REQUEST
from .text import person_id, person_key

# Within a day, a step comes at its time: the one its header gives (an appointment at 16:00), else
# when git recorded it that day (`recorded`: a note's creation for the note itself, its latest
# change for a closing, a new référent or a sending). A step of a day git cannot speak for (a
# note dated another day, or never committed) keeps the story's order: the fiche, its référent,
# the requests (each followed by its référent when written already assigned) and appointments at
# the start of the day; reports (written after the appointment they report on), requests assigned
# later, then closed or cancelled, at its end. Who took a request is one step whether it came
# with the request or later (`demande assigner`): only its date differs. Among steps at the
# same moment, that order too; a change of référent comes after the day's notes written for the
# former référent. A postponement comes before the time it moved the appointment to, however late
# it was typed: typed after that time, it comes, and is shown, at the appointment it moved (see
# _placed), so that the thread's dates always go forward.
_RANK = {
    "fiche": 0,
    "referent": 1,
    "demande": 2,
    "rdv": 4,
    "cr": 5,
    "assigned": 6,
    "closed": 10,
    "cancelled": 10,
}
_GIVEN_AT_ONCE = 3  # a request written already assigned: its référent comes right after it
_LATE_REFERENT = 7
_DAY_ENDS = 5  # unrecorded steps from this rank on come at the end of their day


@dataclass(frozen=True)
class Step:
    """One dated thing in an entrepreneur's thread."""

    when: NoteDate | None
    # a note type, or "referent", "assigned", "closed", "postponed", "cancelled", "sent",
    # "decision", "action"
    kind: str
    text: str
    note: Note
    former: str = ""  # a change of référent's: who it was before
    # the latest it can have happened: a move, before the time it moved the appointment to
    before: datetime | None = None
    moved: NoteDate | None = None  # a move's: the time of the appointment it moved
    # where the thread places it: `when`, unless it was typed after the fact (see _placed)
    placed: NoteDate | None = None

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a step (documented in docs/json.md)."""
        return {
            "date": iso(self.when),
            "order_date": iso(self.placed),
            "kind": self.kind,
            "text": self.text,
            "status": self.note.status if self.kind == self.note.type else None,
            "id": self.note.id,
            "path": self.note.path,
        }


def thread(
    name: str,
    own: Iterable[Note],
    everything: Iterable[Note],
    since: date | None = None,
    until: date | None = None,
    recorded: Mapping[str, tuple[datetime, datetime]] | None = None,
) -> list[Step]:
    """The steps of `name`'s thread: `own` are their notes read from disk (headers whole),
    `everything` the catalogue's notes (for decisions and actions naming them), `recorded`
    when git first and last recorded each of the notes (by path)."""
    steps = [step for note in own for step in _note_steps(note)]
    steps += _mentions(name, everything)
    given = {(day_of(s.when), person_id(who)) for s in steps if (who := _referent_given(s))}

    def rank(step: Step) -> int:
        late = step.kind == "referent" and (day_of(step.when), person_id(step.former)) in given
        if _given_at_once(step):
            return _GIVEN_AT_ONCE
        return _LATE_REFERENT if late else _RANK.get(step.kind, 9)

    placed = [_placed(s, _moment(s, (recorded or {}).get(s.note.path), rank(s))) for s in steps]
    kept = [(at, s) for at, s in placed if _within(s.placed, since, until)]
    # To the minute, the precision a header keeps (a report sent at 14:31 is written « 14:31 »,
    # while git counts seconds): within a minute, the story's order decides, then the seconds.
    kept.sort(key=lambda p: (_minute(p[0]), rank(p[1]), p[0], p[1].note.path, p[1].kind))
    return [step for _at, step in kept]


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def _placed(step: Step, at: datetime) -> tuple[datetime, Step]:
    """Where `step`, which happened at `at`, comes in the thread, and the step dated there. A
    move typed after the time it moved the appointment to (with the report, or months later)
    comes at the appointment it moved; one that brought it forward, just before its new time."""
    if step.before is None or at <= step.before:
        return at, replace(step, placed=step.when)
    if step.moved is not None and (moved := moment(step.moved, None)) <= step.before:
        return moved, replace(step, placed=step.moved)
    return step.before, replace(step, placed=day_of(step.before))


def _referent_given(step: Step) -> str:
    """The référent a note written, or a request assigned, at `step` was given."""
    if step.kind == "assigned":
        return step.text
    return step.note.referent or "" if step.kind in ("demande", "rdv", "cr") else ""


def _note_steps(note: Note) -> list[Step]:
    steps = [Step(note.date, note.type, note.title, note)]
    former = ""
    for change in note.metadata.get("referents") or []:
        if isinstance(change, dict) and change.get("nom"):
            when, name = try_parse_date(change.get("depuis")), str(change["nom"])
            steps.append(Step(when, "referent", name, note, former))
            former = name
    steps += _assignment_steps(note)
    if is_type(note, REQUEST) and note.metadata.get(CLOSED_ON):
        when = try_parse_date(note.metadata[CLOSED_ON])
        steps.append(Step(when, "closed", str(note.metadata.get(MOTIVE) or ""), note))
    return steps + _appointment_steps(note) + _report_steps(note)


def _assignment_steps(note: Note) -> list[Step]:
    """Who took request `note`, and when: one step, whether it was written already assigned or
    given later. Only a header read whole says so (the catalogue's notes keep none)."""
    if not is_type(note, REQUEST) or not note.metadata:
        return []
    if not (note.metadata.get(ASSIGNED_ON) or note.referent):
        return []
    return [Step(_assigned_on(note), "assigned", note.referent or "", note)]


def _assigned_on(request: Note) -> NoteDate | None:
    """When `request` was given to its référent: the day `demande assigner` wrote, else when it
    was written, already assigned (from the fiche, or `--referent`)."""
    if request.metadata.get(ASSIGNED_ON):
        return try_parse_date(request.metadata[ASSIGNED_ON])
    return request.date


def _given_at_once(step: Step) -> bool:
    """Whether `step` is the assignment of a request written already assigned."""
    return step.kind == "assigned" and not step.note.metadata.get(ASSIGNED_ON)


def _appointment_steps(note: Note) -> list[Step]:
    """An appointment's moves (on the day each was decided) and its cancellation."""
    if not is_type(note, appointments.APPOINTMENT):
        return []
    steps = _postponements(note)
    cancelled = note.metadata.get(appointments.CANCELLED_ON)
    if cancelled and appointments.state_of(note) == appointments.CANCELLED:
        motive = str(note.metadata.get(appointments.MOTIVE) or "")
        steps.append(Step(try_parse_date(cancelled), "cancelled", motive, note))
    return steps


def _postponements(note: Note) -> list[Step]:
    """An appointment's moves, each dated the day it was typed, which may be after the fact (a
    move typed with the report, or later): a move happened before the time it moved the
    appointment to, and before the next move, so before the appointment held and its report."""
    steps: list[Step] = []
    latest = datetime.max
    for move in reversed(appointments.postponements(note)):
        to = try_parse_date(move.get("au"))
        if to is not None:
            latest = min(latest, moment(to, None) - timedelta(microseconds=1))
        when, moved = try_parse_date(move.get("le")), try_parse_date(move.get("du"))
        steps.insert(0, Step(when, "postponed", _move(move), note, before=latest, moved=moved))
    return steps


def _move(move: dict[str, Any]) -> str:
    before, after = try_parse_date(move.get("du")), try_parse_date(move.get("au"))
    return f"{iso(before) or '?'} → {iso(after) or '?'}"


def _report_steps(note: Note) -> list[Step]:
    """A report's sendings: when, to whom, the earlier ones first (a report marked sent by
    hand, without its day, has its state shown on its own line)."""
    sent_on = note.metadata.get(reports.SENT_ON)
    if not is_type(note, reports.REPORT) or not reports.is_sent(note) or not sent_on:
        return []
    earlier = [
        Step(try_parse_date(step.get("le")), "sent", _recipients(step.get("a")), note)
        for step in reports.earlier_sendings(note)
    ]
    last = _recipients(note.metadata.get(reports.RECIPIENTS))
    return [*earlier, Step(try_parse_date(sent_on), "sent", last, note)]


def _recipients(recipients: Any) -> str:
    if isinstance(recipients, list):
        return ", ".join(map(str, recipients))
    return str(recipients or "")


def _mentions(name: str, notes: Iterable[Note]) -> list[Step]:
    """Decisions naming `name`, and open actions for them or naming them, in any note."""
    key = person_key(name)
    steps = []
    for note in notes:
        steps += [
            Step(note.date, "decision", d.text, note) for d in note.decisions if _names(d.text, key)
        ]
        steps += [
            Step(a.due or note.date, "action", str(a), note)
            for a in note.actions
            if not a.done and (_names(a.what, key) or _names(a.who or "", key))
        ]
    return steps


def _names(text: str, key: str) -> bool:
    return f" {key} " in f" {person_key(text)} "


def _within(when: NoteDate | None, since: date | None, until: date | None) -> bool:
    day = day_of(when)
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) and (until is None or day <= until)


def _moment(step: Step, recorded: tuple[datetime, datetime] | None, rank: int) -> datetime:
    """When `step` happened, as closely as the header and git tell (local time, naive)."""
    at = None
    if recorded is not None:
        at = recorded[0] if _made_with_note(step) else recorded[1]
    return moment(step.when, at, late=rank >= _DAY_ENDS)


def _made_with_note(step: Step) -> bool:
    """Whether `step` was written when its note was: the note itself, its first référent, the
    decisions and actions it holds; later changes (a closing, a sending…) came after."""
    return (
        step.kind in (step.note.type, "decision", "action")
        or (step.kind == "referent" and not step.former)
        or _given_at_once(step)
    )
