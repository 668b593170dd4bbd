"""The `garefil` command: global options, command registration and the single error translator.

`GarefilGroup.invoke` is the only place where domain errors become a message and an exit code
(the table lives in core/errors.py and the README). Unexpected exceptions become one line that
points to `--debug`, which re-raises them with the full traceback; under `--debug` a domain
error shows its traceback first, then the same message and exit code as without it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from garefil.core.errors import GarefilError
from garefil.i18n import _

from . import (
    documents_cmd,
    followup_cmd,
    init_cmd,
    manage_cmd,
    merge_cmd,
    notes_cmd,
    pads_cmd,
    people_cmd,
    render,
    requests_cmd,
    search_cmd,
    summary_cmd,
    sync_cmd,
    team_cmd,
    thread_cmd,
)
from .context import Services
from .localized import LocalizedGroup

EXIT_INTERRUPTED = 130
EXIT_USAGE = 2


class GarefilGroup(LocalizedGroup):
    """Translates errors raised by any command into one message and one exit code."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command; usage errors get the same one-line form as every other error."""
        try:
            code = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except Exception as error:
            if not _is_usage_error(error):
                raise
            render.usage_error(error)
            code = EXIT_USAGE
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except GarefilError as problem:
            if _debug(ctx):
                render.traceback(problem)  # for the team; the coach still gets the usual words
            render.error(problem)
            raise typer.Exit(problem.exit_code) from None
        except KeyboardInterrupt:
            render.info(_("Interrupted: nothing half-written was left."))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as unexpected:
            if _from_framework(unexpected):
                raise
            if _debug(ctx):
                raise
            render.info(_("Unexpected error: {detail}").format(detail=unexpected))
            render.info(_("Run the same command with --debug and send the output to the team."))
            raise typer.Exit(1) from None


def _debug(ctx: typer.Context) -> bool:
    return isinstance(ctx.obj, Services) and ctx.obj.debug


def _is_usage_error(error: Exception) -> bool:
    """A Click usage error (unknown option, missing argument…), whatever Typer calls it."""
    return _from_framework(error) and getattr(error, "exit_code", None) == EXIT_USAGE


def _from_framework(error: Exception) -> bool:
    """Usage errors, --help and exits belong to Typer (which vendors Click): let it handle them."""
    return type(error).__module__.split(".")[0] in ("typer", "click")


app = typer.Typer(
    cls=GarefilGroup,
    name="garefil",
    help=_("garefil: the team's shared notebook (notes, reports, meetings, requests)."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def global_options(
    ctx: typer.Context,
    notebook: Annotated[
        Path | None,
        typer.Option(
            "-C",
            "--notebook",
            metavar=_("FOLDER"),
            help=_("Work on the notebook in this folder."),
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help=_("Show the full traceback of errors."))
    ] = False,
) -> None:
    """Options shared by every command."""
    ctx.obj = Services(explicit_notebook=notebook, debug=debug)


init_cmd.register(app)
notes_cmd.register(app)
search_cmd.register(app)
sync_cmd.register(app)
manage_cmd.register(app)
merge_cmd.register(app)
team_cmd.register(app)
people_cmd.register(app)
requests_cmd.register(app)
thread_cmd.register(app)
followup_cmd.register(app)
pads_cmd.register(app)
documents_cmd.register(app)
summary_cmd.register(app)


def main() -> None:
    """Run the command line once (as a library call: the process goes on afterwards)."""
    app(prog_name="garefil")  # the same name in messages, however it was started
