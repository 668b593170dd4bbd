"""`garefil search`: finding notes by their words (the index behind it: index_cmd.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.core import search as core
from garefil.core.conflict_copies import is_conflict_copy
from garefil.core.query_check import lowercase_operator
from garefil.i18n import _

from . import listing as listings
from . import render, render_notes
from .common import announce, note_filter, progress_when_long
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
    if not hits:
        _found_nothing(request.text, table=form == "table")
        if form == "table":
            return
    listings.write(
        form,
        render_notes.hit_headers(),
        lambda: render_notes.hit_rows(hits),
        lambda: [hit.as_json() for hit in hits],
        table=lambda: render_notes.hits(hits),
    )


def _found_nothing(text: str, table: bool) -> None:
    """Say that no note matches (to a person), and why it may be: "urssaf sauf caf" searched
    the word "sauf", which the coach meant as an operator."""
    if table:
        render.info(_("No note matches."))
    if lowercase_operator(text):
        render.hint(_("operators are written in capitals: AND, OR, NOT"))
