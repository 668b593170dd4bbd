"""Reports (`cr`): written from an appointment, `brouillon` until sent, then `envoye`.

A report written for an appointment (`garefil new cr --rdv REF`) is pre-filled from it and the
two notes name each other (`rdv:` in the report, `cr:` in the appointment, which becomes
`tenu`). Sending records `status: envoye`, `envoye_le` and `destinataires` in the report's
header, whether garefil sent it (`cr envoyer`, once the mail server accepted it) or the coach
did (`cr envoye`). A report is sent once; sending it again takes `--encore`, and the earlier
sendings are kept, oldest first, in the `envois` history (`le`, `a`). The e-mail itself is a
value (core/mail.py): the body is the report's Markdown made a letter (core/mail_text.py), and
its attachments the documents filed on it, then the files it links to that lie inside the
notebook (core/report_files.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote

from . import appointments
from .dates import NoteDate, day_of
from .email_address import address_of
from .errors import (
    AlreadySent,
    AppointmentStateRefused,
    InvalidEmail,
    NotAReport,
    NotInNotebook,
    ReportExists,
    SentInFuture,
)
from .events import Person
from .mail import Attachment, Mail
from .model import Note
from .notebook import Notebook
from .notes import NewNote
from .notetypes import is_type
from .text import fold

REPORT = "cr"
DRAFT = "brouillon"
SENT = "envoye"
LABELS = {DRAFT: "brouillon", SENT: "envoyé"}
APPOINTMENT = "rdv"  # the report's link to its appointment
SENT_ON = "envoye_le"
RECIPIENTS = "destinataires"
SENDINGS = "envois"  # the earlier sendings, oldest first: [{le, a}]
MAX_ATTACHMENT = 15 * 1024 * 1024  # most mail servers refuse a message over 20 to 25 MB
# Markdown links and images: [text](target "title") and ![alt](target).
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*(?:<([^>\n]+)>|([^)\s]+))(?:\s+\"[^\"]*\")?\s*\)")


def label(state: str | None) -> str:
    """A report's state as the team writes it in a sentence ("envoye" → "envoyé")."""
    typed = fold(state or DRAFT).strip()
    return LABELS.get(typed, state or DRAFT)


def is_sent(note: Note) -> bool:
    """Whether a report was sent to the entrepreneur."""
    return fold(note.status or "").strip() == SENT


def check_report(note: Note) -> None:
    """NotAReport unless `note` is a cr."""
    if not is_type(note, REPORT):
        raise NotAReport(id=note.id, type=note.type)


def from_appointment(rdv: Note, asked: NewNote) -> NewNote:
    """The report `asked` for appointment `rdv`: what the coach gave, the rest from the rdv.

    AppointmentStateRefused for a cancelled appointment, ReportExists when it has its report.
    """
    appointments.check_appointment(rdv)
    if appointments.state_of(rdv) == appointments.CANCELLED:
        raise AppointmentStateRefused(
            id=rdv.id,
            status=appointments.label(appointments.CANCELLED),
            wanted=appointments.label(appointments.HELD),
        )
    if appointments.report_of(rdv):
        raise ReportExists(rdv=rdv.id, cr=appointments.report_of(rdv))
    people = (rdv.referent, rdv.entrepreneur, *rdv.participants, *asked.participants)
    return replace(
        asked,
        title=asked.title or _title(rdv),
        entrepreneur=asked.entrepreneur or rdv.entrepreneur,
        referent=asked.referent or rdv.referent,
        participants=tuple(dict.fromkeys(p for p in people if p)),
        tags=tuple(dict.fromkeys((*rdv.tags, *asked.tags))),
        date=asked.date or rdv.date,
        fields=(*asked.fields, (APPOINTMENT, rdv.id)),
    )


def _title(rdv: Note) -> str:
    # A title is notebook content, in the team's language like the templates.
    day = day_of(rdv.date)
    when = f" du {day:%d/%m/%Y}" if day else ""
    who = f" — {rdv.entrepreneur}" if rdv.entrepreneur else ""
    return f"Compte-rendu du rendez-vous{when}{who}"


def linking(rdv: Note, report_id: str) -> dict[str, Any]:
    """The appointment's header changes once its report is written: held, and linked."""
    appointments.check_appointment(rdv)
    return {"status": appointments.HELD, appointments.REPORT: report_id}


def sending(
    note: Note, when: NoteDate, recipients: Iterable[str], again: bool = True
) -> dict[str, Any]:
    """The header changes that record report `note` as sent on `when` to `recipients`;
    AlreadySent when it was sent before and `again` is not said. The sending it replaces is
    kept in the `envois` history."""
    check_report(note)
    changes: dict[str, Any] = {"status": SENT, SENT_ON: when}
    if is_sent(note):
        if not again:
            day = day_of(_date(note.metadata.get(SENT_ON)))
            raise AlreadySent(id=note.id, day=day.isoformat() if day else "?", sent_on=day)
        changes[SENDINGS] = [*earlier_sendings(note), _last_sending(note)]
    recipients = list(recipients)
    return (changes | {RECIPIENTS: recipients}) if recipients else changes


def sent_day(when: NoteDate, today: date) -> NoteDate:
    """`when`, the day a report was sent by hand; SentInFuture for a day still to come: a
    sending is recorded once it is done (`suivi` would take the report as sent)."""
    day = day_of(when)
    if day is not None and day > today:
        raise SentInFuture(day=day)
    return when


def recipients_typed(typed: Iterable[str]) -> tuple[str, ...]:
    """The addresses given with `--a`, as addresses; InvalidEmail for one that is none."""
    found = []
    for text in typed:
        address = address_of(text)
        if address is None:
            raise InvalidEmail(value=text)
        found.append(address)
    return tuple(dict.fromkeys(found))


def earlier_sendings(note: Note) -> list[dict[str, Any]]:
    """The sendings before the last one, oldest first (entries that are not mappings skipped)."""
    history = note.metadata.get(SENDINGS)
    if not isinstance(history, list):
        return []
    return [dict(step) for step in history if isinstance(step, dict)]


def _last_sending(note: Note) -> dict[str, Any]:
    recipients = note.metadata.get(RECIPIENTS) or []
    to = [str(r) for r in recipients] if isinstance(recipients, list) else [str(recipients)]
    return {"le": note.metadata.get(SENT_ON), "a": to}


def _date(value: Any) -> date | None:
    if isinstance(value, datetime | date):
        return value
    return None


def subject(note: Note) -> str:
    """The e-mail's subject: the report's title, said to be one."""
    if "compte-rendu" in fold(note.title).replace(" ", "-"):
        return note.title
    return f"Compte-rendu : {note.title}"


def linked_files(note: Note) -> list[str]:
    """The targets of the report's links that may be files of the notebook (relative to the
    notebook, '/'-separated), in order: web links, anchors and notes (.md) are not files to
    send; a target leaving the notebook is kept, to be refused where it is read."""
    return list(_linked(note))


def _linked(note: Note) -> dict[str, str]:
    """`linked_files`, each with its target as the note writes it (decoded), which is how a
    link left out is named to the coach: « /etc/passwd », not the « etc/passwd » it is read as."""
    folder = PurePosixPath(note.path).parent
    found: dict[str, str] = {}
    for bracketed, bare in _LINK.findall(note.body):
        target = unquote(bracketed or bare)  # devis%20sign%C3%A9.pdf is a file's name too
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target) or target.startswith("#"):
            continue  # https:, mailto:… and anchors
        target = target.split("#", 1)[0].split("?", 1)[0]
        if not target or target.lower().endswith(".md"):
            continue
        path = PurePosixPath(target.lstrip("/")) if target.startswith("/") else folder / target
        found.setdefault(_normal(path), target)
    return found


def _normal(path: PurePosixPath) -> str:
    """`path` with `.` and `..` folded (a `..` above the notebook is kept, to be refused)."""
    parts: list[str] = []
    for part in path.parts:
        if part == ".." and parts and parts[-1] != "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def attachments(notebook: Notebook, note: Note) -> tuple[list[Attachment], list[str]]:
    """The files the report links to that lie inside the notebook, and the links left out
    (outside it, through a symbolic link, missing, or too big to send)."""
    found: list[Attachment] = []
    left_out: list[str] = []
    for relative, written in _linked(note).items():
        try:
            path = notebook.absolute(relative)  # UnsafePath for a link leading outside
            if not path.is_file() or path.stat().st_size > MAX_ATTACHMENT:
                left_out.append(written)
                continue
            found.append(Attachment(path.name, path.read_bytes()))
        except (NotInNotebook, OSError, ValueError):
            left_out.append(written)
    return found, left_out


@dataclass(frozen=True)
class Outgoing:
    """The e-mail of a report, and the links left out of it (outside, missing, too big)."""

    mail: Mail
    left_out: tuple[str, ...] = ()


def mail_of(
    note: Note,
    sender: Person,
    recipients: tuple[Person, ...],
    attachments: Iterable[Attachment],
    left_out: Iterable[str] = (),
    wording: tuple[str | None, str | None] = (None, None),
) -> Outgoing:
    """The e-mail that sends report `note`: its title as subject, its text as a letter to the
    entrepreneur (core/mail_text.py), with the coach's greeting and signature (`wording`, the
    settings mail.salutation and mail.signature; None: the defaults)."""
    from .mail_text import greeting_for, letter, signature_for

    check_report(note)
    greeting = greeting_for(wording[0], note.entrepreneur)
    mail = Mail(
        subject=subject(note),
        sender=sender,
        recipients=recipients,
        markdown=letter(note.body, note.title, greeting, signature_for(wording[1], sender.name)),
        attachments=tuple(attachments),
    )
    return Outgoing(mail, tuple(left_out))
