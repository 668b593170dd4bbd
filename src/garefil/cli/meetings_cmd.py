"""`garefil reunion preparer`, `garefil ordre-du-jour …` and `garefil roles`: the next meeting."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock, meetings
from garefil.core.dates import day_of, iso, parse_date
from garefil.core.errors import MeetingHeld
from garefil.core.model import Listing, NoteFilter
from garefil.core.notebook import Notebook
from garefil.core.register import ROLES
from garefil.core.team import member_named
from garefil.i18n import _, ngettext

from . import labels, render, saved_notes
from . import listing as listings
from .common import author, candidates, indexed_listing
from .context import Services
from .localized import LocalizedGroup, add_command, add_signing_command
from .options import FormatOpt, JsonOpt, NoEditOpt, invitation_output, person_name
from .render_review import line
from .shown_dates import long_date

meeting_app = typer.Typer(
    cls=LocalizedGroup, help=_("The team meeting: prepare the next one."), no_args_is_help=True
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
    listing: Listing | None = None,
):
    """The listing (of every note unless given), the meeting's start (the day given, else the
    coming meeting: core/meetings.py), the present members and the roles proposed from the
    meetings before it."""
    if listing is None:
        listing = indexed_listing(services, notebook)
    setting = meetings.slot(notebook.config.meeting)
    if when:
        start = datetime.combine(day_of(parse_date(when, ahead=True)), setting.start)
    else:
        start = meetings.coming(setting, clock.now(), listing.notes).start
    away = [member_named(notebook.config, name) or name for name in absent]
    present = meetings.present_members(notebook.config.members, away)
    choices = meetings.propose(meetings.history(listing.notes, start.date()), present)
    return listing, setting, start, away, present, choices


def prepare(
    services: Services,
    notebook: Notebook,
    absent,
    when: str | None,
    edit: bool = False,
    as_new: bool = False,
) -> None:
    """Write (and record) the coming meeting's note, the queued subjects in it; when it is
    written already, bring its agenda up to date instead (one note per meeting), and `as_new`
    (`new reunion`) give it on stdout as `new` gives the note it writes."""
    from . import meeting_agenda

    plan = _plan(services, notebook, absent, when)
    listing, setting, start, _away, present, choices = plan
    existing = meetings.note_of(listing.notes, start.date())
    if existing is not None:
        if meetings.is_over(setting, start, clock.now()):  # what was discussed stays written
            raise MeetingHeld(day=long_date(start.date()), path=existing.path, id=existing.id)
        if absent:
            render.info(_kept_as_written(existing))
        render.info(_("The meeting's note is written already: {id}.").format(id=existing.id))
        meeting_agenda.refresh(services, notebook, listing, existing, start)
        if as_new:  # a script reading `new`'s line gets the note, written before or now
            sys.stdout.write(f"{existing.id}\t{existing.path}\n")
        return
    render.info(_("Preparing the meeting of {day}.").format(day=long_date(start.date())))
    for said in _shared_out(present, choices) + _nobody(notebook, present):
        render.info(said)
    _write_note(services, notebook, plan, edit)


def _write_note(services: Services, notebook: Notebook, plan, edit: bool) -> None:
    """Write the meeting's note from `plan` (see _plan), in the editor when asked, and record
    it with the queued subjects it takes out of the queue."""
    from garefil.core import agenda as agenda_core
    from garefil.core import meeting_note
    from garefil.core import notes as notes_core

    from . import meeting_agenda
    from .new_cmd import record_new, written_in_editor

    listing, setting, start, away, present, choices = plan
    subjects = agenda_core.queued(notebook)
    agenda = meeting_agenda.gathered(services, notebook, listing, subjects, start)
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
    request = replace(request, author=author(repository))
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


def _kept_as_written(note) -> str:
    """Why --absent changes nothing in a note written already: its roles are the team's."""
    return _(
        "Its participants and roles stay as written; change them with `garefil edit {id}`."
    ).format(id=note.id)


def _nobody(notebook: Notebook, present: list[str]) -> list[str]:
    """Why no role is proposed: no member in the team, or every member absent."""
    if present:
        return []
    if not notebook.config.members:
        return [_('No member listed yet: `garefil config membre ajouter "First Last"`.')]
    return [_("Every member is absent: nobody is left to hold the roles.")]


def ics(
    ctx: typer.Context,
    output: Annotated[Path | None, invitation_output("reunion.ics")] = None,
) -> None:
    from garefil.core.meeting_event import meeting_event

    from .invitation_file import coach_inviting, write_invitation

    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    setting = meetings.slot(notebook.config.meeting)
    # A weekly series at the slot's hour, from the coming meeting's day
    day = meetings.coming(setting, clock.now(), listing.notes).start.date()
    start = datetime.combine(day, setting.start)
    organiser = coach_inviting(services.repository(notebook.root))
    event = meeting_event(notebook.config.name, setting, start, organiser)
    data = services.calendar().invitation(event)
    write_invitation(services, notebook, data, output, "reunion.ics")


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
        services, notebook, tuple(absent or ()), None, listing=held
    )
    past = meetings.history(listing.notes, start.date())
    written = meetings.note_of(listing.notes, start.date())
    # The roles its note gives, once written, are the team's (maybe changed by hand); --absent
    # asks for a new proposal.
    as_written = written is not None and bool(written.roles) and not absent
    if as_written:
        choices = meetings.written_roles(past, written)
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
        data = lambda: _roles_json(past, start, away, choices, written)  # noqa: E731
        listings.write(form, [_("date"), *roles], rows, data)
    if form != "table":
        return
    line(_("Next meeting: {date}.").format(date=long_date(start)))  # the proposal is the answer
    if as_written:
        line(_("Roles written in its note {id}:").format(id=written.id))
    for choice in choices:
        line(_why(choice))
    for said in _shared_out(present, choices) + _nobody(notebook, present):
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


def _roles_json(past, start: datetime, away, choices, written) -> dict:
    return {
        "history": [{"date": iso(h.when), "note": h.note.id, "roles": dict(h.roles)} for h in past],
        "next": {
            "date": iso(start),
            "note": written.id if written is not None else None,
            "absent": list(away),
            "roles": [c.summary() for c in choices],
        },
    }
