"""Typer's own words in the user's language: help panel titles, the help option, a few errors.

Typer (which vendors Click) reads module-level strings, and calls gettext without a domain, when
it renders help and errors; pointing them at garefil's catalogue is the only hook it offers.
Typer is pinned exactly, and a test checks that `--help` really shows the French words.
"""

from __future__ import annotations

import typer
from typer import core, rich_utils
from typer.core import TyperCommand, TyperGroup

from garefil.i18n import _


class _TranslatedHelpOption:
    """The `--help` option with a translated description."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class LocalizedGroup(_TranslatedHelpOption, TyperGroup):
    """A command group whose help speaks the user's language."""


class LocalizedCommand(_TranslatedHelpOption, TyperCommand):
    """A command whose help speaks the user's language."""


def add_command(app: typer.Typer, name: str, help_text: str, function) -> None:
    """Register `function` as command `name` of `app`, with translated help."""
    app.command(name, cls=LocalizedCommand, help=help_text)(function)


def _speak_the_users_language() -> None:
    """Give Typer's own words (help panel titles, a few errors) our translations.

    Typer reads these module-level strings, and calls gettext without a domain, when it renders
    help and errors; pointing them at garefil's catalogue is the only hook it offers. Typer is
    pinned exactly, and a test checks that `--help` really shows the French titles.
    """
    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.ABORTED_TEXT = _("Aborted.")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")
    core._ = _  # "No such command {name!r}.", "Missing command.", "required"…
    (
        _(  # messages typer.core translates through the line above, listed for the catalogue
            "No such command {name!r}."
        ),
        _("Missing command."),
        _("required"),
        _("default: {default}"),
        _("Aborted!"),
    )


_speak_the_users_language()
