"""`garefil reunion preparer`, `garefil ordre-du-jour …` and `garefil roles`: the next meeting."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock, meetings
from garefil.core.dates import day_of, iso, parse_date
from garefil.core.errors import MeetingNoteExists
from garefil.core.model import Listing, NoteFilter
from garefil.core.notebook import Notebook
from garefil.core.notetypes import is_type
from garefil.core.register import ROLES
from garefil.core.team import member_named
from garefil.i18n import _, ngettext

from . import labels, render, saved_notes
from . import listing as listings
from .common import candidates, indexed_listing
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import FormatOpt, JsonOpt, NoEditOpt, person_name
from .render_review import line
from .shown_dates import long_date

# `roles` and `ordre-du-jour` read; only preparing a meeting needs its agenda, note and
# invitation: their modules are imported by the functions that use them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from garefil.core.events import Person

meeting_app = typer.Typer(
    cls=LocalizedGroup, help=_("The team meeting: prepare the next one."), no_args_is_help=True
)
agenda_app = typer.Typer(
    cls=LocalizedGroup, help=_("Subjects for the next meeting."), no_args_is_help=True
)
AbsentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--absent",
        metavar=_("NAME"),
        help=_("A member who will not be there (repeatable)."),
        callback=person_name,
    ),
]
WhenOpt = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="DATE",
        help=_("The meeting's day (default: the next slot)."),
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    app.add_typer(meeting_app, name="reunion")
    add_signing_command(
        meeting_app, "preparer", _("Write the next meeting's note, ready."), prepare_cmd
    )
    add_command(
        meeting_app, "ics", _("Write the invitation to the weekly meeting (iCalendar)."), ics
    )
    app.add_typer(agenda_app, name="ordre-du-jour")
    add_signing_command(agenda_app, "ajouter", _("Queue a subject for the next meeting."), queue)
    add_command(agenda_app, "liste", _("The subjects queued for the next meeting."), queued)
    add_command(app, "roles", _("Who held which meeting role, and who is next."), roles)


def prepare_cmd(
    ctx: typer.Context,
    absent: AbsentOpt = None,
    when: WhenOpt = None,
    no_edit: NoEditOpt = False,
    edit: Annotated[  # the former option, kept for the scripts that use it
        bool, typer.Option("--edit", hidden=True, help=_("Open it in your editor."))
    ] = False,
) -> None:
    from .prompts import at_terminal  # the meeting's own commands only

    # As `new`, with one difference: without a terminal (a script, a cron job) nobody could
    # write in the editor, so it opens only when asked with the former --edit.
    opened = edit or (not no_edit and at_terminal())
    prepare(ctx.obj, ctx.obj.notebook(), tuple(absent or ()), when, opened)


def _plan(
    services: Services,
    notebook: Notebook,
    absent,
    when: str | None,
    coming=False,
    listing: Listing | None = None,
):
    """The listing (of every note unless given), the meeting's start (the next one to prepare,
    or with `coming` the next one to be held), the present members and the roles proposed from
    the meetings before it."""
    if listing is None:
        listing = indexed_listing(services, notebook)
    setting = meetings.slot(notebook.config.meeting)
    held = {day_of(n.date) for n in listing.notes if is_type(n, meetings.MEETING)}
    if when:
        start = datetime.combine(day_of(parse_date(when, ahead=True)), setting.start)
    else:
        upcoming = meetings.coming_meeting if coming else meetings.next_meeting
        start = upcoming(setting, clock.now(), held)
    away = [member_named(notebook.config, name) or name for name in absent]
    present = meetings.present_members(notebook.config.members, away)
    choices = meetings.propose(meetings.history(listing.notes, start.date()), present)
    return listing, setting, start, away, present, choices


def prepare(
    services: Services, notebook: Notebook, absent, when: str | None, edit: bool = False
) -> None:
    """Write (and record) the next meeting's note; the queued subjects go into it."""
    from garefil.core import agenda as agenda_core
    from garefil.core import meeting_note
    from garefil.core import notes as notes_core
    from garefil.core.requests import undecided

    from .new_cmd import record_new, written_in_editor

    listing, setting, start, away, present, choices = _plan(services, notebook, absent, when)
    existing = meetings.note_of(listing.notes, start.date())
    if existing is not None:  # a day given with --date: one note per meeting, as `new` does
        raise MeetingNoteExists(day=long_date(start.date()), path=existing.path, id=existing.id)
    for said in _shared_out(present, choices):
        render.info(said)
    subjects = agenda_core.queued(notebook)
    waiting = undecided(agenda_core.unassigned(listing.notes, notebook.config))
    recorded = services.recorded_times(notebook, waiting)
    agenda = agenda_core.gather(listing.notes, subjects, start.date(), notebook.config, recorded)
    request = notes_core.NewNote(
        type=meetings.MEETING,
        title=meeting_note.title(start),
        date=start,
        participants=tuple(present),
        tags=("reunion-equipe",),
        body=meeting_note.body(start, setting.end, choices, agenda),
        fields=(("absents", list(away)),) if away else (),
    )
    repository = services.repository(notebook.root)
    request = replace(request, author=_author_or_none(repository))
    draft = notes_core.draft(notebook, request, clock.today(), listing)
    recovery = None
    if edit:
        draft, recovery = written_in_editor(services, draft)
    saved_notes.write_new(notebook, draft.path, draft.text)
    if recovery is not None:
        recovery.unlink(missing_ok=True)
    for subject in subjects:
        notebook.remove(subject.path)
    record_new(repository, notebook, draft.path, tuple(s.path for s in subjects))


def ics(
    ctx: typer.Context,
    output: Annotated[
        Path | None,
        typer.Option(
            "--sortie",
            metavar=_("FILE"),
            help=_(
                "Where to write it (default: reunion.ics here, or in .garefil/invitations/ "
                "inside the notebook, never shared; '-': standard output)."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    from garefil.core.meeting_event import meeting_event

    from .invitation_file import write_invitation

    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    setting = meetings.slot(notebook.config.meeting)
    held = {day_of(n.date) for n in listing.notes if is_type(n, meetings.MEETING)}
    start = meetings.coming_meeting(setting, clock.now(), held)
    organiser = _organiser(services.repository(notebook.root))
    event = meeting_event(notebook.config.name, setting, start, organiser)
    data = services.calendar().invitation(event)
    write_invitation(services, notebook, data, output, "reunion.ics")


def _organiser(repository) -> Person | None:
    """The coach at this computer, when git knows their name and address."""
    from garefil.core.events import Person

    name = _author_or_none(repository)
    email = repository.author_email() if name else None
    return Person(email, name) if email else None


def _author_or_none(repository) -> str | None:
    from .new_cmd import author

    return author(repository)


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
    if by:
        by = member_named(notebook.config, by) or " ".join(by.split())
    else:
        by = _author_or_none(repository)
    path, content = agenda_core.subject_file(text, by, clock.today())
    written = notebook.write_new(path, content)
    repository.commit([written], f"ordre du jour: {' '.join(text.split())[:60]}")
    render.success(_("Queued for the next meeting: {text}").format(text=" ".join(text.split())))


def queued(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    from garefil.core import agenda as agenda_core

    subjects = agenda_core.queued(ctx.obj.notebook())
    form = listings.chosen(output, as_json)
    if form == "table" and not subjects:
        render.info(_("No subject queued for the next meeting."))
        return
    rows = [[iso(s.day) or "", s.by or "—", s.text] for s in subjects]
    data = lambda: [s.summary() for s in subjects]  # noqa: E731
    listings.write(form, [_("date"), _("by"), _("subject")], rows, data)


def roles(
    ctx: typer.Context,
    absent: AbsentOpt = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    # Only the meeting notes say who held which role: the others are never decoded.
    _wanted, held = candidates(services, notebook, NoteFilter(types=(meetings.MEETING,)))
    listing, _setting, start, away, present, choices = _plan(
        services, notebook, tuple(absent or ()), None, coming=True, listing=held
    )
    past = meetings.history(listing.notes, start.date())
    form = listings.chosen(output, as_json)
    roles = [labels.role(r) for r in ROLES]
    rows = [[iso(day_of(h.when)) or ""] + [dict(h.roles).get(r, "") for r in ROLES] for h in past]
    if rows and form == "table" and render.plain():
        # Piped, the rows come without the table's headers: a line says what they are, on
        # stdout with the proposal's sentences, as `fil` says whose thread it lists.
        line(
            _("Roles held in past meetings: {columns}.").format(
                columns=", ".join([_("date"), *roles])
            )
        )
    if rows or form != "table":
        data = lambda: _roles_json(past, start, away, choices)  # noqa: E731
        listings.write(form, [_("date"), *roles], rows, data)
    if form != "table":
        return
    line(_("Next meeting: {date}.").format(date=long_date(start)))  # the proposal is the answer
    for choice in choices:
        line(_why(choice))
    for said in _shared_out(present, choices):
        line(said)


def _shared_out(present: list[str], choices: list[meetings.Choice]) -> list[str]:
    """Why someone holds more than one role: fewer members present than roles."""
    said = ngettext(
        "{members} member present for {roles} roles: {person} holds {count} of them.",
        "{members} members present for {roles} roles: {person} holds {count} of them.",
        len(present),
    )
    return [
        said.format(members=len(present), roles=len(choices), person=person, count=count)
        for person, count in meetings.cumulated(choices)
    ]


def _why(choice: meetings.Choice) -> str:
    label = labels.role(choice.role)
    if not choice.times:
        reason = _("never held this role")
    else:
        reason = ngettext(
            "held it once, on {last}", "held it {times} times, last on {last}", choice.times
        ).format(times=choice.times, last=long_date(choice.last))
    held = ngettext("{n} role held in all", "{n} roles held in all", choice.roles_held)
    return _("{role}: {person} — {reason} ({held})").format(
        role=label, person=choice.person, reason=reason, held=held.format(n=choice.roles_held)
    )


def _roles_json(past, start: datetime, away, choices) -> dict:
    return {
        "history": [{"date": iso(h.when), "note": h.note.id, "roles": dict(h.roles)} for h in past],
        "next": {
            "date": iso(start),
            "absent": list(away),
            "roles": [c.summary() for c in choices],
        },
    }
