"""`garefil rdv tenu|annule|reporte|ics`: an appointment from booked to held (or not)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import appointments as core
from garefil.core import clock
from garefil.core.dates import NoteDate, parse_date
from garefil.core.events import Person
from garefil.core.model import Listing, Note
from garefil.core.notebook import Notebook
from garefil.core.text import same_person
from garefil.i18n import _

from . import render
from .context import Services
from .invitation_file import coach_inviting, write_invitation
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import RefArg, invitation_output
from .recording import entrepreneur_email, note_of_type, record
from .shown_dates import long_date

rdv_app = typer.Typer(
    cls=LocalizedGroup,
    help=_("Appointments: held, cancelled, postponed; the invitation to send."),
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    app.add_typer(rdv_app, name="rdv")
    add_signing_command(rdv_app, "tenu", _("Say an appointment was held."), held)
    # The accented spellings work too, unlisted: one name each in the help.
    add_signing_command(
        rdv_app, "annule", _("Cancel an appointment (with its motive)."), cancel, ("annulé",)
    )
    add_signing_command(
        rdv_app, "reporte", _("Move an appointment to another date."), postpone, ("reporté",)
    )
    add_command(rdv_app, "ics", _("Write the appointment's invitation (iCalendar)."), ics)


def held(ctx: typer.Context, ref: RefArg) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note, _listing = note_of_type(services, notebook, ref, core.APPOINTMENT)
    changes = core.holding(note, clock.now())
    if not record(services, notebook, note, changes, core.label(core.HELD)):
        render.info(_("No change."))
        return
    render.success(_("Appointment {id}: held.").format(id=note.id))


def cancel(
    ctx: typer.Context,
    ref: RefArg,
    motive: Annotated[
        str | None,
        typer.Option(
            "--motif", metavar=_("TEXT"), help=_("Why it is cancelled."), show_default=False
        ),
    ] = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note, _listing = note_of_type(services, notebook, ref, core.APPOINTMENT)
    changes = core.cancelling(note, clock.today(), motive)
    record(services, notebook, note, changes, core.label(core.CANCELLED))
    render.success(_("Appointment {id}: cancelled.").format(id=note.id))


def postpone(
    ctx: typer.Context,
    ref: RefArg,
    new: Annotated[
        str,
        typer.Option(
            "--au",
            metavar="DATE",
            help=_(
                "The new date: « jeudi 14h », « 10/04 14h30 » or 2020-04-10T14:00 (a day "
                "alone keeps the time)."
            ),
            show_default=False,
        ),
    ],
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note, _listing = note_of_type(services, notebook, ref, core.APPOINTMENT)
    changes = core.postponing(note, parse_date(new, ahead=True), clock.today())
    warn_if_past(changes["date"], moved=True)
    record(services, notebook, note, changes, core.label(core.POSTPONED))
    render.success(
        _("Appointment {id} moved to {when}.").format(id=note.id, when=long_date(changes["date"]))
    )


def warn_if_past(when: NoteDate, moved: bool = False) -> None:
    """An appointment booked (or `moved`) into the past is written, with a word about it."""
    if core.in_the_past(when, clock.now()):
        said = (
            _("{when} is already past: the appointment is moved there all the same.")
            if moved
            else _("{when} is already past: the appointment is written all the same.")
        )
        render.problem_line(said.format(when=long_date(when)))


def ics(
    ctx: typer.Context,
    ref: RefArg,
    output: Annotated[Path | None, invitation_output("ID.ics")] = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note, listing = note_of_type(services, notebook, ref, core.APPOINTMENT)
    core.check_appointment(note)  # before any word about the guest's address
    guest = _guest(notebook, listing, note)
    event = core.invitation(note, _organiser(services.repository(notebook.root), note), guest)
    data = services.calendar().invitation(event)
    write_invitation(services, notebook, data, output, core.invitation_file_name(note))


def _guest(notebook: Notebook, listing: Listing, note: Note) -> Person | None:
    """The entrepreneur, invited at their fiche's address (said when there is none)."""
    email = entrepreneur_email(notebook, listing, note.entrepreneur)
    if email is None:
        render.problem_line(
            _("No e-mail address for {name} in a fiche: the invitation invites nobody.").format(
                name=note.entrepreneur or "—"
            )
        )
        return None
    return Person(email, note.entrepreneur)


def _organiser(repository, note: Note) -> Person | None:
    """The référent, when they are the coach at this computer (git knows their address)."""
    coach = coach_inviting(repository)
    if coach is None or not (note.referent is None or same_person(note.referent, coach.name)):
        return None
    return coach
