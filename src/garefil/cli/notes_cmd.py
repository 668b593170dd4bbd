"""Commands on notes: show, edit, list, tags, tag (`new` is in new_cmd). Each parses, calls the
core, renders; what show, list and tags do is in notes_read.py, which the quick path of the read
commands (quick.py) runs without Typer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import notes as core
from garefil.core.errors import EditKeptTwice, EditLeftBroken, EditLeftEmpty, InvalidNote
from garefil.i18n import _, recorded

from . import notes_read, render, saved_notes
from .common import author, indexed_listing
from .context import Services
from .localized import add_command, add_signing_command
from .options import (
    EntrepreneurOpt,
    FieldOpt,
    FormatOpt,
    JsonOpt,
    LimitOpt,
    RefArg,
    ReferentOpt,
    SinceOpt,
    StatusOpt,
    TagOpt,
    TypeOpt,
    UntilOpt,
    VersionOpt,
    given_tags,
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(app, "show", _("Show a note."), show)
    add_signing_command(app, "edit", _("Open a note in your editor."), edit)
    add_command(app, "list", _("List notes, newest first, with filters."), list_notes)
    add_command(app, "tags", _("List tags with how many notes carry each."), tags)
    add_signing_command(app, "tag", _("Add (or with --remove, take off) tags on a note."), tag)


def show(
    ctx: typer.Context, ref: RefArg, as_json: JsonOpt = False, version: VersionOpt = None
) -> None:
    """Show a note (what it does: notes_read.py)."""
    notes_read.show(ctx.obj, ref, as_json, version)


def edit(ctx: typer.Context, ref: RefArg) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    path = core.resolve_path(notebook, ref, Path.cwd(), indexed_listing(services, notebook))
    before = notebook.read_bytes(path)
    core.require_text(path, before)
    from .new_cmd import reread, stem  # what `new` does after the editor: only when editing

    after, recovery = services.editor().edit_draft(before, stem(path))  # the note is untouched
    if after == before:
        recovery.unlink(missing_ok=True)
        render.info(_("No change."))
        return
    _refuse_unreadable(notebook, path, after, recovery)  # the coach's bytes: encoding, newlines
    repository = services.repository(notebook.root)
    from garefil.core.concurrent_edit import save_edit  # `edit` only: list and show need no merging

    saved = save_edit(
        notebook,
        path,
        before,
        after,
        _coach(repository),
        services.text_merge(),
        services.text_merge(True),
    )
    saved_notes.saved(path)
    recovery.unlink(missing_ok=True)
    note = reread(notebook, path)
    message = core.commit_message(note, " — " + recorded("edited")) if note else path
    repository.commit([notebook.absolute(p) for p in saved.paths(path)], message)
    _say_saved(path, saved)


def _say_saved(path: str, saved) -> None:
    """Say what became of the edit: saved, merged with a change made meanwhile, or kept apart."""
    if saved.copy:
        raise EditKeptTwice(path=path, copy=saved.copy)
    if saved.changed_meanwhile:
        said = _("{path} changed while you were editing it: both changes are kept.")
        render.info(said.format(path=path))
    if saved.gone:  # as `sync` does: an edited note beats a deletion
        said = _("{path} was deleted or renamed while you were editing it: your version is back.")
        render.problem_line(said.format(path=path))
    render.success(_("Note {path} saved.").format(path=path))


def _coach(repository) -> str:
    """Who edits, to name the conflict copy of their version ('?' when git does not know)."""
    return author(repository) or "?"


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
    """List notes (what it does: notes_read.py)."""
    notes_read.list_notes(
        ctx.obj,
        note_type=note_type,
        tag=tag,
        entrepreneur=entrepreneur,
        referent=referent,
        status=status,
        since=since,
        until=until,
        field=field,
        limit=limit,
        as_json=as_json,
        output=output,
    )


def tags(ctx: typer.Context, as_json: JsonOpt = False, output: FormatOpt = None) -> None:
    """List tags (what it does: notes_read.py)."""
    notes_read.tags(ctx.obj, as_json, output)


def tag(
    ctx: typer.Context,
    ref: RefArg,
    names: Annotated[
        list[str],
        typer.Argument(metavar=_("TAG…"), help=_("Tags to add or remove."), callback=given_tags),
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
