"""`garefil index`: bring the search index up to date and say what changed.

Kept apart from `search`, whose query language it does not need: an update after a sync or an
edit imports only what indexing does. What it does once its command line is read is in
index_run.py, which the quick path of the read commands (quick.py) runs without Typer.
"""

from __future__ import annotations

from typing import Annotated

import typer

from garefil.i18n import _

from . import index_run
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
    """Bring the search index up to date (what it does: index_run.py)."""
    index_run.index(ctx.obj, rebuild, as_json)
