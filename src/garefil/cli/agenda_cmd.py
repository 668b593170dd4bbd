"""`garefil ordre-du-jour …`: the subjects of the coming meeting, proposed during the week.

The coming meeting is the one of core/meetings.py, as `roles` and the sommaire say. A subject
waits in the queue (core/agenda.py), one small file each, so that two coaches adding one at
once never conflict: preparing the note, or refreshing its agenda once written
(`reunion preparer`), takes them in. The list shows the subjects of the note's agenda first.
"""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.core import clock, meetings
from garefil.core.dates import iso
from garefil.core.model import NoteFilter
from garefil.core.notebook import Notebook
from garefil.core.team import member_named
from garefil.i18n import _

from . import listing as listings
from . import render
from .common import author, candidates
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import FormatOpt, JsonOpt, person_name
from .shown_dates import long_date

agenda_app = typer.Typer(
    cls=LocalizedGroup,
    help=_("Subjects for the next meeting."),
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    """Add `ordre-du-jour` (alone: its list), `ordre-du-jour ajouter` and `… liste` to `app`."""
    app.add_typer(agenda_app, name="ordre-du-jour")
    agenda_app.callback()(agenda_alone)
    add_signing_command(agenda_app, "ajouter", _("Queue a subject for the next meeting."), queue)
    add_command(agenda_app, "liste", _("The subjects queued for the next meeting."), queued)


def _coming(services: Services, notebook: Notebook) -> meetings.Coming:
    """The coming meeting (core/meetings.py), from the meeting notes only."""
    _wanted, held = candidates(services, notebook, NoteFilter(types=(meetings.MEETING,)))
    return meetings.coming(meetings.slot(notebook.config.meeting), clock.now(), held.notes)


def queue(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar=_("TEXT"), help=_("The subject."))],
    by: Annotated[
        str | None,
        typer.Option(
            "--par", metavar=_("NAME"), help=_("Who asks (default: you)."), callback=person_name
        ),
    ] = None,
) -> None:
    from garefil.core import agenda as agenda_core

    services: Services = ctx.obj
    notebook = services.notebook()
    repository = services.repository(notebook.root)
    by = (member_named(notebook.config, by) or " ".join(by.split())) if by else author(repository)
    path, content = agenda_core.subject_file(text, by, clock.today())
    coming = _coming(services, notebook)
    written = notebook.write_new(path, content)
    said = " ".join(text.split())
    repository.commit([written], f"ordre du jour: {said[:60]}")
    day = long_date(coming.start.date())
    render.success(_("Queued for the meeting of {day}: {text}").format(day=day, text=said))
    if coming.note is not None:
        # Written into the note by one coach while another adds one too, it would be a conflict:
        # it waits in its own file, and refreshing the agenda takes it in.
        render.info(_("Its note is written: `garefil reunion preparer` adds it to its agenda."))


def agenda_alone(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    """Without a command: the subjects of the coming meeting, as `ordre-du-jour liste`."""
    if ctx.invoked_subcommand is None:
        queued(ctx, as_json, output)


def queued(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    from garefil.core import agenda as agenda_core
    from garefil.core.meeting_note import subject_of_line

    from . import meeting_agenda

    services: Services = ctx.obj
    notebook = services.notebook()
    coming = _coming(services, notebook)
    subjects = agenda_core.queued(notebook)
    if coming.note is not None:  # its agenda is written: the subjects in it come first
        lines = meeting_agenda.subjects_of(notebook, coming.note)
        written = [subject_of_line(line, coming.note.path) for line in lines]
        subjects = [*written, *subjects]
    form = listings.chosen(output, as_json)
    day = long_date(coming.start.date())
    if form == "table" and not subjects:
        render.info(_("No subject for the meeting of {day} yet.").format(day=day))
        return
    if form == "table":
        render.info(_("Subjects for the meeting of {day}:").format(day=day))
    rows = [[iso(s.day) or "", s.by or "—", s.text] for s in subjects]
    data = lambda: [s.summary() for s in subjects]  # noqa: E731
    listings.write(form, [_("date"), _("by"), _("subject")], rows, data)
