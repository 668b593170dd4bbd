"""`garefil completion install|script`: the shell completes commands, options, names and notes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from garefil.core import shell_setup as core
from garefil.i18n import _

from . import render
from .completion_scripts import KEYS, SCRIPTS
from .localized import LocalizedGroup, add_command
from .prompts import at_terminal, yes

completion_app = typer.Typer(
    cls=LocalizedGroup,
    help=_("Shell completion (Tab): install it, or show its script."),
    no_args_is_help=True,
)

ShellArg = Annotated[
    str | None,
    typer.Argument(
        metavar=_("SHELL"),
        help=_("bash, zsh or fish (by default: your shell, from $SHELL)."),
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    app.add_typer(completion_app, name="completion")
    add_command(
        completion_app, "install", _("Install completion for your shell, in your HOME."), install
    )
    add_command(completion_app, "script", _("Print the completion script of a shell."), script)


def install(
    shell: ShellArg = None,
    profile: Annotated[
        bool,
        typer.Option(
            "--profil",
            "--profile",
            help=_("Also add the lines that load it to ~/.bashrc or ~/.zshrc, without asking."),
        ),
    ] = False,
) -> None:
    name = core.shell_named(shell, os.environ)
    setup = core.setup_for(name, Path.home(), os.environ)
    done = core.install(setup, SCRIPTS[name], profile or _agreed(setup), KEYS.get(name, ""))
    # fish's Tab key file goes with its script: both are said, loaded and removed together.
    files = [core.shown(path, Path.home()) for path in (setup.script, setup.keys) if path]
    if len(files) == 2:
        said = _("Completion for {shell} written to {path} and {other}.")
        render.success(said.format(shell=name, path=files[0], other=files[1]))
    else:
        render.success(
            _("Completion for {shell} written to {path}.").format(shell=name, path=files[0])
        )
    _explain(done, files)


def _profile(setup: core.Setup) -> str:
    return core.shown(setup.profile, Path.home()) if setup.profile else ""


def _agreed(setup: core.Setup) -> bool:
    """At a terminal, whether the coach lets garefil add the missing lines to their file."""
    missing = core.missing_lines(setup)
    if not missing or not at_terminal():
        return False
    asked = _("{shell} loads it only with these lines in {file}:")
    render.info(asked.format(shell=setup.shell, file=_profile(setup)))
    for line in missing:
        render.info(f"    {line}")
    return yes(_("Add them at the end of {file}?").format(file=_profile(setup)))


def _explain(done: core.Installed, files: list[str]) -> None:
    """What was done, how to use it now, how to remove it: the coach needs no other page."""
    profile = _profile(done.setup)
    if done.added:
        lines = " ; ".join(done.added)
        render.success(_("Added to {file}: {lines}").format(file=profile, lines=lines))
    elif done.missing:
        render.info(
            _("To load it, add to {file} (or run again with --profil):").format(file=profile)
        )
        for line in done.missing:
            render.info(f"    {line}")
    elif profile:
        render.info(_("{file} loads it already.").format(file=profile))
    # Without its lines a new terminal loads nothing: say what does, rather than a new terminal.
    activate = _UNTIL_ADDED if done.missing else _ACTIVATE
    render.info(activate[done.setup.shell]().format(path="; source ".join(files), file=profile))
    render.info(_("To remove it: rm {path}").format(path=" ".join(files)))
    if core.marked(done.setup):
        then = _("and delete the lines after '{mark}' in {file}.")
        render.info(then.format(mark=core.MARK, file=profile))


_ACTIVATE = {
    "bash": lambda: _("Open a new terminal to use it (in this one: source {path})."),
    "zsh": lambda: _("Open a new terminal to use it (in this one: exec zsh)."),
    "fish": lambda: _("Open a new terminal to use it (in this one: source {path})."),
}

_UNTIL_ADDED = {  # fish needs no start-up line: it never waits for one
    "bash": lambda: _(
        "Until those lines are in {file}, a new terminal will not load it; in this one: "
        "source {path}"
    ),
    "zsh": lambda: _(
        "Until those lines are in {file}, a new terminal will not load it; once they are, "
        "run `exec zsh` in this one."
    ),
}


def script(
    shell: Annotated[
        str, typer.Argument(metavar=_("SHELL"), help=_("bash, zsh or fish."), show_default=False)
    ],
) -> None:
    name = core.shell_named(shell, {})
    typer.echo(SCRIPTS[name], nl=False)
