"""Commands on notes: new, show, edit, list, tags, tag. Each parses, calls the core, renders."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import notes as core
from garefil.core.conflict_copies import without_conflict_copies
from garefil.core.dates import parse_date
from garefil.core.errors import (
    EditLeftBroken,
    EditLeftEmpty,
    EmptyNote,
    GitFailure,
    GitIdentityMissing,
    InvalidNote,
    NoteNotRecorded,
    NotUtf8,
)
from garefil.core.fields import parse_filter
from garefil.core.model import Note, NoteFilter
from garefil.core.notebook import typed_text
from garefil.core.notefile import path_id
from garefil.core.notetypes import find_type
from garefil.core.selection import select
from garefil.i18n import _, recorded

from . import listing as listings
from . import render
from .common import (
    candidates,
    fresh_index,
    indexed_listing,
    indexed_tags,
    note_filter,
    say_unreadable_dates,
)
from .context import Services
from .localized import add_command, add_signing_command
from .options import (
    ConcernedOpt,
    EntrepreneurOpt,
    FieldOpt,
    FormatOpt,
    GivenTagOpt,
    JsonOpt,
    LimitOpt,
    NoEditOpt,
    RefArg,
    ReferentOpt,
    SinceOpt,
    StatusOpt,
    TagOpt,
    TypeOpt,
    UntilOpt,
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_signing_command(
        app, "new", _("Write a new note: cr, rdv, reunion, pad, demande, fiche or note."), new
    )
    add_command(app, "show", _("Show a note."), show)
    add_signing_command(app, "edit", _("Open a note in your editor."), edit)
    add_command(app, "list", _("List notes, newest first, with filters."), list_notes)
    add_command(app, "tags", _("List tags with how many notes carry each."), tags)
    add_signing_command(app, "tag", _("Add (or with --remove, take off) tags on a note."), tag)


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
    referent: Annotated[
        str | None,
        typer.Option(
            "--referent", "-r", metavar=_("NAME"), help=_("Referent coach."), show_default=False
        ),
    ] = None,
    tag: GivenTagOpt = None,
    participant: Annotated[
        list[str] | None,
        typer.Option(
            "--participant",
            "-p",
            metavar=_("NAME"),
            help=_("A participant (repeatable)."),
            show_default=False,
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

        prepare(services, notebook, (), when, edit=not no_edit)
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
    day = parse_date(when, ahead=kind == "rdv") if when else None  # an rdv is planned
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
        ),
        author=_author(repository),
        participants=tuple(participant or ()),
        tags=tuple(proposed_tags(tag or (), {t for n in listing.notes for t in n.tags})),
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
        draft, recovery = _written_in_editor(services, draft)
    notebook.write_new(draft.path, draft.text)
    if recovery is not None:
        recovery.unlink(missing_ok=True)  # the note holds it now
    linked = _linked(notebook, rdv, draft.path)
    _record_new(repository, notebook, draft.path, linked)


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
    request = replace(request, author=request.author or _author(repository))
    draft = core.draft(notebook, request, clock.today(), listing)
    notebook.write_new(draft.path, draft.text)
    _record_new(repository, notebook, draft.path)


def _record_new(repository, notebook, path: str, also: tuple[str, ...] = ()) -> None:
    """Say which note was written, then record it in git (it stays written whatever git says),
    with the files in `also`, relative to the notebook (added, changed or removed along with it:
    the appointment a report is written from, the queued subjects a meeting takes up)."""
    note = _reread(notebook, path)
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


def _written_in_editor(services: Services, draft: core.Draft) -> tuple[core.Draft, Path]:
    """The draft as the coach left it in the editor; EmptyNote if left as it was."""
    data = draft.text.encode("utf-8")
    edited, recovery = services.editor().edit_draft(data, _stem(draft.path), keep=True)
    text = typed_text(edited)
    if core.is_untouched(draft.text, text):
        recovery.unlink(missing_ok=True)
        raise EmptyNote()
    return core.Draft(draft.path, text), recovery


def _stem(path: str) -> str:
    return path.rsplit("/", 1)[-1].removesuffix(".md")


def _reread(notebook, path: str) -> Note | None:
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


def _author(repository) -> str | None:
    try:
        return repository.author_name()
    except GitIdentityMissing:
        return None  # the commit below says what to do; the note itself is still written


def show(ctx: typer.Context, ref: RefArg, as_json: JsonOpt = False) -> None:
    notebook = ctx.obj.notebook()
    report = fresh_index(ctx.obj, notebook)  # says what every read command says
    path = core.resolve_path(
        notebook, ref, Path.cwd(), lambda: without_conflict_copies(report.listing())
    )
    note = core.read(notebook, path, register=as_json)  # only JSON shows decisions and actions
    _say_keys_written_twice(note)
    if as_json:
        render.emit_json(core.detail(note))
        return
    _say_if_not_utf8(notebook, path)
    render.note_detail(note, notebook.read_text(path))


def _say_keys_written_twice(note) -> None:
    """A key written twice keeps only its last value: said, so that nothing is lost unseen."""
    for kind, line, key in note.remarks:
        if kind == "duplicate-key":
            from garefil.core.review import N_DUPLICATE  # the jardin's checks: only then

            render.problem_line(f"{note.path}:{line}: " + _(N_DUPLICATE).format(key=key))
        if kind == "toml":
            from garefil.core.review import N_TOML

            render.problem_line(f"{note.path}:{line}: " + _(N_TOML))


def _say_if_not_utf8(notebook, path: str) -> None:
    try:
        notebook.read_exact(path)
    except NotUtf8:
        render.info(
            _(
                "{path} is not UTF-8: read as Latin-1 (or UTF-16); garefil will not rewrite it."
            ).format(path=path)
        )


def edit(ctx: typer.Context, ref: RefArg) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    path = core.resolve_path(notebook, ref, Path.cwd(), indexed_listing(services, notebook))
    before = notebook.read_bytes(path)
    core.require_text(path, before)
    after, recovery = services.editor().edit_draft(before, _stem(path))  # the note is untouched
    if after != before:  # the coach's bytes as saved: encoding and newlines are theirs
        _refuse_unreadable(notebook, path, after, recovery)
        notebook.replace(path, after)
    recovery.unlink(missing_ok=True)
    if after == before:
        render.info(_("No change."))
        return
    note = _reread(notebook, path)
    message = core.commit_message(note, " — " + recorded("edited")) if note else path
    services.repository(notebook.root).commit([notebook.absolute(path)], message)
    render.success(_("Note {path} saved.").format(path=path))


def _refuse_unreadable(notebook, path: str, edited: bytes, recovery: Path) -> None:
    """Like `git commit` aborting on an empty message: an emptied or broken result is not
    saved, the note stays as it was and the draft is kept, so nothing typed is lost."""
    if not edited.strip():
        raise EditLeftEmpty(path=path, recovery=str(recovery))
    try:
        core.check_readable(notebook, path, edited)
    except InvalidNote as broken:
        params = broken.params | {"recovery": str(recovery)}
        raise EditLeftBroken(**params) from None


def list_notes(
    ctx: typer.Context,
    note_type: TypeOpt = None,
    tag: TagOpt = None,
    entrepreneur: EntrepreneurOpt = None,
    referent: ReferentOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    field: FieldOpt = None,
    limit: LimitOpt = None,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    notebook = ctx.obj.notebook()
    wanted = note_filter(notebook, note_type, tag, entrepreneur, referent, status, since, until)
    wanted = replace(wanted, fields=tuple(parse_filter(f) for f in field or ()))
    resolved_filter, kept = candidates(ctx.obj, notebook, wanted)
    listing = select(kept, resolved_filter, limit)
    render.problems(listing.problems)
    say_unreadable_dates(listing.notes)
    form = listings.chosen(output, as_json)
    if form == "table" and not listing.notes:
        render.info(
            _("No note matches these filters.")
            if wanted != NoteFilter()
            else _("No note yet: `garefil new cr` writes the first one.")
        )
        return
    listings.write(
        form,
        render.note_headers(),
        lambda: [render.note_row(n) for n in listing.notes],
        lambda: [n.summary() for n in listing.notes],
        table=lambda: render.notes(listing.notes),
    )


def tags(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    counts, listing = indexed_tags(ctx.obj, ctx.obj.notebook())
    render.problems(listing.problems)
    form = listings.chosen(output, as_json)
    if form == "table" and not counts:
        render.info(_("No tag yet: `garefil tag NOTE TAG` adds one."))
        return
    listings.write(
        form,
        render.tag_headers(),
        [[c.tag, str(c.count)] for c in counts],
        lambda: [{"tag": c.tag, "count": c.count} for c in counts],
        table=lambda: render.tag_counts(counts),
    )


def tag(
    ctx: typer.Context,
    ref: RefArg,
    names: Annotated[
        list[str], typer.Argument(metavar=_("TAG…"), help=_("Tags to add or remove."))
    ],
    remove: Annotated[
        bool, typer.Option("--remove", "--retirer", help=_("Remove these tags instead."))
    ] = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    listing = indexed_listing(services, notebook)
    path = core.resolve_path(notebook, ref, Path.cwd(), listing)
    if not remove:  # a tag that looks like a known one is pointed out, as `new --tag` does
        from .prompts import proposed_tags

        names = proposed_tags(names, {t for n in listing.notes for t in n.tags})
    note = core.retag(notebook, path, names, remove)
    if note is None:
        render.info(_("No change."))
        return
    services.repository(notebook.root).commit(
        [notebook.absolute(path)], core.commit_message(note, " — " + recorded("tags"))
    )
    render.success(_("Tags of {id}: {tags}").format(id=note.id, tags=", ".join(note.tags) or "—"))
