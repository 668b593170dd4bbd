"""`garefil sommaire`: the gare centrale, SOMMAIRE.md and its pages, (re)generated."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from garefil.core import summary as core
from garefil.i18n import _, ngettext, recorded

from . import render
from .context import Services
from .localized import add_signing_command


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_signing_command(
        app,
        "sommaire",
        _("Write SOMMAIRE.md, the page that lists everything, and its linked pages."),
        summary,
    )


def summary(
    ctx: typer.Context,
    show: Annotated[
        bool, typer.Option("--montrer", "--show", help=_("Then print SOMMAIRE.md."))
    ] = False,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    repository = services.repository(notebook.root)
    pages = repository.refresh(recorded("sommaire: regenerated"), force=True)
    if show:
        sys.stdout.write(render.visible(notebook.read_text(core.SUMMARY_FILE), keep_lines=True))
    else:
        sys.stdout.write(f"{core.SUMMARY_FILE}\n")
    if not pages:
        render.info(_("The sommaire is up to date."))
        return
    written = ngettext(
        "Sommaire written: {n} page changed.", "Sommaire written: {n} pages changed.", len(pages)
    )
    render.success(written.format(n=len(pages)))
