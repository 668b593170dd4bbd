"""`garefil index`: bring the search index up to date and say what changed.

Kept apart from `search`, whose query language it does not need: an update after a sync or an
edit imports only what indexing does.
"""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.core.index_model import Tally
from garefil.core.indexing import MAX_INDEXED_CHARS
from garefil.i18n import _, ngettext

from . import render
from .common import fresh_index
from .context import Services
from .localized import add_command
from .options import JsonOpt


def register(app: typer.Typer) -> None:
    """Add the command of this module to `app`."""
    add_command(app, "index", _("Bring the search index up to date and show what changed."), index)


def index(
    ctx: typer.Context,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help=_("Rebuild the whole index from the notes."))
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    services: Services = ctx.obj
    report = fresh_index(services, services.notebook(), rebuild=rebuild)
    problems, cut = report.problems(), report.cut()
    render.problems(problems)
    for path in cut:
        render.problem_line(
            _("{path}: too long, only its first {limit} characters are searchable.").format(
                path=path, limit=f"{MAX_INDEXED_CHARS:,}".replace(",", " ")
            )
        )
    tally = report.tally()
    summary = {
        "notes": tally.notes,
        "added": report.added,
        "updated": report.updated,
        "removed": report.removed,
        "unchanged_content": report.unchanged_content,
        "unreadable": tally.unreadable,
        "rebuilt": report.rebuilt_because is not None,
        "cut": list(cut),
        "links_skipped": tally.links,
        "conflict_copies": tally.conflict_copies,
        "files": report.files,
    }
    if as_json:
        render.emit_json(summary)
        return
    render.info(
        ngettext("{n} note in the index", "{n} notes in the index", tally.notes).format(
            n=tally.notes
        )
    )
    other_files(tally)
    render.info(_("added {added}, updated {updated}, removed {removed}").format(**summary))


def other_files(tally: Tally) -> None:
    """The indexed files that are not notes, each kind on its line (none when there are none)."""
    kinds = (
        (
            tally.unreadable,
            ngettext("{n} unreadable file", "{n} unreadable files", tally.unreadable),
        ),
        (
            tally.links,
            ngettext("{n} symbolic link skipped", "{n} symbolic links skipped", tally.links),
        ),
        (
            tally.conflict_copies,
            ngettext(
                "{n} conflict copy waiting: see `garefil status`",
                "{n} conflict copies waiting: see `garefil status`",
                tally.conflict_copies,
            ),
        ),
        (tally.cut, ngettext("{n} note cut", "{n} notes cut", tally.cut)),
    )
    for count, message in kinds:
        if count:
            render.info(message.format(n=count))
