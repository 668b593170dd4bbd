"""Shell completion: what to propose for the word a coach is typing, at each Tab.

The shell scripts (cli/completion_scripts.py) run `garefil` with `_GAREFIL_COMPLETE` set to the
shell's name and the words typed so far; the entry point (cli/process.py) sends that request
here before anything else is imported. It must answer well within a tenth of a second on a large
notebook, so it imports neither Typer, Rich nor any command module: commands, options and
arguments come from the generated table (cli/completion_table.py), values from the catalogue
read-only (adapters/completion_values.py), and any failure means no proposal, never a message.
"""

from __future__ import annotations

import os
import sys
from collections import namedtuple
from collections.abc import Mapping, Sequence
from pathlib import Path

from .completion_table import COMMANDS

VARIABLE = "_GAREFIL_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
# What an option's or an argument's value is, when its type does not say (the same names mean
# the same thing in every command, so a new command's `--tag` completes with no work).
OPTION_VALUES = {
    "--type": "type",
    "--tag": "tag",
    "--etiquette": "tag",
    "--entrepreneur": "entrepreneur",
    "--referent": "person",
    "--qui": "person",
    "--par": "person",
    "--absent": "person",
    "--participant": "person",
    "--dans": "note",
    "--note": "note",
    "--rdv": "note:rdv",
    "--champ": "field",
}
# The commands of a group act on notes of one type: `demande assigner` takes a request.
NOTE_TYPE_OF_GROUP = {"demande": "demande", "rdv": "rdv", "cr": "cr", "pad": "pad"}
# …and some only on the notes of that type still open: a closed request is neither assigned
# nor closed again (the status that closes them, as core/requests.py writes it).
CLOSED_STATUS_OF_COMMAND = {"demande assigner": "close", "demande clore": "close"}
SEARCH_FIELD_VALUES = {"tag": "tag", "tags": "tag", "etiquette": "tag", "type": "type"}
ARGUMENT_VALUES = {
    "ref": "note",
    "note_type": "type",
    "names": "tag",
    "who": "person",
    "referent": "person",
    "item_id": "item",
}
COMMAND_ARGUMENT_VALUES = {
    ("fil", "who"): "entrepreneur",
    ("rgpd export", "name"): "entrepreneur",
    ("rgpd anonymiser", "name"): "entrepreneur",
    ("entrepreneur referent", "name"): "entrepreneur",
    ("config membre retirer", "name"): "person",
}


# Named tuples from collections, not typing: typing alone costs a request a few ms.
Asked = namedtuple("Asked", "command kind typed before choices notebook", defaults=("", (), None))
Asked.__doc__ = """What the word being typed is: `command`, its path in the table ("" for garefil
itself, "rdv tenu"…); `kind`, "commands", "options", a value kind ("tag", "note"…) or "" for
nothing; `typed`, the word unquoted (after `--option=`, which is `before`); `choices` of a
closed list; `notebook`, the -C folder when given."""

Candidate = namedtuple("Candidate", "value description", defaults=("",))
Candidate.__doc__ = "One proposal: the word to insert, and a few words about it (zsh, fish)."


def asked(words: Sequence[str]) -> Asked:
    """What `words` (typed after `garefil`, the last one being typed) ask to complete."""
    command, pending, count, notebook = "", None, 0, None
    for word in words[:-1]:
        if pending is not None:
            notebook = word if "-C" in pending[0] else notebook
            pending = None
        elif word.startswith("-") and len(word) > 1:
            name, equals, value = word.partition("=")
            found = _option(command, name)
            pending = found if found and found[1] and not equals else None
            notebook = value if equals and found and "-C" in found[0] else notebook
        elif count == 0 and f"{command} {word}".strip() in COMMANDS:  # hidden aliases too
            command = f"{command} {word}".strip()
        else:
            count += 1
    return _asking(command, words[-1] if words else "", pending, count)._replace(notebook=notebook)


def _asking(command: str, typed: str, pending: tuple | None, count: int) -> Asked:
    """What is asked once the command is known: an option's value, an option, a subcommand, or
    the value of the argument at `count`."""
    if pending is not None:
        return _value_of(command, pending, typed)
    if typed.startswith("-"):
        name, equals, value = typed.partition("=")
        found = _option(command, name) if equals else None
        if found and found[1]:
            return _value_of(command, found, value)._replace(before=f"{name}=")
        return Asked(command, "options", typed)
    if COMMANDS[command]["commands"] and count == 0:
        return Asked(command, "commands", typed)
    return _argument(command, count, typed)


def _option(command: str, name: str) -> tuple | None:
    """The table's option called `name` in `command` (global ones apply before a command)."""
    options = COMMANDS[command]["options"] or ()
    return next((option for option in options if name in option[0]), None)


def _value_of(command: str, option: tuple, typed: str) -> Asked:
    names, _takes, values, _help = option
    if isinstance(values, tuple):
        return Asked(command, "choice", typed, choices=values)
    kind = values or next((OPTION_VALUES[n] for n in names if n in OPTION_VALUES), "")
    return Asked(command, kind, typed)


def _argument(command: str, count: int, typed: str) -> Asked:
    arguments = COMMANDS[command]["arguments"]
    if not arguments:
        return Asked(command, "", typed)
    name, nargs, values = arguments[min(count, len(arguments) - 1)]
    if count >= len(arguments) and nargs != -1:
        return Asked(command, "", typed)
    if isinstance(values, tuple) or name == "shell":
        return Asked(command, "choice", typed, choices=values or SHELLS)
    kind = values or COMMAND_ARGUMENT_VALUES.get((command, name)) or ARGUMENT_VALUES.get(name, "")
    if kind == "item":
        kind = "action" if command.startswith("action") else "decision"
    if kind == "note" and command.split(" ")[0] in NOTE_TYPE_OF_GROUP:
        kind = f"note:{NOTE_TYPE_OF_GROUP[command.split(' ')[0]]}"
        if command in CLOSED_STATUS_OF_COMMAND:
            kind = f"{kind}:{CLOSED_STATUS_OF_COMMAND[command]}"
    if command == "search":
        return _search_word(typed)
    return Asked(command, kind, typed)


def _search_word(typed: str) -> Asked:
    """A word of a search: after `tag:` or `type:`, that field's values; else nothing."""
    field, colon, value = typed.partition(":")
    kind = SEARCH_FIELD_VALUES.get(field.lower(), "") if colon else ""
    return Asked("search", kind, value, before=f"{field}:") if kind else Asked("search", "", typed)


def main(shell: str, words: Sequence[str], environ: Mapping[str, str], cwd: Path) -> None:
    """Answer one completion request on stdout, for `shell`; nothing at all on any failure."""
    from . import completion_answer

    try:
        request = asked(words)
        text = completion_answer.answer(shell, request, environ, cwd)
    except Exception:  # noqa: BLE001 - a Tab must never print a traceback into the command line
        return
    sys.stdout.write(text)


def requested(environ: Mapping[str, str]) -> str | None:
    """The shell whose completion request this process is, if it is one."""
    shell = environ.get(VARIABLE, "")
    return shell if shell in SHELLS else None


def run(shell: str, args: Sequence[str], environ: Mapping[str, str] = os.environ) -> None:
    """The entry point's part: answer the request `args` (and for bash, $_GAREFIL_LINE) make."""
    main(shell, words_of(shell, args, environ), environ, Path.cwd())


def words_of(shell: str, args: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The words typed after `garefil`, unquoted, the last one being the word under completion.
    bash gives its line (its own words break at '=' and ':'); zsh gives the words as typed;
    fish gives the finished words unquoted already, and the current one as typed."""
    if shell == "bash":
        return [value for _raw, value in split_line(environ.get("_GAREFIL_LINE", ""))[1:]]
    if shell == "fish" and args:
        return [*args[:-1], split_line(args[-1])[0][1]]
    return [value for arg in args for _raw, value in split_line(arg)[:1]] or [""]


def split_line(line: str) -> list[tuple[str, str]]:
    """The words of a shell line as (as typed, unquoted), the last one perhaps unfinished
    (an open quote) or empty (after a blank): the word the cursor is on."""
    words: list[tuple[str, str]] = []
    start, value, quote, index = None, "", "", 0
    while index < len(line):
        ch = line[index]
        if quote:
            quote, value, index = _quoted(line, index, quote, value)
            continue
        if ch in " \t\n":
            if start is not None:
                words.append((line[start:index], value))
            start, value = None, ""
        else:
            start = index if start is None else start
            if ch in "'\"":
                quote = ch
            elif ch == "\\":
                index += 1
                value += line[index : index + 1]
            else:
                value += ch
        index += 1
    return [*words, (line[start:] if start is not None else "", value)]


def _quoted(line: str, index: int, quote: str, value: str) -> tuple[str, str, int]:
    """One step inside quotes: (the quote still open or "", the value so far, the next index)."""
    ch = line[index]
    if ch == quote:
        return "", value, index + 1
    if quote == '"' and ch == "\\" and line[index + 1 : index + 2] in ('"', "\\", "$", "`"):
        return quote, value + line[index + 1], index + 2
    return quote, value + ch, index + 1
