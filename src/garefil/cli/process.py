"""Process-level tricks that make a short command faster, all in this one place.

A garefil command is a short-lived process whose objects (ten thousand catalogue entries, the
index's readers) mostly live until it exits. Measured gains are in docs/performance.md.

- Read commands run without the cyclic garbage collector, from their first import on: its full
  collections walk every live object again and again while the catalogue is loaded, which is
  what made commands grow worse than linearly with the notebook. Commands that write keep it
  (a full build makes many short-lived cycles), so that memory stays bounded there.
- Once the command has returned, its output is flushed and exit handlers run (temporary folders
  are removed, worker processes joined), then the process ends without tearing down its heap
  object by object, which is pure waste at that point.

- A read command that checks the index's freshness starts git's read-only `git status` of its
  notebook before anything else is imported (adapters/git_worktree.py), so that git works on one
  core while Python imports the command on the other. The adapter takes that answer only when it
  asks the very same question (same folder, arguments and environment); in every other case (no
  notebook found, another folder, an error, `--help`) git runs as it always did, and the early
  one is stopped and reaped at exit. The notebook is found here by the same rule as
  core/notebook.py's `locate`, without importing it.

- Whoosh's query module imports its English word variations, for a kind of query garefil
  never makes; compiling their regular expressions cost every search and index update 5 ms.
  A stand-in module takes their place, and loads them if their one function is ever called;
  so do stand-ins for the English stemmer and the phonetic code that Whoosh's analysis package
  imports for analyzers garefil does not use, 1 ms more (STAND_INS). Whoosh finds each term
  of a search in its tables by an md5 hash, for which `hashlib` loads OpenSSL's library, 2 ms:
  a stand-in for `hashlib` holds Python's own md5 (`_md5`, the same digests). Any other name
  asked of a stand-in (`hashlib.sha1`) loads the real module and is the real one's.
- Other modules are imported for what garefil's commands never ask of them: `inspect`, which
  `dataclasses` imports for classes without a docstring (it brings `ast`, `dis` and
  `tokenize`: 5 % of a `list`), and Whoosh's highlighter (garefil makes its own snippets).
  They are made lazy (LAZY): the import system creates them as any module, so that a parent
  package, `find_spec` or `import a.b` see them as usual, and Python's own LazyLoader runs
  their code the first time anything is asked of them. So are `ipaddress`, which
  `urllib.parse` (imported by `pathlib`) imports for addresses in brackets, and `bz2` and
  `lzma`, which `shutil` (imported by Whoosh's storage) imports to know that it could compress
  archives. A module imported twice cannot be lazy so: before Python 3.12, the second import
  asks it for its spec. (Before Python 3.12 that first ask must come from one thread at a time:
  the only other thread garefil starts, the home screen's question to git, never asks them.)
- A package whose own code imports what garefil never uses (UNRUN_PACKAGES: Whoosh's Snowball
  stemmers, fourteen languages for the French one) is created with its path, so that its
  submodules are imported as usual; its own code runs the first time a name it defines is
  asked (LazyLoader cannot do this: it runs a package for its path).

- A plain `search`, `list`, `tags`, `show` or `index` (cli/quick.py) runs without importing
  Typer, which with the building of its command line cost each about 25 ms; any other command
  line goes to Typer.

None can risk a write: every file garefil writes is complete, flushed and closed before the
command returns (notebook.py and the index adapters write through temporary files and fsync),
and the early `git status` runs with --no-optional-locks, writing nothing, not even git's index.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Mapping, Sequence

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
# Read commands whose answer starts by checking the index's freshness, which asks `git status`
# (None: the home screen).
ASKS_GIT_STATUS = frozenset(
    {None, "list", "search", "show", "tags", "index", "suivi", "decisions", "actions", "roles"}
)
EXIT_INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C
_WITH_VALUE = frozenset({"-C", "--notebook"})
# Whoosh modules imported for one function garefil never calls, each with that function: its
# English word variations (for a kind of query garefil never makes), and the English stemmer and
# phonetic code its analysis package imports for analyzers garefil does not use.
STAND_INS = {
    "whoosh.lang.morph_en": "variations",
    "whoosh.lang.porter": "stem",
    "whoosh.lang.dmetaphone": "double_metaphone",
    # Whoosh finds a term in its tables by an md5 hash; `hashlib` loads OpenSSL's library to
    # offer it, 2 ms of each search: Python's own md5 gives the same digests (PYTHONS_OWN).
    "hashlib": "md5",
}
PYTHONS_OWN = {"hashlib": "_md5"}  # where a stand-in's function is taken from, when there
LAZY = frozenset({"inspect", "whoosh.highlight", "ipaddress", "bz2", "lzma"})
# Packages whose own code imports what garefil never uses: Whoosh's Snowball package imports the
# stemmers of fourteen languages (1.4 ms), for the French one alone.
UNRUN_PACKAGES = frozenset({"whoosh.lang.snowball"})
_NOTEBOOK_MARK = ".garefil"  # core/config.py's CONFIG_DIR: the folder that makes a notebook


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
    try:
        if not collects_garbage(sys.argv[1:]):
            gc.disable()  # from the start: importing the command makes objects by the thousand
        defer_modules()  # first: starting git imports pathlib, which imports ipaddress
        start_git_status(sys.argv[1:], os.environ)
        command_line = _quick(sys.argv[1:])
        if command_line is None:
            from .app import main as command_line
    except KeyboardInterrupt:  # Ctrl-C while starting: nothing has been read, let alone written
        interrupted(sys.argv[1:], started=False)
    run(command_line, sys.argv[1:])


def _quick(args: Sequence[str]) -> Callable[[], NoReturn] | None:
    """A plain read command, run without loading Typer (cli/quick.py); None for any other
    command line, which Typer reads."""
    from .quick import command

    quick = command(args)
    if quick is None:
        return None
    return lambda: sys.exit(quick())


def start_git_status(args: Sequence[str], environ: Mapping[str, str]) -> None:
    """Start the `git status` a read command will ask, before its modules are imported."""
    if command_name(args) not in ASKS_GIT_STATUS or "--help" in args or "-h" in args:
        return
    root = notebook_root(args, environ)
    if root is None:
        return
    from garefil.adapters.git_worktree import reap_early, start_status

    start_status(root)
    atexit.register(reap_early)


def defer_modules() -> None:
    """Put stand-ins in place of the STAND_INS modules, and make the LAZY modules lazy."""
    for name, function in STAND_INS.items():
        sys.modules.setdefault(name, _stand_in(name, function))
    if not any(isinstance(finder, _LazyFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LazyFinder())


def _stand_in(name: str, function: str):
    """A module `name` holding only `function`: Python's own where PYTHONS_OWN names the
    module it is in, else one that loads the real module the first time it is called and calls the
    real function. Any other name asked of the stand-in loads the real module and is its."""
    import types
    from importlib.machinery import ModuleSpec

    stand_in = types.ModuleType(name)
    # Asked by each import of it, and by find_spec: a spec of its own, so that neither is an
    # error nor loads the real module (which a spec forwarded would).
    stand_in.__spec__ = ModuleSpec(name, None)

    def real() -> types.ModuleType:
        if sys.modules.get(name) is stand_in:
            sys.modules.pop(name, None)  # another thread may have done it
        from importlib import import_module

        return import_module(name)

    def called(*args, **kwargs):
        return getattr(real(), function)(*args, **kwargs)

    def forwarded(attribute: str):  # a name the stand-in lacks: `hashlib.sha1`, `__file__`…
        if attribute == "__path__":  # asked by each `from … import`: none, as a plain module
            raise AttributeError(attribute)
        return getattr(real(), attribute)

    called.__name__ = called.__qualname__ = function
    called.__module__ = name  # pickled by its name there, as the real one would be
    setattr(stand_in, function, _pythons_own(PYTHONS_OWN.get(name), function) or called)
    stand_in.__getattr__ = forwarded
    return stand_in


def _pythons_own(module: str | None, function: str) -> Callable | None:
    """`function` of Python's own `module`; None without it (a Python built without it)."""
    if module is None:
        return None
    try:
        return getattr(__import__(module), function)
    except (ImportError, AttributeError):
        return None


class _LazyFinder:
    """Finds the LAZY modules and UNRUN_PACKAGES where Python would, and gives them a loader
    that runs their code when first asked (Python's LazyLoader, or _PackageLoader)."""

    def find_spec(self, name: str, path=None, target=None):
        if name not in LAZY and name not in UNRUN_PACKAGES:
            return None
        from importlib.machinery import PathFinder

        spec = PathFinder.find_spec(name, path)
        if spec is None or not hasattr(spec.loader, "exec_module"):
            return spec  # not where Python looks, or a loader that cannot be wrapped: as usual
        if name in LAZY:
            from importlib.util import LazyLoader

            spec.loader = LazyLoader(spec.loader)
        elif spec.submodule_search_locations is not None:  # a package, as expected
            spec.loader = _PackageLoader(spec.loader)
        return spec


class _PackageLoader:
    """Leaves a package's own code to run the first time a name the package defines is asked:
    its path, spec and submodules are there before, set by the import system."""

    def __init__(self, loader) -> None:
        self.loader = loader

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module) -> None:
        import threading
        import types

        loader, lock, running = self.loader, threading.RLock(), []

        class _UnrunPackage(types.ModuleType):
            def __getattr__(self, name: str):  # only for a name not set: its code has not run
                with lock:  # another thread asking meanwhile waits until the code has run
                    if type(self) is _UnrunPackage and not running:
                        running.append(True)  # its own code asking meanwhile: see below
                        try:
                            loader.exec_module(self)
                        finally:
                            running.clear()
                        self.__spec__.loader = loader  # as Python would have left it
                        self.__class__ = types.ModuleType
                if type(self) is _UnrunPackage:  # asked by its own code as it runs: not yet set
                    raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
                return getattr(self, name)

        module.__class__ = _UnrunPackage


def notebook_root(args: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The notebook `args` will work on, found as core/notebook.py's `locate` finds it (-C,
    else $GAREFIL_NOTEBOOK, else the current folder, then upwards); None if there is none."""
    try:
        start = _option_value(args) or environ.get("GAREFIL_NOTEBOOK") or os.getcwd()
        folder = os.path.realpath(start)
    except (OSError, ValueError):  # the current folder was deleted; a NUL in a path
        return None
    while not os.path.isdir(os.path.join(folder, _NOTEBOOK_MARK)):
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
    return folder


def _option_value(args: Sequence[str]) -> str | None:
    """The folder given with -C or --notebook before the subcommand (None without one)."""
    for index, arg in enumerate(args):
        if arg in _WITH_VALUE:
            return args[index + 1] if index + 1 < len(args) else None
        if arg.startswith("--notebook="):
            return arg.split("=", 1)[1]
        if arg.startswith("-C"):  # -CFOLDER, as Click reads it
            return arg[2:]
        if not arg.startswith("-"):
            return None
    return None


def run(app: Callable[[], object], args: Sequence[str]) -> NoReturn:
    """Run `app` (which exits through SystemExit) for `args`, then end the process at once."""
    if not collects_garbage(args):
        gc.disable()
    try:
        app()
        code = 0
    except SystemExit as done:
        code = _exit_code(done.code)
    except KeyboardInterrupt:  # between the command line's own handlers (app.py) and the exit
        interrupted(args, started=True)
    _end(code)


def interrupted(args: Sequence[str], started: bool) -> NoReturn:
    """Say in one line that Ctrl-C stopped garefil (before its command `started`, or around
    it), and end with 130; with --debug, the traceback instead."""
    if "--debug" in args:
        raise  # noqa: PLE0704 - only called from an `except KeyboardInterrupt` block
    try:
        from garefil.i18n import _

        words = _(interruption(args, started))
        if started:  # the command may have saved a note already: say which
            from .saved_notes import when_interrupted

            words = when_interrupted(interruption(args, started))
        print(words, file=sys.stderr)
    except KeyboardInterrupt:  # pressed twice: the words may be missing, the code is not
        pass
    _end(EXIT_INTERRUPTED)


def interruption(args: Sequence[str], started: bool = True) -> str:
    """What an interruption left, in words that are true whenever it came: nothing changed
    before the command started or in a command that only reads; else no half-written file."""
    if not started or not collects_garbage(args):  # the commands that write keep the collector
        return N_("Interrupted: nothing was changed.")
    if command_name(args) == "sync":  # git's merge is never cut (adapters/git_undivided.py)
        return N_(
            "Interrupted: no note was left half-written; `garefil sync` finishes the sharing."
        )
    return N_("Interrupted: nothing half-written was left.")


def N_(message: str) -> str:  # noqa: N802 - gettext's name: marks a message, translated when said
    """`message` as it is, marked for the catalogue (garefil.i18n is imported only to say it)."""
    return message


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
