"""Commands registered by name, their modules imported only when one of them is used.

Importing every command module (and through them Rich, the core's use cases, rapidfuzz…) cost
about 135 ms at each launch, whatever the command. The root group knows each command's name and
one-line help from a small static table (`Lazy` entries, in cli/app.py): `garefil --help` is
drawn from it, and a command's module is imported only when that command runs or its help is
asked. A test checks that the table and the commands the modules register agree, so that the
table cannot drift from the code.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib import import_module
from typing import NamedTuple

import typer
from typer import _click
from typer._click.utils import make_default_short_help

from garefil.i18n import _

from .localized import LocalizedGroup


class Lazy(NamedTuple):
    """A command of the root group: its name, the cli modules whose `register(app)` define it
    (several when one adds subcommands to another's group), and its one-line help (an English
    msgid, translated when shown)."""

    name: str
    modules: tuple[str, ...]
    help: str
    hidden: bool = False


def lazy(name: str, modules: str, help_text: str, hidden: bool = False) -> Lazy:
    """A table entry; `modules` names one module of garefil.cli, or several joined by '+'."""
    return Lazy(name, tuple(modules.split("+")), help_text, hidden)


# Where the modules register their commands, each module once per process (tests run the
# application many times in one process; `register` is not meant to run twice).
_registry = typer.Typer(rich_markup_mode=None, add_completion=False)
_registered: set[str] = set()
_built: dict[str, _click.Command] = {}


def load(entry: Lazy) -> _click.Command | None:
    """The real command of `entry`, importing its modules on first use."""
    fresh = [module for module in entry.modules if module not in _registered]
    for module in fresh:
        import_module(f"{__package__}.{module}").register(_registry)
        _registered.add(module)
    # Built again when a module was added: it may have added subcommands to another's group.
    if fresh:
        _built.clear()
    if entry.name not in _built:
        command = _build(entry.name)
        if command is not None:
            _built[entry.name] = command
    return _built.get(entry.name)


def _build(name: str) -> _click.Command | None:
    """The Click command `name`, built alone: Typer reads the signature and type hints of each
    function it builds, and a module registers several (`list` comes with new, show, edit…)."""
    only = typer.Typer(rich_markup_mode=None, add_completion=False)
    only.registered_commands = [
        info
        for info in _registry.registered_commands
        if (info.name or typer.main.get_command_name(info.callback.__name__)) == name
    ]
    only.registered_groups = [
        info for info in _registry.registered_groups if info.name == name
    ]  # every group is added with its name (`app.add_typer(…, name=…)`)
    if not only.registered_commands and not only.registered_groups:
        return typer.main.get_group(_registry).commands.get(name)  # named some other way
    return typer.main.get_group(only).commands.get(name)


def registered() -> dict[str, _click.Command]:
    """Every command the loaded modules registered so far, by name (for the consistency test)."""
    return dict(typer.main.get_group(_registry).commands)


class LazyGroup(LocalizedGroup):
    """A root group whose commands come from `table`, imported when used."""

    table: Sequence[Lazy] = ()

    def _entry(self, name: str) -> Lazy | None:
        return next((e for e in self.table if e.name == name), None)

    def list_commands(self, ctx) -> list[str]:
        """The command names, in the table's order (the order of `--help`)."""
        return [e.name for e in self.table]

    def get_command(self, ctx, cmd_name: str):
        """The command called `cmd_name`, its module imported now (None if unknown)."""
        entry = self._entry(cmd_name)
        return load(entry) if entry is not None else None

    def format_commands(self, ctx, formatter) -> None:
        """The list of commands in `--help`, from the table: no command module is imported.
        Each says its first sentence whole, wrapped: cut at the width (Click's rule), most
        ended in « … » before the words that say what the command is for."""
        shown = [e for e in self.table if not e.hidden]
        if not shown:
            return
        rows = [(e.name, make_default_short_help(_(e.help), sys.maxsize).strip()) for e in shown]
        with formatter.section(_("Commands")):
            formatter.write_dl(rows)
