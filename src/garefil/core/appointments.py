"""Appointments (`rdv`): booked `prevu`, then `tenu`, `annule` or `reporte` to another date.

An appointment lives in its note's header: `date` (day and time), `lieu` or `lien` (a place or a
video link), `status`. Each change touches only its lines: cancelling records the day and the
motive; postponing moves `date` and keeps every former date in `reports` (a list of
{du, au, le}), so that the thread tells when it was moved, and an invitation sent again replaces
the first one in the entrepreneur's calendar (its sequence number is the number of moves).
A postponed appointment is still to be held: it can be held, cancelled or moved again.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .dates import NoteDate, iso
from .errors import (
    AppointmentNotPlanned,
    AppointmentNotYet,
    AppointmentSameDate,
    AppointmentStateRefused,
    AppointmentWithoutDate,
    AppointmentWithoutTime,
    NotAnAppointment,
    UnknownStatus,
)
from .events import DEFAULT_MINUTES, Event, Person
from .model import Note
from .moments import has_begun
from .notetypes import is_type
from .text import fold, slugify

APPOINTMENT = "rdv"
PLANNED = "prevu"
HELD = "tenu"
CANCELLED = "annule"
POSTPONED = "reporte"
STATES = (PLANNED, HELD, CANCELLED, POSTPONED)
PENDING = (PLANNED, POSTPONED)
PLACE = "lieu"
LINK = "lien"
POSTPONEMENTS = "reports"
CANCELLED_ON = "annule_le"
MOTIVE = "motif"
DURATION = "duree"  # in minutes, when it is not the usual hour
REPORT = "cr"  # the id of its report, once written (`garefil new cr --rdv`)
# States are the team's words, written without accents in the files (typed either way).
LABELS = {PLANNED: "prévu", HELD: "tenu", CANCELLED: "annulé", POSTPONED: "reporté"}


def label(state: str) -> str:
    """A state as the team writes it in a sentence ("annule" → "annulé")."""
    return LABELS.get(fold(state).strip(), state)


def state_of(note: Note) -> str:
    """The appointment's state, however it is spelt in the file ("Annulé" is `annule`)."""
    typed = fold(note.status or PLANNED).strip()
    return typed if typed in STATES else PLANNED


def check_state(typed: str) -> str:
    """The state `typed` names, accents or not ("annulé" or "annule"); UnknownStatus otherwise."""
    if fold(typed).strip() in STATES:
        return fold(typed).strip()
    raise UnknownStatus(name=typed, known=", ".join(STATES))


def is_pending(note: Note) -> bool:
    """Whether an appointment is said to be still to be held (`prevu`, or `reporte` to another
    date). One without any state, adopted from another tool, is not: `suivi` would otherwise
    call every old appointment of an adopted notebook a missing report."""
    return is_type(note, APPOINTMENT) and fold(note.status or "").strip() in PENDING


def check_appointment(note: Note) -> None:
    """NotAnAppointment unless `note` is a rdv."""
    if not is_type(note, APPOINTMENT):
        raise NotAnAppointment(id=note.id, type=note.type)


def _from_pending(note: Note, wanted: str) -> None:
    check_appointment(note)
    if state_of(note) not in PENDING:
        raise AppointmentStateRefused(
            id=note.id, status=label(state_of(note)), wanted=label(wanted)
        )


def check_planned(when: NoteDate | None, typed: str | None) -> None:
    """An appointment is planned at a time, not only on a day (README: « une date et une
    heure »); AppointmentWithoutTime names what was `typed` when the hour is missing."""
    if when is None or typed is None:
        raise AppointmentNotPlanned()
    if not isinstance(when, datetime):
        raise AppointmentWithoutTime(value=" ".join(typed.split()))


def holding(note: Note, now: datetime) -> dict[str, Any]:
    """The header changes that say appointment `note` was held; AppointmentNotYet while its
    time has not come (a report then sent for it would say it was held before it was)."""
    _from_pending(note, HELD)
    check_begun(note, now)
    return {"status": HELD}


def check_begun(note: Note, now: datetime) -> None:
    """AppointmentNotYet while appointment `note`'s time has not come: it cannot have been
    held, nor have a report (`new cr --rdv` marks it held)."""
    if note.date is not None and not has_begun(note.date, now):
        raise AppointmentNotYet(id=note.id, when=iso(note.date))


def cancelling(note: Note, today: date, motive: str | None) -> dict[str, Any]:
    """The header changes that cancel appointment `note` (with its motive, if given)."""
    _from_pending(note, CANCELLED)
    changes: dict[str, Any] = {"status": CANCELLED, CANCELLED_ON: today}
    return changes | ({MOTIVE: motive} if motive else {})


def postponing(note: Note, new: NoteDate, today: date) -> dict[str, Any]:
    """The header changes that move appointment `note` to `new`; the former date is kept in
    the `reports` history. A new day without a time keeps the former time."""
    _from_pending(note, POSTPONED)
    if isinstance(note.date, datetime) and not isinstance(new, datetime):
        new = datetime.combine(new, note.date.time())
    if new == note.date:  # a move to where it is would be a postponement that moved nothing
        raise AppointmentSameDate(id=note.id, when=new)
    history = [dict(step) for step in postponements(note)]
    history.append({"du": note.date, "au": new, "le": today})
    return {"date": new, "status": POSTPONED, POSTPONEMENTS: history}


def postponements(note: Note) -> list[dict[str, Any]]:
    """The moves recorded in the header, oldest first (entries that are not mappings skipped)."""
    return [step for step in note.metadata.get(POSTPONEMENTS) or [] if isinstance(step, dict)]


def in_the_past(when: NoteDate, now: datetime) -> bool:
    """Whether an appointment at `when` would already be over: a day before today, or a time
    before now (allowed, for one booked after the fact, but worth a word)."""
    if isinstance(when, datetime):
        return when < now
    return when < now.date()


def report_of(note: Note) -> str | None:
    """The id of the report written for this appointment, if any."""
    value = note.metadata.get(REPORT)
    return str(value).strip() or None if value else None


def invitation(note: Note, organiser: Person | None, guest: Person | None) -> Event:
    """The calendar event of appointment `note`: the same UID however often it is moved (the
    sequence counts the changes), cancelled when the appointment is."""
    check_appointment(note)
    if note.date is None:
        raise AppointmentWithoutDate(id=note.id)
    link = _text(note.metadata.get(LINK))
    place = _text(note.metadata.get(PLACE))
    return Event(
        uid=f"{note.id}@garefil",
        summary=note.title,
        start=note.date,
        minutes=_minutes(note.metadata.get(DURATION)),
        location=place or (f"Visio : {link}" if link else None),
        url=link if link and link.startswith(("https://", "http://")) else None,
        description=_description(note, link),
        organiser=organiser,
        attendees=(guest,) if guest else (),
        sequence=_sequence(note),
        cancelled=state_of(note) == CANCELLED,
    )


def _sequence(note: Note) -> int:
    """The invitation's revision (RFC 5545 SEQUENCE): one more at each change the entrepreneur
    is sent, each move and the cancellation (only a pending appointment is cancelled, so it
    comes last). A calendar ignores a revision not above the one it holds."""
    return len(postponements(note)) + (state_of(note) == CANCELLED)


def invitation_file_name(note: Note) -> str:
    """The invitation's default file name: the id made a slug, since a teammate may have
    written any id by hand (`../../x` must never lead out of the folder it is written in)."""
    return f"{slugify(note.id, max_length=80) or 'rendez-vous'}.ics"


def _description(note: Note, link: str | None) -> str:
    # Sent to the entrepreneur: the team's language, like the notes themselves.
    lines = [f"Rendez-vous d'accompagnement avec {note.referent}." if note.referent else ""]
    lines.append(f"Lien de la visio : {link}" if link else "")
    return "\n".join(line for line in lines if line)


def _minutes(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= 24 * 60:
        return value
    return DEFAULT_MINUTES


def _text(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None
