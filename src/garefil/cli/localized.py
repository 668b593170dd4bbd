"""Typer's own words in the user's language: headings, usage line, help option, errors.

Help is Click's plain layout (rich_markup_mode=None in app.py): aligned, readable in any
terminal, and about 50 ms faster to show than Rich panels, which also import Markdown. Typer
vendors its own copy of Click, whose words are plain English strings: Typer's own module calls
gettext for section titles and a few messages (pointed at garefil's catalogue below), and the
rest is replaced here (usage metavars, headings with French spacing, command suggestions) or
by `render.usage_error`, which says every usage error in garefil's words. Typer is pinned
exactly, and a test reads `--help` of every command and a set of usage errors in French,
failing on any English left.
"""

from __future__ import annotations

import re
from difflib import get_close_matches

import typer
from typer import core
from typer._click.exceptions import UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperCommand, TyperGroup

from garefil.i18n import _

from .query_words import split_words


class _HelpFormatter(HelpFormatter):
    """Headings in the language's typography ("Options :" in French); a French colon or
    semicolon stays with the word before it, never at the start of a wrapped line."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}" + _("{heading}:").format(heading=heading) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        glued = [(term, _SPACED_PUNCTUATION.sub("\u00a0\\1", text)) for term, text in rows]
        super().write_dl(glued, col_max, col_spacing)


_SPACED_PUNCTUATION = re.compile(r" ([:;])(?=\s|$)")  # the space French puts before them


class _Context(typer.Context):
    formatter_class = _HelpFormatter


class _Localized:
    """The usage line and the help option, in the user's language."""

    context_class = _Context

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(
            ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage: ")
        )

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        _refuse_glued_equals(ctx, self, args)
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:  # Click's parser leaves out which command was being read
            error.ctx = error.ctx or ctx
            raise

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


class GluedEquals(UsageError):
    """`-e=Dupont`: Click gives -e the value « =Dupont », which then silently finds nothing."""

    def __init__(self, written: str, value: str, names: list[str], ctx) -> None:
        from shlex import quote  # only for this mistake: read commands do not load shlex

        short = written[:2]
        super().__init__(
            _("{written}: a short option takes its value after a space, not after '='.").format(
                written=written
            ),
            ctx,
        )
        longer = [name for name in names if name.startswith("--")]
        self.hint = (
            _("write {short} {value}, or {long}={value}").format(
                short=short, value=quote(value), long=longer[0]
            )
            if longer
            else _("write {short} {value}").format(short=short, value=quote(value))
        )


def _refuse_glued_equals(ctx, command, args: list[str]) -> None:
    """Raise GluedEquals for a short option that takes a value written `-e=VALUE`."""
    names = {
        name: [*param.opts, *param.secondary_opts]
        for param in command.get_params(ctx)
        if param.param_type_name == "option" and not param.is_flag
        for name in [*param.opts, *param.secondary_opts]
    }
    pending = iter(args)
    for arg in pending:
        if arg == "--" or (not arg.startswith("-") and isinstance(command, TyperGroup)):
            return  # the words, or a group's command: not this command's options
        if arg in names:
            next(pending, None)  # its value, whatever it looks like
        elif arg[:2] in names and arg[2:3] == "=" and not arg.startswith("--"):
            raise GluedEquals(arg, arg[3:], names[arg[:2]], ctx)


class LocalizedGroup(_Localized, TyperGroup):
    """A command group whose help speaks the user's language."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = _("COMMAND [ARGS]...")

    def resolve_command(self, ctx, args: list[str]):
        """An unknown command is a usage error with suggestions, said by render.usage_error
        (Typer would append an English "Did you mean")."""
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            error = UsageError(_("No such command {name!r}.").format(name=name), ctx)
            error.possibilities = get_close_matches(name, self.list_commands(ctx))
            raise error
        return super().resolve_command(ctx, args)


class LocalizedCommand(_Localized, TyperCommand):
    """A command whose help speaks the user's language."""


class SigningCommand(LocalizedCommand):
    """A command that writes and records in git: the coach's git identity is checked before
    anything is written, as `sync` does, so that a missing one never leaves a change half done
    (written, then refused by git)."""

    def invoke(self, ctx):
        services = ctx.obj
        services.repository(services.notebook().root).author_name()  # GitIdentityMissing
        return super().invoke(ctx)


class QueryCommand(LocalizedCommand):
    """A command whose free words may start with '-': `search acre -brouillon` excludes a word.

    Click would read `-brouillon` as the options -b -r… (and -r takes a value). Only the
    command's own option names are options here; any other word starting with a single '-' is
    a word of the query (a short option glued to its value is understood for numbers only:
    `-n5`). Words are handed to Click after '--', so they are never options.
    """

    def parse_args(self, ctx, args: list[str]) -> list[str]:
        options, words = split_words(args, _option_arity(ctx, self))
        return super().parse_args(ctx, [*options, "--", *words] if words else options)


def _option_arity(ctx, command) -> dict[str, bool]:
    """Each option name of `command`, and whether it takes a value."""
    return {
        name: not param.is_flag
        for param in command.get_params(ctx)
        if param.param_type_name == "option"
        for name in [*param.opts, *param.secondary_opts]
    }


def add_command(
    app: typer.Typer, name: str, help_text: str, function, cls=None, aliases=()
) -> None:
    """Register `function` as command `name` of `app`, with translated help; the `aliases`
    (another word a coach may try, an accented spelling) work too, unlisted."""
    app.command(name, cls=cls or LocalizedCommand, help=help_text)(function)
    for alias in aliases:
        app.command(alias, cls=cls or LocalizedCommand, help=help_text, hidden=True)(function)


def add_signing_command(app: typer.Typer, name: str, help_text: str, function, aliases=()) -> None:
    """Register `function`, a command that writes and records, as command `name` of `app`."""
    add_command(app, name, help_text, function, cls=SigningCommand, aliases=aliases)


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
