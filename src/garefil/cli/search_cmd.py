"""`garefil search`: finding notes by their words (the index behind it: index_cmd.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.i18n import _

from . import search_run
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
    """Find notes by their words (what it does: search_run.py)."""
    search_run.search(
        ctx.obj,
        words=words,
        note_type=note_type,
        tag=tag,
        entrepreneur=entrepreneur,
        referent=referent,
        status=status,
        since=since,
        until=until,
        limit=limit,
        as_json=as_json,
        output=output,
    )
