"""`garefil rm` and `garefil mv`: delete or rename a note, committed at once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core import manage
from garefil.core import notes as notes_core
from garefil.i18n import _, recorded

from . import render
from .common import indexed_listing
from .context import Services
from .localized import add_signing_command
from .options import RefArg, YesOpt
from .prompts import confirmed


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_signing_command(app, "rm", _("Delete a note (for the whole team at the next sync)."), rm)
    add_signing_command(
        app, "mv", _("Rename a note: a new title and the file name that goes with it."), mv
    )


def rm(
    ctx: typer.Context,
    ref: RefArg,
    yes: YesOpt = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    link = manage.symbolic_link(notebook, ref, Path.cwd())
    if link is not None:
        _remove_link(services, notebook, link, yes)
        return
    path = notes_core.resolve_path(notebook, ref, Path.cwd(), indexed_listing(services, notebook))
    manage.refuse_pending_conflict(notebook, path)  # before asking: the answer would not count
    if not _confirmed(path, yes):
        return
    message = _history_line(notebook, path, recorded("deleted"))
    gone = manage.delete(notebook, path)
    repository = services.repository(notebook.root)
    deletion = repository.commit([gone], message)
    before = repository.commit_id(f"{deletion}^") if deletion else None  # the last that held it
    if before is None:  # never recorded: no version to read again
        render.success(_("Note {path} deleted.").format(path=path))
        return
    from .render_sharing import version_command

    said = _("Note {path} deleted; its past versions stay in the history: `{show}` shows the last.")
    render.success(said.format(path=path, show=version_command(path, before)))


def mv(
    ctx: typer.Context,
    ref: RefArg,
    title: Annotated[
        str | None,
        typer.Argument(metavar=_("NEW-TITLE"), help=_("The note's new title."), show_default=False),
    ] = None,
    new_path: Annotated[
        str | None,
        typer.Option(
            "--chemin",
            "--path",
            metavar=_("PATH"),
            help=_("Move the note to this path (relative to the notebook) instead."),
            show_default=False,
        ),
    ] = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    if title is None and new_path is None:
        raise typer.BadParameter(_("give a new title, or --chemin"), param_hint="NEW-TITLE")
    path = notes_core.resolve_path(notebook, ref, Path.cwd(), indexed_listing(services, notebook))
    target = manage.rename(notebook, path, title, new_path)
    paths = {notebook.absolute(path), notebook.absolute(target)}
    message = _history_line(notebook, target, recorded("renamed"))
    if services.repository(notebook.root).commit(sorted(paths), message) is None:
        render.info(_("Nothing changed: note {path} already has this title.").format(path=path))
        return
    if target == path and title is not None:  # only the title changed: not its file's words
        shown = _("Note {path} is now titled '{title}'; its file name stays.")
        render.success(shown.format(path=path, title=title))
        return
    render.success(_("Note {old} is now {new}.").format(old=path, new=target))


def _remove_link(services: Services, notebook, link: str, yes: bool) -> None:
    """Remove a symbolic link from the notebook (the link only: its target is never touched)."""
    if not _confirmed(link, yes):
        return
    gone = manage.delete_link(notebook, link)
    services.repository(notebook.root).commit([gone], f"{link} — {recorded('deleted')}")
    render.success(
        _("Symbolic link {path} removed; what it pointed to was not touched.").format(path=link)
    )


def _confirmed(path: str, yes: bool) -> bool:
    """Whether the coach confirms deleting `path` (see prompts.confirmed)."""
    question = _("Delete {path}?").format(path=path)
    if confirmed(question, _("Deleting {path}").format(path=path), yes):
        return True
    render.info(_("Nothing was deleted."))
    return False


def _history_line(notebook, path: str, what: str) -> str:
    """`cr: Jean Dupont (2020-04-10) — deleted`, or the path for a note that cannot be read."""
    listing = notes_core.scan(notebook, [path])
    if listing.notes:
        return notes_core.commit_message(listing.notes[0], " — " + what)
    return f"{path} — {what}"
