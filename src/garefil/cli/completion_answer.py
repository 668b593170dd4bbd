"""The answer to one completion request: the candidates, written the way each shell reads them.

The first line says what follows: `values` (one candidate a line, `value<TAB>description` for zsh
and fish, which show descriptions; for bash the text to put in place of the word, quoted), or
`files` (the shell completes a path of the computer itself). zsh and fish quote what they insert;
bash does not, so names with spaces or quotes are escaped here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from pathlib import Path

from garefil.adapters.completion_values import CompletionValues
from garefil.core.completing import (
    grouped,
    notes_starting,
    people_starting,
    words_starting,
)

from .completion import Asked, Candidate, split_line
from .completion_table import COMMANDS

LAST_NOTE = "@dernier"
_BASH_SAFE = re.compile(r"[\w@%+=:,./-]")


def completion_values(root: Path) -> CompletionValues:
    """The catalogue's values of the notebook at `root`."""
    return CompletionValues(root)


def answer(shell: str, request: Asked, environ: Mapping[str, str], cwd: Path) -> str:
    """The text to print for `request`: the kind of answer, then the candidates."""
    if request.kind == "path":
        return "files\n"
    # bash shows no descriptions: it need not load the translations of the help texts.
    translated = _translation() if shell != "bash" else (lambda text: "")
    # a value is one line of the answer: a tab or a line break in a name written by another
    # tool would cut it in two, so such a value is not proposed (typing it still works)
    found = [
        c
        for c in _candidates(request, environ, cwd, translated)
        if c.value and c.value.isprintable()
    ]
    if shell == "bash":
        lines = _for_bash(found, request, environ)
    else:
        lines = [_described(request.before + c.value, c.description) for c in found]
    return "values\n" + "".join(f"{line}\n" for line in lines)


def _described(value: str, description: str) -> str:
    flat = " ".join(description.split())
    return f"{value}\t{flat}" if flat else value


def _translation() -> Callable[[str], str]:
    from garefil.i18n import _

    return lambda text: _(text) if text else ""


def _candidates(
    request: Asked, environ: Mapping[str, str], cwd: Path, _: Callable[[str], str]
) -> list[Candidate]:
    kind, typed = request.kind, request.typed
    if kind == "commands":
        return _subcommands(request.command, typed, _)
    if kind == "options":
        return _options(request.command, typed, _)
    if kind == "choice":
        return [Candidate(v) for v in words_starting(typed, request.choices)]
    # "note:rdv": a note of that type; "note:demande:close": of that type, not in that status
    kind, _colon, note_type = kind.partition(":")
    if kind in _FROM_NOTEBOOK:
        root = _notebook_root(request, environ, cwd)
        if root is None:
            return []
        return _notes(root, typed, note_type) if note_type else _FROM_NOTEBOOK[kind](root, typed)
    return []


def _subcommands(command: str, typed: str, _: Callable[[str], str]) -> list[Candidate]:
    names = [n for n in COMMANDS[command]["commands"] if n.startswith(typed)]
    return [Candidate(n, _(COMMANDS[f"{command} {n}".strip()]["help"])) for n in names]


def _options(command: str, typed: str, _: Callable[[str], str]) -> list[Candidate]:
    return [
        Candidate(name, _(help_text))
        for names, _takes, _values, help_text in COMMANDS[command]["options"]
        for name in names
        if name.startswith(typed) and (name.startswith("--") or len(typed) < 2)
    ]


def _notebook_root(request: Asked, environ: Mapping[str, str], cwd: Path) -> Path | None:
    """The notebook the command will use: -C, else $GAREFIL_NOTEBOOK, else around `cwd`."""
    chosen = request.notebook or environ.get("GAREFIL_NOTEBOOK") or ""
    start = (cwd / Path(chosen).expanduser()).resolve()
    # notebook.find_root's rule, without importing that module (and the config's) for it
    return next((f for f in (start, *start.parents) if (f / ".garefil").is_dir()), None)


def _types(root: Path, typed: str) -> list[Candidate]:
    from garefil.core.notetypes import BUILTIN_TYPES

    declared = _config(root).get("types")
    known = {*BUILTIN_TYPES, *(declared if isinstance(declared, dict) else ())}
    return [Candidate(name) for name in words_starting(typed, known)]


def _members(root: Path) -> list[str]:
    team = _config(root).get("team")
    members = team.get("members") if isinstance(team, dict) else None
    return [m for m in members if isinstance(m, str)] if isinstance(members, list) else []


def _config(root: Path) -> dict:
    """The notebook's settings as TOML gives them, or nothing: reading them through
    core/config.py, which checks each one, would cost a Tab more than the whole answer."""
    import tomllib

    try:
        return tomllib.loads((root / ".garefil" / "config.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}


def _tags(root: Path, typed: str) -> list[Candidate]:
    return [Candidate(tag) for tag in words_starting(typed, completion_values(root).tags())]


def _entrepreneurs(root: Path, typed: str) -> list[Candidate]:
    known = completion_values(root).entrepreneurs()
    return [Candidate(name) for name in people_starting(typed, map(_nfc, known))]


def _people(root: Path, typed: str) -> list[Candidate]:
    known = {*_members(root), *completion_values(root).referents()}
    return [Candidate(name) for name in people_starting(typed, map(_nfc, known))]


def _nfc(name: str) -> str:
    return unicodedata.normalize("NFC", name)


def _notes(root: Path, typed: str, note_type: str = "") -> list[Candidate]:
    """The notes (of `note_type` only, when given: "demande:close" leaves out the closed
    requests) whose id or path `typed` begins."""
    values = completion_values(root)
    note_type, _colon, closed = note_type.partition(":")
    found = grouped(typed, notes_starting(typed, values.notes(note_type, closed)))
    titles = values.titles([f for f in found if not f.endswith(("/", "-"))])
    # the latest note may be of any type: it is proposed where any note will do
    extra = [LAST_NOTE] if LAST_NOTE.startswith(typed) and not note_type else []
    return [Candidate(v, titles.get(v, "")) for v in extra + found]


def _fields(root: Path, typed: str) -> list[Candidate]:
    """The front-matter keys of the notes, as `FIELD=` for `--champ FIELD=VALUE`."""
    return [Candidate(f"{key}=") for key in words_starting(typed, completion_values(root).fields())]


def _items(listed: Callable[[Path], list[tuple[str, str]]]) -> Callable[[Path, str], list]:
    """Decisions or actions by id: `d-k7m3q`, `^d-k7m3q` or `k7m3q` name the same one."""

    def found(root: Path, typed: str) -> list[Candidate]:
        start = typed.lstrip("^").lower()
        items = sorted(listed(completion_values(root)))
        return [
            Candidate(i, text)
            for i, text in items
            if start in (i[: len(start)], i[2:][: len(start)])
        ]

    return found


_FROM_NOTEBOOK: dict[str, Callable[[Path, str], list[Candidate]]] = {
    "type": _types,
    "tag": _tags,
    "entrepreneur": _entrepreneurs,
    "person": _people,
    "note": _notes,
    "field": _fields,
    "decision": _items(lambda values: values.decisions()),
    "action": _items(lambda values: values.open_actions()),
}


def _for_bash(found: list[Candidate], request: Asked, environ: Mapping[str, str]) -> list[str]:
    """Each candidate as the text that replaces bash's current word (which stops at '=' and
    ':', bash's word breaks): the part of the typed word bash keeps is left out."""
    line = environ.get("_GAREFIL_LINE", "")
    raw = split_line(line)[-1][0] if line else ""
    kept = raw[: len(raw) - len(environ.get("_GAREFIL_WORD", raw))]
    texts = [_bash_quoted(request.before, c.value, raw) for c in found]
    return [text[len(kept) :] if text.startswith(kept) else text for text in texts]


def _bash_quoted(before: str, value: str, raw: str) -> str:
    """`before` + `value` as bash must read it: in the quotes the coach opened, else escaped."""
    opened = raw[len(before) : len(before) + 1]
    if opened == "'" and "'" not in value:
        return f"{before}'{value}'"
    if opened == '"' and not set('"\\$`') & set(value):
        return f'{before}"{value}"'
    return before + "".join(ch if _BASH_SAFE.match(ch) else f"\\{ch}" for ch in value)
