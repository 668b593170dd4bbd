"""`garefil new`: write a note (asked for at a terminal, or written in the editor), record it.

Apart from `list`, `show` and `tags`, which never write: those read commands do not import the
prompts, the checks and the editor's round trip that writing a note needs.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import notes as core
from garefil.core.dates import parse_date
from garefil.core.errors import EmptyNote, GitFailure, GitIdentityMissing, NoteNotRecorded
from garefil.core.model import Note
from garefil.core.notebook import typed_text
from garefil.core.notefile import path_id
from garefil.core.notetypes import find_type
from garefil.i18n import _

from . import render, saved_notes
from .common import author, indexed_listing
from .context import Services
from .localized import add_signing_command
from .options import ConcernedOpt, GivenTagOpt, NoEditOpt, person_name, referent_option


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_signing_command(
        app, "new", _("Write a new note: cr, rdv, reunion, pad, demande, fiche or note."), new
    )


def new(
    ctx: typer.Context,
    note_type: Annotated[
        str,
        typer.Argument(metavar="TYPE", help=_("cr, rdv, reunion, pad, demande, fiche or note.")),
    ],
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            "--titre",
            metavar=_("TITLE"),
            help=_("Title of the note."),
            show_default=False,
        ),
    ] = None,
    entrepreneur: ConcernedOpt = None,
    referent: Annotated[str | None, referent_option(_("Referent coach."))] = None,
    tag: GivenTagOpt = None,
    participant: Annotated[
        list[str] | None,
        typer.Option(
            "--participant",
            "-p",
            metavar=_("NAME"),
            help=_("A participant (repeatable)."),
            show_default=False,
            callback=person_name,
        ),
    ] = None,
    when: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help=_("Date: 2024-04-15, 15/04 14h30, demain, lundi… (default: today)."),
            show_default=False,
        ),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            "--texte",
            metavar=_("TEXT"),
            help=_("Text of the note; '-' reads it from standard input."),
            show_default=False,
        ),
    ] = None,
    no_edit: NoEditOpt = False,
    place: Annotated[
        str | None,
        typer.Option(
            "--lieu", metavar=_("PLACE"), help=_("Where it takes place."), show_default=False
        ),
    ] = None,
    link: Annotated[
        str | None,
        typer.Option(
            "--lien", metavar="URL", help=_("Video link of the meeting."), show_default=False
        ),
    ] = None,
    appointment: Annotated[
        str | None,
        typer.Option(
            "--rdv",
            metavar="REF",
            help=_("The appointment this report is for (cr): pre-filled from it, linked."),
            show_default=False,
        ),
    ] = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    if find_type(note_type, notebook.config.types).name == "reunion" and body is None:
        from .meetings_cmd import prepare  # the next meeting prepares itself

        prepare(services, notebook, (), when, edit=not no_edit, as_new=True)
        return
    # Asked for only by `new`: `list`, `show` and `tags` do not import the prompts and checks.
    from .people_cmd import checked_entrepreneur
    from .prompts import proposed_member, proposed_tags
    from .team_cmd import check_referent

    repository = services.repository(notebook.root)
    listing = indexed_listing(services, notebook)
    kind = find_type(note_type, notebook.config.types).name  # "CR", "Réunion" are types too
    ask = _asking(notebook, kind, appointment is None)  # an appointment fills them in
    # A date that cannot be read is refused before the name is asked about or warned of.
    day = parse_date(when, ahead=kind == "rdv") if when is not None else None  # "" is refused
    if kind == "rdv":
        from garefil.core.appointments import check_planned

        check_planned(day, when)
    entrepreneur = checked_entrepreneur(ask(entrepreneur, "entrepreneur"), listing)
    request = core.NewNote(
        type=kind,
        title=title,
        entrepreneur=entrepreneur,
        referent=check_referent(
            notebook,
            proposed_member(
                _referent_of(services, notebook, referent, entrepreneur, listing, ask),
                notebook.config.members,
            ),
            [n.referent for n in listing.notes],
        ),
        author=author(repository),
        participants=tuple(participant or ()),
        tags=tuple(proposed_tags(tag or [], {t for n in listing.notes for t in n.tags})),
        date=day,
        body=typed_text(sys.stdin.buffer.read()) if body == "-" else body,
        fields=(("lieu", place), ("lien", link)),
    )
    if request.type == "rdv" and request.date is not None:
        from .rdv_cmd import warn_if_past

        warn_if_past(request.date)
    rdv = None
    if appointment is not None:
        from .cr_cmd import for_appointment

        rdv, request = for_appointment(services, notebook, appointment, request)
    draft = core.draft(notebook, request, clock.today(), listing)
    recovery = None
    if not no_edit and body is None:  # like `git commit`: the editor runs, terminal or not
        draft, recovery = written_in_editor(services, draft)
    saved_notes.write_new(notebook, draft.path, draft.text)
    if recovery is not None:
        recovery.unlink(missing_ok=True)  # the note holds it now
    linked = _linked(notebook, rdv, draft.path)
    record_new(repository, notebook, draft.path, linked)


def _linked(notebook, rdv: Note | None, path: str) -> tuple[str, ...]:
    """The appointment a new report is for, marked held and linked to it (its path, to be
    committed with the report), or nothing."""
    if rdv is None:
        return ()
    from .cr_cmd import link_appointment

    return link_appointment(notebook, rdv, path)


def write_and_record(services: Services, notebook, request: core.NewNote, listing) -> None:
    """Write a note made by a command (no editor) and record it, as `new --no-edit` does."""
    repository = services.repository(notebook.root)
    request = replace(request, author=request.author or author(repository))
    draft = core.draft(notebook, request, clock.today(), listing)
    saved_notes.write_new(notebook, draft.path, draft.text)
    record_new(repository, notebook, draft.path)


def record_new(repository, notebook, path: str, also: tuple[str, ...] = ()) -> None:
    """Say which note was written, then record it in git (it stays written whatever git says),
    with the files in `also`, relative to the notebook (added, changed or removed along with it:
    the appointment a report is written from, the queued subjects a meeting takes up)."""
    note = reread(notebook, path)
    note_id = note.id if note else path_id(path)
    sys.stdout.write(f"{note_id}\t{path}\n")
    try:
        message = core.commit_message(note) if note else path
        repository.commit([notebook.absolute(p) for p in (path, *also)], message)
    except GitIdentityMissing:
        render.info(_("The note is written; `garefil sync` will record it once git knows you."))
        raise
    except GitFailure as problem:  # written all the same: running `new` again would repeat it
        raise NoteNotRecorded(path=path) from problem
    render.success(_("Note {id} written in {path}").format(id=note_id, path=path))


def written_in_editor(services: Services, draft: core.Draft) -> tuple[core.Draft, Path]:
    """The draft as the coach left it in the editor; EmptyNote if left as it was."""
    data = draft.text.encode("utf-8")
    edited, recovery = services.editor().edit_draft(data, stem(draft.path), keep=True)
    text = typed_text(edited)
    if core.is_untouched(draft.text, text):
        recovery.unlink(missing_ok=True)
        raise EmptyNote()
    return core.Draft(draft.path, text), recovery


def stem(path: str) -> str:
    """The file name of the note at `path`, without its folder nor `.md` (the draft's name)."""
    return path.rsplit("/", 1)[-1].removesuffix(".md")


def reread(notebook, path: str) -> Note | None:
    """The note just written, or None (its problem said) when the coach broke its header."""
    reread = core.scan(notebook, [path])
    render.problems(reread.problems)  # kept as written: nothing the coach typed is thrown away
    return reread.notes[0] if reread.notes else None


def _asking(notebook, kind: str, wanted: bool):
    """A function giving a field's value, asked at a terminal when `kind` requires it."""

    from .prompts import ask_if_missing

    def ask(value: str | None, key: str, default: str | None = None) -> str | None:
        if not wanted:  # the appointment's own référent is taken
            return value
        return ask_if_missing(value, key, notebook.config, kind, default)

    return ask


def _referent_of(services: Services, notebook, typed, entrepreneur, listing, ask) -> str | None:
    """The référent given, else the one the entrepreneur's fiche names (what a terminal's
    question proposes), else the `referent` setting."""
    from garefil.core.entrepreneurs import fiche_referent

    from_fiche = None if typed else fiche_referent(listing.notes, entrepreneur)
    if from_fiche:
        return ask(None, "referent", from_fiche)
    return ask(_referent(services, notebook, typed), "referent")


def _referent(services: Services, notebook, typed: str | None) -> str | None:
    """The option, else the `referent` setting (environment, own file, notebook's default)."""
    found = services.settings(notebook, {"referent": typed}, keys=("referent",))["referent"]
    return None if found.value is None else str(found.value)
