"""The `garefil` command: global options, command registration, errors handed to one translator.

Adding a command is one line in COMMANDS below: `lazy(name, module, help)`, where `module` is
the module of garefil.cli whose `register(app)` defines the command (several joined by '+' when
one adds subcommands to another's group) and `help` its one-line help, the same English words
as in `register`. The module is imported only when its command runs or its help is asked, so
that every launch does not pay for all of them (cli/lazy.py); tests/test_cli_contract.py checks
that this table and the registered commands agree.

`GarefilGroup.invoke` hands every error a command raises to cli/failures.py, the one place
where errors become a message and an exit code (the table lives in core/errors.py and the
README). Unexpected exceptions become one line that points to `--debug`, which re-raises them
with the full traceback; under `--debug` a domain error shows its traceback first, then the same
message and exit code as without it. A plain `search`, `list`, `tags`, `show` or `index` runs
without this module at all (cli/quick.py), and its errors end in the same place.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer._click import types as click_types

from garefil.i18n import _

from . import render
from .context import Services, notebook_folder
from .failures import exit_code
from .lazy import LazyGroup, lazy
from .process import EXIT_INTERRUPTED, interruption
from .saved_notes import forget as forget_saved
from .saved_notes import when_interrupted

# In the order `garefil --help` lists them.
COMMANDS = (
    lazy("init", "init_cmd", "Create a notebook here (or in FOLDER), or adopt existing notes."),
    lazy("new", "new_cmd", "Write a new note: cr, rdv, reunion, pad, demande, fiche or note."),
    lazy("show", "notes_cmd", "Show a note."),
    lazy("edit", "notes_cmd", "Open a note in your editor."),
    lazy("list", "notes_cmd", "List notes, newest first, with filters."),
    lazy("tags", "notes_cmd", "List tags with how many notes carry each."),
    lazy("tag", "notes_cmd", "Add (or with --remove, take off) tags on a note."),
    lazy("search", "search_cmd", "Find notes by their words, best first, with filters."),
    lazy("index", "index_cmd", "Bring the search index up to date and show what changed."),
    lazy("sync", "sync_cmd", "Share: record your changes, bring in the team's, send yours."),
    lazy("status", "sync_cmd", "Show what waits to be shared and the conflicts to resolve."),
    lazy("resolve", "sync_cmd", "Settle a conflict: keep the note, or take the other version."),
    lazy("history", "sync_cmd", "Show who changed a note, and when."),
    lazy("remote", "sync_cmd", "Show or set the address of the shared repository."),
    lazy("rm", "manage_cmd", "Delete a note (for the whole team at the next sync)."),
    lazy("mv", "manage_cmd", "Rename a note: a new title and the file name that goes with it."),
    lazy(
        "merge-driver",
        "merge_cmd",
        "Merge two versions of a note or of the settings (run by git itself, never by hand).",
        hidden=True,
    ),
    lazy(
        "entrepreneurs",
        "people_cmd",
        "List the entrepreneurs: référent, status, last contact, number of notes.",
    ),
    lazy("demandes", "requests_cmd", "List the requests, the longest waiting first."),
    lazy("fil", "thread_cmd", "Everything about one entrepreneur, in time order."),
    lazy("suivi", "followup_cmd", "What needs doing now, by référent, oldest first."),
    lazy("site", "site_cmd", "Build the notebook as a static HTML site, searchable offline."),
    lazy("import", "import_cmd", "Bring a folder of notes written elsewhere into the notebook."),
    lazy("jardin", "jardin_cmd", "Check the notebook: what keeps it tidy, complete and findable."),
    lazy("bilan", "bilan_cmd", "The figures of a period: what was done, decided, followed."),
    lazy("rdv", "rdv_cmd", "Appointments: held, cancelled, postponed; the invitation to send."),
    lazy("cr", "cr_cmd", "Reports: send one by e-mail, or record a sending done by hand."),
    lazy("pads", "pads_cmd", "List the pads, with the date of their last copy."),
    lazy("docs", "documents_cmd", "List the documents filed in the notebook."),
    lazy("pad", "pads_cmd", "Pads: register one, copy their text."),
    lazy("doc", "documents_cmd", "Documents: file one in the notebook."),
    lazy("decisions", "register_cmd", "The register of decisions, with their notes."),
    lazy("actions", "register_cmd", "The open actions: who does what by when."),
    lazy("decision", "register_cmd+register_write", "Change one decision of the register."),
    lazy("action", "register_cmd+register_write", "Add or close one action."),
    lazy(
        "config",
        "init_cmd+team_cmd+settings_cmd",
        "Your settings and this notebook's (alone: show them).",
    ),
    lazy("reunion", "meetings_cmd", "The team meeting: prepare the next one."),
    lazy("ordre-du-jour", "agenda_cmd", "Subjects for the next meeting."),
    lazy("roles", "meetings_cmd", "Who held which meeting role, and who is next."),
    lazy("rgpd", "rgpd_cmd", "Personal data (RGPD): retention rule, export, anonymisation."),
    lazy(
        "sommaire",
        "summary_cmd",
        "Write SOMMAIRE.md, the page that lists everything, and its linked pages.",
    ),
    lazy("entrepreneur", "people_cmd", "Entrepreneurs: write a fiche, change a référent."),
    lazy("demande", "requests_cmd", "Requests: assign one, close one."),
    lazy("completion", "completion_cmd", "Shell completion (Tab): install it, or show its script."),
)

EXIT_USAGE = 2


class GarefilGroup(LazyGroup):
    """Translates errors raised by any command into one message and one exit code."""

    table = COMMANDS

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command; usage errors get the same one-line form as every other error."""
        forget_saved()
        try:
            code = super().main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except (KeyboardInterrupt, EOFError, typer.Abort):  # before or after the command ran
            given = sys.argv[1:] if args is None else list(args)
            if "--debug" in given:
                raise
            render.info(when_interrupted(interruption(given)))
            code = EXIT_INTERRUPTED
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
        except (Exception, KeyboardInterrupt) as problem:
            asking = isinstance(problem, typer.Abort)  # Click's word for Ctrl-C at a question
            if _from_framework(problem) and not asking:
                raise  # usage errors, --help and exits: Typer's own
            code = exit_code(problem, _debug(ctx), ctx.invoked_subcommand, asking)
            raise typer.Exit(code) from None


def _debug(ctx: typer.Context) -> bool:
    return isinstance(ctx.obj, Services) and ctx.obj.debug


def _is_usage_error(error: Exception) -> bool:
    """A Click usage error (unknown option, missing argument…), whatever Typer calls it."""
    return _from_framework(error) and getattr(error, "exit_code", None) == EXIT_USAGE


def _from_framework(error: Exception) -> bool:
    """Usage errors, --help and exits belong to Typer (which vendors Click): let it handle them
    (garefil's own usage errors, cli/localized.py, are Click's kind)."""
    from typer._click.exceptions import UsageError  # loaded with Typer already

    own_usage = isinstance(error, UsageError)
    return own_usage or type(error).__module__.split(".")[0] in ("typer", "click")


app = typer.Typer(
    cls=GarefilGroup,
    name="garefil",
    help=_("garefil: the team's shared notebook (notes, reports, meetings, requests)."),
    no_args_is_help=False,  # `garefil` alone: the home screen (the help outside a notebook)
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class FolderText(click_types.StringParamType):
    """A folder's path kept as typed (a string, "" included), completed as a path."""

    name = "path"


def _say_version(wanted: bool) -> None:
    """`--version`: the installed garefil's version, then stop (before any notebook is read)."""
    if wanted:
        from importlib.metadata import version

        typer.echo(f"garefil {version('garefil')}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def global_options(
    ctx: typer.Context,
    notebook: Annotated[
        str | None,  # as typed: Path("") would be the current folder, and -C "" unnoticed
        typer.Option(
            "-C",
            "--notebook",
            click_type=FolderText(),
            metavar=_("FOLDER"),
            help=_("Work on the notebook in this folder."),
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help=_("Show the full traceback of errors."))
    ] = False,
    team: Annotated[
        bool,
        typer.Option("--equipe", "--team", help=_("Without a command: the whole team's home.")),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option("--sans-pager", "--no-pager", help=_("Never show a listing in a pager.")),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_say_version,
            is_eager=True,
            help=_("Show garefil's version and stop."),
        ),
    ] = False,
) -> None:
    """Options shared by every command; without a command, the home screen."""
    ctx.obj = Services(explicit_notebook=notebook_folder(notebook), debug=debug)
    from . import pager  # here, not for `--help`: the listings' pager and its terminal tables

    pager.use(ctx.obj, turned_off=no_pager)
    if ctx.invoked_subcommand is None:
        from .home_screen import show_home

        show_home(ctx, team)


def main() -> None:
    """Run the command line once (as a library call: the process goes on afterwards)."""
    app(prog_name="garefil")  # the same name in messages, however it was started
