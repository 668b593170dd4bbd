"""Typer's own words in the user's language: section titles, the help option, a few errors.

Help is Click's plain layout (rich_markup_mode=None in app.py): aligned, readable in any
terminal, and about 50 ms faster to show than Rich panels, which also import Markdown. Typer
(which vendors Click) calls gettext without a domain for its section titles and a few messages;
pointing that at garefil's catalogue is the only hook it offers. Typer is pinned exactly, and a
test checks that `--help` really shows the French words. Usage errors are rendered by
`render.usage_error`, like every other error.
"""

from __future__ import annotations

import typer
from typer import core
from typer.core import TyperCommand, TyperGroup

from garefil.i18n import _


class _Localized:
    """The usage line and the help option, in the user's language."""

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: ")
        )

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class LocalizedGroup(_Localized, TyperGroup):
    """A command group whose help speaks the user's language."""


class LocalizedCommand(_Localized, TyperCommand):
    """A command whose help speaks the user's language."""


def add_command(app: typer.Typer, name: str, help_text: str, function) -> None:
    """Register `function` as command `name` of `app`, with translated help."""
    app.command(name, cls=LocalizedCommand, help=help_text)(function)


# typer.core translates these through gettext at the moment it shows them.
core._ = _
_MESSAGES_OF_TYPER_CORE = (
    _("Commands"),
    _("Options"),
    _("Arguments"),
    _("No such command {name!r}."),
    _("Missing command."),
    _("required"),
    _("default: {default}"),
    _("Aborted!"),
)
