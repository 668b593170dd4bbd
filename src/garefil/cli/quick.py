"""The quick path of the read commands: their plain command lines run without Typer.

Importing Typer and building its command line costs a search about 25 ms of its 0.17 s at
10,000 notes (docs/performance.md), for reading a few words and options. A command line this
module fully understands (global options -C, --debug and --sans-pager, then `search`, `list`,
`tags`, `show` or `index` with options of their own, each given a plain value) runs the same
functions as the Typer command would (search_run.py, notes_read.py, index_run.py), and ends
the same way (failures.py). Anything else — help, an unknown option, a value Typer would refuse
or convert — returns None, and the whole command line goes to Typer, which answers as usual:
the quick path never has an error message of its own. tests/test_quick_path.py checks that the
options below are the Typer commands' (names, values, repetition, checks), and that both paths
print the same for the same line.
"""

from __future__ import annotations

from collections import namedtuple
from pathlib import Path

from .query_words import split_words

TYPE_CHECKING = False  # every command line is read here first: typing costs each 3 ms
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


# One option of a quick command: its names, the parameter it fills, and how ("value",
# "values": repeatable, "flag", "count": a number ≥ 1).
Option = namedtuple("Option", "names name kind", defaults=("value",))


GLOBAL = (
    Option(("-C", "--notebook"), "notebook"),
    Option(("--debug",), "debug", "flag"),
    Option(("--sans-pager", "--no-pager"), "no_pager", "flag"),
)
FILTERS = (
    Option(("--type", "-t"), "note_type", "values"),
    Option(("--tag", "--etiquette"), "tag", "values"),
    Option(("--entrepreneur", "-e"), "entrepreneur"),
    Option(("--referent", "-r"), "referent"),
    Option(("--statut", "--etat", "--status"), "status"),
    Option(("--depuis", "--since"), "since"),
    Option(("--jusqu-au", "--until"), "until"),
)
LIMIT = Option(("--limit", "-n"), "limit", "count")
JSON = Option(("--json",), "as_json", "flag")
LISTING = (JSON, Option(("--format",), "output"))


# A quick command: its options, its arguments ("words": the words of a query, split from the
# options as Typer's QueryCommand splits them; "ref": exactly one note; "": none) and the
# module and function of garefil.cli that run it.
Command = namedtuple("Command", "options arguments module function")


COMMANDS = {
    "search": Command((*FILTERS, LIMIT, *LISTING), "words", "search_run", "search"),
    "list": Command(
        (*FILTERS, Option(("--champ",), "field", "values"), LIMIT, *LISTING),
        "",
        "notes_read",
        "list_notes",
    ),
    "tags": Command(LISTING, "", "notes_read", "tags"),
    "show": Command(
        (JSON, Option(("--version", "--commit"), "version")), "ref", "notes_read", "show"
    ),
    "index": Command((Option(("--rebuild",), "rebuild", "flag"), JSON), "", "index_run", "index"),
}
# Options whose value Typer checks with a callback of garefil's (the name it says in an error),
# run here as it runs there.
PEOPLE = (("entrepreneur", "--entrepreneur"), ("referent", "--referent"))
HELP = ("-h", "--help")  # Click's: known to split words from options, then left to Typer


class _NotQuick(Exception):
    """The command line asks for more than the quick path reads: Typer reads it."""


# A command line the quick path reads: the command, and {parameter: value} of the global
# options and of the command's own (as Typer would pass them to its function).
Reading = namedtuple("Reading", "name given wanted")


def read(args: Sequence[str]) -> Reading | None:
    """What the command line `args` asks for; None when Typer must read it."""
    try:
        given, rest = _options(GLOBAL, args, stop_at_word=True)
        if not rest or rest[0] not in COMMANDS:
            return None
        return Reading(rest[0], given, _arguments(COMMANDS[rest[0]], rest[1:]))
    except _NotQuick:
        return None


def command(args: Sequence[str]) -> Callable[[], int] | None:
    """The command `args` asks for, ready to run and return its exit code; None when Typer
    must read the line."""
    reading = read(args)
    return None if reading is None else lambda: _run(reading)


def _arguments(quick: Command, args: Sequence[str]) -> dict[str, object]:
    """{parameter: value} of the command's options and arguments, as Typer would pass them."""
    if quick.arguments == "words":
        options, words = split_words(list(args), _arity(quick.options))
        wanted, left = _options(quick.options, options, stop_at_word=False)
        wanted["words"] = words or None
    else:
        wanted, left = _options(quick.options, args, stop_at_word=False)
        if quick.arguments == "ref":
            if len(left) != 1:
                raise _NotQuick  # no note named, or two: Typer says what is missing or extra
            wanted["ref"], left = left[0], []
    if left:
        raise _NotQuick  # a word too many: Typer says which
    return wanted


def _arity(options: Sequence[Option]) -> dict[str, bool]:
    """Each option name, and whether it takes a value (as Click's command sees them)."""
    arity = {name: option.kind != "flag" for option in options for name in option.names}
    return arity | dict.fromkeys(HELP, False)


def _options(known: Sequence[Option], args: Sequence[str], stop_at_word: bool):
    """({parameter: value} of the `known` options in `args`, the other words in order); with
    `stop_at_word`, the first word ends the options, and it and all after it are the rest."""
    by_name = {name: option for option in known for name in option.names}
    values: dict[str, object] = {}
    words: list[str] = []
    pending = list(args)
    while pending:
        arg = pending.pop(0)
        if not arg.startswith("-") or arg == "-":
            words.append(arg)
            if stop_at_word:
                return values, words + pending
            continue
        name, glued = arg.split("=", 1) if arg.startswith("--") and "=" in arg else (arg, None)
        if name not in by_name:
            name, glued = _short_glued(arg, by_name)
        option = by_name[name]
        if option.kind == "flag":
            if glued is not None:
                raise _NotQuick  # `--json=x`: Click says it takes no value
            values[option.name] = True
            continue
        value = glued if glued is not None else (pending.pop(0) if pending else None)
        values[option.name] = _value(option, value, values.get(option.name))
    return values, words


def _short_glued(arg: str, by_name: dict[str, Option]) -> tuple[str, str]:
    """`-CFOLDER` or `-n5`: a short option glued to its value, as Click reads it."""
    name, value = arg[:2], arg[2:]
    if arg.startswith("--") or name not in by_name or not value:
        raise _NotQuick
    if by_name[name].kind == "flag" or value.startswith("="):
        raise _NotQuick  # `-e=Dupont`: Typer says how a short option is written
    return name, value


def _value(option: Option, value: str | None, before: object) -> object:
    """The value `option` takes from `value` (a repeatable one adds to what it had `before`);
    anything Typer would refuse or read otherwise is not quick."""
    if value is None or value == "" or (option.name == "notebook" and not value.strip()):
        raise _NotQuick  # Typer says what is missing (a blank -C: context.notebook_folder)
    if option.kind == "values":
        return [*(before or ()), value]
    if option.kind == "count":
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise _NotQuick
        return int(value)
    if option.name == "output":
        from .listing import FORMATS  # only then: the listing writer is the command's

        if value.lower() not in FORMATS:
            raise _NotQuick
        return value.lower()
    return value


def _run(reading: Reading) -> int:
    """Run the command `reading` names with its options and the global ones; the exit code,
    a failure said as the command line says it."""
    from . import pager
    from .context import Services
    from .failures import exit_code

    given = reading.given
    notebook = given.get("notebook")
    services = Services(
        explicit_notebook=Path(notebook) if notebook else None, debug=bool(given.get("debug"))
    )
    pager.use(services, turned_off=bool(given.get("no_pager")))
    try:
        _call(COMMANDS[reading.name], services, reading.wanted)
    except (Exception, KeyboardInterrupt) as problem:
        return exit_code(problem, services.debug, reading.name)
    return 0


def _call(quick: Command, services, wanted: dict[str, object]) -> None:
    """Check the people named as Typer's callback does, then run the command's function."""
    from importlib import import_module

    for person, option in PEOPLE:
        if wanted.get(person) is not None:
            from garefil.core.team import typed_name  # as options.py's person_name does

            wanted[person] = typed_name(wanted[person], option)
    run = getattr(import_module(f"{__package__}.{quick.module}"), quick.function)
    run(services, **wanted)
