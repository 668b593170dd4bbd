"""`garefil search` and `garefil index`: finding notes by their words, and the index behind it."""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.core import search as core
from garefil.core.conflict_copies import is_conflict_copy
from garefil.core.indexing import MAX_INDEXED_CHARS, Tally
from garefil.i18n import _, ngettext

from . import listing as listings
from . import render
from .common import announce, fresh_index, note_filter, progress_when_long
from .context import Services
from .localized import QueryCommand, add_command
from .options import (
    EntrepreneurOpt,
    FormatOpt,
    JsonOpt,
    ReferentOpt,
    SinceOpt,
    StatusOpt,
    TagOpt,
    TypeOpt,
    UntilOpt,
    at_least_one,
)

QueryArg = Annotated[
    list[str] | None,
    typer.Argument(
        metavar=_("QUERY…"), help=_("Words to find (see docs/search.md)."), show_default=False
    ),
]


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app,
        "search",
        _("Find notes by their words, best first, with filters."),
        search,
        QueryCommand,
    )
    add_command(app, "index", _("Bring the search index up to date and show what changed."), index)


def search(
    ctx: typer.Context,
    words: QueryArg = None,
    note_type: TypeOpt = None,
    tag: TagOpt = None,
    entrepreneur: EntrepreneurOpt = None,
    referent: ReferentOpt = None,
    status: StatusOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            metavar="N",
            callback=at_least_one,
            help=_("Show at most this many notes."),
        ),
    ] = 20,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    wanted = note_filter(notebook, note_type, tag, entrepreneur, referent, status, since, until)
    request = core.SearchRequest(" ".join(words or ()), wanted, limit)
    with progress_when_long(_("Indexing")) as progress:
        report, hits = core.run(notebook, services.index(notebook), request, progress)
    hits = [hit for hit in hits if not is_conflict_copy(hit.note.path)]  # not a second note
    announce(report)
    render.problems(report.problems())
    form = listings.chosen(output, as_json)
    if form == "table" and not hits:
        render.info(_("No note matches."))
        return
    listings.write(
        form,
        render.hit_headers(),
        lambda: render.hit_rows(hits),
        lambda: [hit.as_json() for hit in hits],
        table=lambda: render.hits(hits),
    )


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
    _other_files(tally)
    render.info(_("added {added}, updated {updated}, removed {removed}").format(**summary))


def _other_files(tally: Tally) -> None:
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
