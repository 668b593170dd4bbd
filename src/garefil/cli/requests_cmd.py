"""`garefil demandes` and `garefil demande assigner|clore`: requests until they are closed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import notes as notes_core
from garefil.core import requests as core
from garefil.core.dates import iso, try_parse_date
from garefil.core.model import Note
from garefil.i18n import _, recorded

from . import labels, render
from . import listing as listings
from .common import indexed_listing
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import FormatOpt, JsonOpt, RefArg, person_name, status_option
from .shown_dates import long_date
from .team_cmd import check_referent

request_app = typer.Typer(
    cls=LocalizedGroup, help=_("Requests: assign one, close one."), no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "demandes", _("List the requests, the longest waiting first."), requests)
    app.add_typer(request_app, name="demande")
    add_signing_command(request_app, "assigner", _("Give a request to a référent."), assign)
    add_signing_command(request_app, "clore", _("Close a request (with its motive)."), close)


def requests(
    ctx: typer.Context,
    open_only: Annotated[
        bool, typer.Option("--ouvertes", help=_("Only the requests still open."))
    ] = False,
    without_referent: Annotated[
        bool, typer.Option("--sans-referent", help=_("Only the requests nobody has taken."))
    ] = False,
    status: Annotated[str | None, status_option(_("ouverte or close."))] = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    state = core.check_state(status) if status is not None else None  # before reading notes
    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    wanted = core.RequestFilter(open_only, without_referent, state)
    found = core.requests(listing.notes, wanted)
    found = core.in_order(found, services.recorded_times(notebook, core.undecided(found)))
    render.problems(listing.problems)
    today = clock.today()
    form = listings.chosen(output, as_json)
    if form == "table" and not found:
        render.info(_("No request matches."))
        return
    headers = [_("id"), _("date"), _("status"), _("référent"), _("entrepreneur"), _("title")]
    rows = [_row(n, form) for n in found]
    listings.write(form, headers, rows, lambda: [core.summary(n, today) for n in found])


def _row(note: Note, form: str) -> list[str]:
    return [
        note.id,
        iso(note.date) or "",
        labels.shown_state(note.status or core.OPEN, form),
        note.referent or "—",
        note.entrepreneur or "",
        note.title,
    ]


def assign(
    ctx: typer.Context,
    ref: RefArg,
    referent: Annotated[
        str,
        typer.Argument(
            metavar=_("REFERENT"), help=_("Who takes it (a team member)."), callback=person_name
        ),
    ],
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note = _request(services, notebook, ref)
    name = check_referent(notebook, referent) or referent
    _record(services, notebook, note, core.assignment(note, name, clock.today()), name)
    render.success(_("Request {id} given to {name}.").format(id=note.id, name=name))


def close(
    ctx: typer.Context,
    ref: RefArg,
    motive: Annotated[
        str | None,
        typer.Option("--motif", metavar=_("TEXT"), help=_("Why it is closed."), show_default=False),
    ] = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    note = _request(services, notebook, ref)
    if core.closed_already(note):  # said, not closed again: its day and motive stay
        _say_closed(note)
        return
    _record(services, notebook, note, core.closing(note, clock.today(), motive), recorded("closed"))
    render.success(_("Request {id} closed.").format(id=note.id))


def _say_closed(note: Note) -> None:
    day = long_date(try_parse_date(note.metadata.get(core.CLOSED_ON))) or "?"
    motive = note.metadata.get(core.MOTIVE)
    if motive:
        said = _("Request {id} is already closed, on {day} ({motive}): nothing changed.")
    else:
        said = _("Request {id} is already closed, on {day}: nothing changed.")
    render.info(said.format(id=note.id, day=day, motive=motive))


def _request(services: Services, notebook, ref: str) -> Note:
    """The note `ref` names, read from its file."""
    listing = indexed_listing(services, notebook)
    return notes_core.read(notebook, notes_core.resolve_path(notebook, ref, Path.cwd(), listing))


def _record(services: Services, notebook, note: Note, changes: dict, what: str) -> None:
    """Write `changes` in the request's header (its lines only) and commit them."""
    if not notes_core.update(notebook, note.path, changes):
        return
    message = notes_core.commit_message(note, " — " + what)
    services.repository(notebook.root).commit([notebook.absolute(note.path)], message)
