"""Process-level tricks that make a short command faster, all in this one place.

A garefil command is a short-lived process whose objects (ten thousand catalogue entries, the
index's readers) mostly live until it exits. Measured gains are in docs/performance.md.

- Read commands run without the cyclic garbage collector: its full collections walk every live
  object again and again while the catalogue is loaded, which is what made commands grow worse
  than linearly with the notebook. Commands that write keep it (a full build makes many
  short-lived cycles), so that memory stays bounded there.
- Once the command has returned, its output is flushed and exit handlers run (temporary folders
  are removed, worker processes joined), then the process ends without tearing down its heap
  object by object, which is pure waste at that point.

Neither can risk a write: every file garefil writes is complete, flushed and closed before the
command returns (notebook.py and the index adapters write through temporary files and fsync).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Sequence

TYPE_CHECKING = False  # importing typing costs each completion request (a Tab) a few ms
if TYPE_CHECKING:
    from typing import NoReturn

READ_COMMANDS = frozenset(
    {
        "list",
        "search",
        "show",
        "tags",
        "status",
        "history",
        "suivi",
        "decisions",
        "actions",
        "roles",
    }
)
_WITH_VALUE = frozenset({"-C", "--notebook"})


def command_name(args: Sequence[str]) -> str | None:
    """The subcommand named in `args`, past the global options."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def collects_garbage(args: Sequence[str]) -> bool:
    """Whether the command `args` names keeps the cyclic garbage collector: only those that
    write do (no subcommand is the home screen, which reads)."""
    name = command_name(args)
    return name is not None and name not in READ_COMMANDS


def main() -> NoReturn:
    """The `garefil` program (console script and `python -m garefil`): one command, then exit.
    Code that calls `garefil.cli.app.main` as a function keeps a normal process. A shell's
    completion request is answered before the command line is even imported (cli/completion.py)."""
    if os.environ.get("_GAREFIL_COMPLETE"):
        from .completion import run as complete

        complete(os.environ["_GAREFIL_COMPLETE"], sys.argv[1:])
        _end(0)
    from .app import main as command_line

    run(command_line, sys.argv[1:])


def run(app: Callable[[], object], args: Sequence[str]) -> NoReturn:
    """Run `app` (which exits through SystemExit) for `args`, then end the process at once."""
    if not collects_garbage(args):
        gc.disable()
    try:
        app()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    _end(code)


def _exit_code(code: object) -> int:
    """What sys.exit would make of `code` (a message is printed, and means failure)."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _end(code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except (OSError, ValueError):  # the reader stopped reading (`| head`): it has what it wanted
        reader_gone()
    try:
        sys.stderr.flush()
    except (OSError, ValueError):  # messages that could not be said: the command did not succeed
        code = code or 1
    atexit._run_exitfuncs()
    os._exit(code)


def reader_gone() -> None:
    """Send the rest of stdout to the null device once its reader has gone (`garefil … | head`):
    like git, a command whose reader stopped reading ends quietly, and no later flush fails."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (in-process runs): nothing to redirect
        pass
