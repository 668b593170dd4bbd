"""`garefil cr envoye|envoyer`: a report sent, by hand or by e-mail from garefil."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import appointments, clock
from garefil.core import notes as notes_core
from garefil.core import reports as core
from garefil.core.atomic_files import write_new_file
from garefil.core.dates import parse_date
from garefil.core.entrepreneurs import email_of
from garefil.core.errors import (
    AlreadySent,
    AlreadySentByMail,
    NoEmail,
    SmtpNotSet,
    SmtpPasswordMissing,
)
from garefil.core.events import Person
from garefil.core.mail import SmtpServer, smtp_server
from garefil.core.model import Listing, Note
from garefil.core.notebook import Notebook
from garefil.core.report_files import ReportFiles, refused_error, report_files
from garefil.core.settings import MAIL_WORDING, SmtpSettings, smtp_password
from garefil.i18n import _, with_names

from ..core.notetypes import is_type
from . import render
from .context import Services
from .localized import LocalizedGroup, add_signing_command
from .options import RefArg
from .recording import entrepreneur_fiche, note_of_type, record
from .shown_dates import long_date

cr_app = typer.Typer(
    cls=LocalizedGroup,
    help=_("Reports: send one by e-mail, or record a sending done by hand."),
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    app.add_typer(cr_app, name="cr")
    add_signing_command(cr_app, "envoyer", _("Send a report by e-mail to the entrepreneur."), send)
    add_signing_command(
        cr_app,
        "envoye",
        _("Record that a report was sent (by hand, from your own mail program)."),
        record_sent,
        aliases=("envoyé",),
    )


def record_sent(
    ctx: typer.Context,
    ref: RefArg,
    when: Annotated[
        str | None,
        typer.Option(
            "--le", metavar="DATE", help=_("When it was sent (default: today)."), show_default=False
        ),
    ] = None,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--a",
            metavar=_("ADDRESS"),
            help=_("To whom (repeatable; default: the address in the fiche)."),
            show_default=False,
        ),
    ] = None,
    again: Annotated[
        bool, typer.Option("--encore", help=_("Record another sending of a report sent already."))
    ] = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    day = core.sent_day(parse_date(when), clock.today()) if when is not None else clock.today()
    typed = core.recipients_typed(to or ())  # what is typed is refused before any note is read
    note, listing = _report(services, notebook, ref)
    recipients = typed or _fiche_address(notebook, listing, note)
    changes = _sending(note, day, recipients, again)  # AlreadySent, as `cr envoyer` says
    record(services, notebook, note, changes, core.label(core.SENT))
    render.success(
        _("Report {id} recorded as sent on {day} to {to}.").format(
            id=note.id, day=long_date(day), to=", ".join(recipients) or "—"
        )
    )


def _sending(note: Note, when, recipients, again: bool, by_mail: bool = False) -> dict:
    """core.sending, its refusal saying the day of the earlier sending in words (and, for a
    report garefil would send, that --encore sends it again)."""
    try:
        return core.sending(note, when, recipients, again)
    except AlreadySent as sent:
        day = long_date(sent.params.get("sent_on")) or "?"
        refusal = AlreadySentByMail if by_mail else AlreadySent
        raise refusal(id=note.id, day=day) from None


def _report(services: Services, notebook: Notebook, ref: str) -> tuple[Note, Listing]:
    """The report `ref` names, with the listing it was found in; NotAReport for another type."""
    note, listing = note_of_type(services, notebook, ref, core.REPORT)
    core.check_report(note)
    return note, listing


def _fiche_address(notebook: Notebook, listing: Listing, note: Note) -> tuple[str, ...]:
    fiche = entrepreneur_fiche(notebook, listing, note.entrepreneur)
    email = email_of(fiche)
    return (email,) if email else ()


def send(
    ctx: typer.Context,
    ref: RefArg,
    draft: Annotated[
        Path | None,
        typer.Option(
            "--brouillon-eml",
            metavar=_("FILE"),
            help=_("Write the message in this .eml file instead, for your own mail program."),
            show_default=False,
        ),
    ] = None,
    again: Annotated[
        bool, typer.Option("--encore", help=_("Send it again, though it was sent already."))
    ] = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note, listing = _report(services, notebook, ref)
    fiche = entrepreneur_fiche(notebook, listing, note.entrepreneur)
    settings = _settings(services, notebook)
    if settings is not None:
        smtp_server(settings, None)  # a login that would travel in clear: refused first
    outgoing, files = _outgoing(services, notebook, note, fiche, settings)
    if draft is not None:
        _write_draft(services, note, outgoing, files, draft)
        return
    if not outgoing.mail.recipients:
        raise NoEmail(name=note.entrepreneur or "—", fiche=fiche.id if fiche else "—")
    if settings is None:
        settings = services.smtp_settings(notebook)  # SmtpNotSet, naming the missing key
    now = clock.now().replace(second=0, microsecond=0)
    _sending(note, now, (), again, by_mail=True)  # AlreadySent before anything leaves
    files.refuse(note)  # a document filed on it that cannot go: not sent without it
    server = _with_password(settings)
    accepted = services.mailer().send(outgoing.mail, server)
    changes = _sending(note, now, accepted, again)
    record(services, notebook, note, changes, core.label(core.SENT))
    render.success(_("Report {id} sent to {to}.").format(id=note.id, to=", ".join(accepted)))
    _say_attached(outgoing)


def _outgoing(
    services: Services,
    notebook: Notebook,
    note: Note,
    fiche: Note | None,
    settings: SmtpSettings | None,
) -> tuple[core.Outgoing, ReportFiles]:
    """The report's e-mail: from the coach, to the entrepreneur, with the documents filed on it
    and the files it links to; and those files, with the documents that cannot go."""
    email = email_of(fiche)
    guest = (Person(email, note.entrepreneur),) if email else ()
    files = report_files(notebook, note)
    sender = _sender(services, notebook, settings)
    wording = services.settings(notebook, keys=MAIL_WORDING)
    said = tuple(str(wording[key].value or "") or None for key in MAIL_WORDING)
    outgoing = core.mail_of(note, sender, guest, files.attached, files.left_out, said)
    if outgoing.left_out:
        render.problem_line(
            _("Not attached (outside the notebook, missing or too big): {files}").format(
                files=", ".join(outgoing.left_out)
            )
        )
    return outgoing, files


def _say_attached(outgoing: core.Outgoing) -> None:
    """The files that went with the message, by name and weight."""
    if outgoing.mail.attachments:
        names = ", ".join(
            f"{a.filename} ({max(1, len(a.data) // 1024)} ko)" for a in outgoing.mail.attachments
        )
        render.info(_("Attached: {files}").format(files=names))


def _settings(services: Services, notebook: Notebook) -> SmtpSettings | None:
    """The coach's mail settings, or None while they are incomplete (a draft needs none: git
    says who writes; sending asks for them once the report is known to be sendable)."""
    try:
        return services.smtp_settings(notebook)
    except SmtpNotSet:
        return None


def _sender(services: Services, notebook: Notebook, settings: SmtpSettings | None) -> Person:
    """The coach: the sender setting ("Awa Diallo <awa@exemple.org>"), else git's identity."""
    from email.utils import parseaddr

    repository = services.repository(notebook.root)
    name, email = parseaddr(settings.sender) if settings else ("", "")
    if not email:
        return Person(repository.author_email() or "", repository.author_name())
    return Person(email, name or repository.author_name())


def _write_draft(
    services: Services, note: Note, outgoing: core.Outgoing, files: ReportFiles, target: Path
) -> None:
    """The message in an .eml file, for the coach's own mail program: a document that cannot
    go is said, and left for the coach to attach there."""
    if not outgoing.mail.recipients:
        render.problem_line(
            with_names(
                _("No e-mail address in {name}'s fiche: the message has no recipient yet."),
                name=note.entrepreneur or "—",
            )
        )
    for refused in files.refused:
        render.problem_line(render.problem_text(refused_error(note, refused)))
    write_new_file(target, services.mailer().message(outgoing.mail))
    _say_attached(outgoing)
    render.success(
        _("Message written in {path}; once sent, `garefil cr envoye {id}` records it.").format(
            path=target, id=note.id
        )
    )


def _with_password(settings: SmtpSettings) -> SmtpServer:
    """The server with its password: from the environment, else asked at the terminal."""
    if not settings.login:
        return smtp_server(settings, None)
    password = smtp_password(os.environ)
    if password is None and not sys.stdin.isatty():
        raise SmtpPasswordMissing(login=settings.login, server=f"{settings.host}:{settings.port}")
    if password is None:
        prompt = _("Password of {login} on {server}").format(
            login=settings.login, server=settings.host
        )
        password = typer.prompt(prompt, hide_input=True)
    return smtp_server(settings, password)


def for_appointment(
    services: Services, notebook: Notebook, ref: str, asked: notes_core.NewNote
) -> tuple[Note, notes_core.NewNote]:
    """The appointment `ref` names and the report `asked` pre-filled from it; the appointment's
    header is checked now, so that nothing the coach writes waits on a header that cannot be
    changed."""
    if not is_type(asked, core.REPORT):
        raise typer.BadParameter(_("--rdv is for a report: garefil new cr --rdv REF"))
    rdv, _listing = note_of_type(services, notebook, ref, appointments.APPOINTMENT)
    appointments.check_begun(rdv, clock.now())
    request = core.from_appointment(rdv, asked)
    notes_core.patched(notebook, rdv.path, core.linking(rdv, "?"))
    return rdv, request


def link_appointment(notebook: Notebook, rdv: Note, report_path: str) -> tuple[str, ...]:
    """Mark the appointment held and name its report in it; its path, to be committed."""
    report = notes_core.read(notebook, report_path)
    notes_core.update(notebook, rdv.path, core.linking(rdv, report.id))
    notebook.stamp_after(report_path, (rdv.path,))  # `@dernier` stays the report just written
    return (rdv.path,)
