"""Typer's own words in the user's language: help panel titles, the help option, a few errors.

Typer (which vendors Click) reads module-level strings of `typer.rich_utils`, and calls gettext
without a domain, when it renders help and usage errors; pointing them at garefil's catalogue is
the only hook it offers. It is done just before help or an error is shown, because importing
`rich_utils` (and Rich's Markdown with it) costs about 30 ms that other commands need not pay.
Typer is pinned exactly, and a test checks that `--help` really shows the French words.
"""

from __future__ import annotations

import typer
from typer import core
from typer.core import TyperCommand, TyperGroup

from garefil.i18n import _

HELP_FLAGS = ("-h", "--help")


class _Localized:
    """Translated help option, and Typer's words translated before help or errors show."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def parse_args(self, ctx, args):
        if not args or any(arg in HELP_FLAGS for arg in args):
            speak_the_users_language()
        try:
            return super().parse_args(ctx, args)
        except Exception:
            speak_the_users_language()  # a usage error is about to be rendered
            raise


class LocalizedGroup(_Localized, TyperGroup):
    """A command group whose help speaks the user's language."""


class LocalizedCommand(_Localized, TyperCommand):
    """A command whose help speaks the user's language."""


def add_command(app: typer.Typer, name: str, help_text: str, function) -> None:
    """Register `function` as command `name` of `app`, with translated help."""
    app.command(name, cls=LocalizedCommand, help=help_text)(function)


def speak_the_users_language() -> None:
    """Give Typer's own words (help panel titles, a few errors) our translations."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.ABORTED_TEXT = _("Aborted.")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")


# typer.core translates these through gettext at the moment it shows them.
core._ = _
_MESSAGES_OF_TYPER_CORE = (
    _("No such command {name!r}."),
    _("Missing command."),
    _("required"),
    _("default: {default}"),
    _("Aborted!"),
)
