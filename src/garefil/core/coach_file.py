"""The coach's own settings file (TOML), read as flat keys and changed one line at a time.

    nom = "Awa Diallo"
    editeur = "nano"

    [smtp]
    serveur = "smtp.exemple.org"
    port = 587

Like the notebook's config.toml (config.py), it is read here with tomllib, in the core: the
language of messages is one of its settings and must be known before any message is built,
when i18n is first imported, which may not reach an adapter. The standard library does not write
TOML: `with_setting` rewrites the one assignment (or adds it to its table), reads the result
back and refuses it if anything else would change, so the coach's comments and layout stay.
It is written atomically, in its own folder (atomic_files.atomic_write).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .atomic_files import atomic_write
from .config import NOT_A_TABLE, NOT_UTF8
from .errors import ConfigNotToml, InvalidConfig

HEADER = "# Réglages personnels de garefil (jamais partagés) : `garefil config` les montre.\n"
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")
_CONTROL = {c: f"\\u{c:04x}" for c in [*range(0x20), 0x7F] if chr(c) not in "\t"}


def read_settings(path: Path) -> dict[str, object]:
    """`key → value` with tables flattened (`smtp.port`); {} when the file does not exist."""
    if not path.is_file():
        return {}
    text = _text_of(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        raise ConfigNotToml(path=str(path), line=found.group(1) if found else 1) from error
    return dict(_flat(data, str(path)))


def _text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidConfig(path=str(path), detail=NOT_UTF8) from None


def _flat(data: dict, path: str, prefix: str = ""):
    for key, value in data.items():
        if isinstance(value, dict):
            if prefix:
                raise InvalidConfig(path=path, detail=NOT_A_TABLE)
            yield from _flat(value, path, f"{key}.")
        else:
            yield prefix + key, value


def save_setting(path: Path, key: str, value: str | int | None) -> None:
    """Set `key` to `value` in the file (None removes it), creating the file if needed."""
    before = _text_of(path) if path.is_file() else HEADER
    after = with_setting(before, key, value, str(path))
    if after != before or not path.exists():
        atomic_write(path, after.encode("utf-8"))


def with_setting(text: str, key: str, value: str | int | None, path: str) -> str:
    """`text` with `key` (`name` or `table.name`) set to `value`, or removed for None."""
    table, _, name = key.rpartition(".")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start, end = _table_span(lines, table)
    found = next((n for n in range(start, end) if _assigns(lines[n], name)), None)
    new = [] if value is None else [f"{name} = {_literal(value)}\n"]
    if found is not None:
        lines[found : found + 1] = new
    elif start == end and table and not any(_TABLE.match(x) and _name(x) == table for x in lines):
        lines += [*(["\n"] if lines else []), f"[{table}]\n", *new]
    else:
        lines[end:end] = new
    after = "".join(lines)
    _check(text, after, key, value, path)
    return after


def _table_span(lines: list[str], table: str) -> tuple[int, int]:
    """[first, last) assignment lines of `table` ("" the top level); both at the end if absent."""
    current, start = "", 0
    for number, line in enumerate(lines):
        if _TABLE.match(line):
            if current == table:
                return start, _last_content(lines, start, number)
            current, start = _name(line), number + 1
    if current == table:
        return start, _last_content(lines, start, len(lines))
    return len(lines), len(lines)


def _last_content(lines: list[str], start: int, end: int) -> int:
    """Where to add a line in [start, end): after the last non-blank one."""
    while end > start and not lines[end - 1].strip():
        end -= 1
    return end


def _name(line: str) -> str:
    found = _TABLE.match(line)
    return found.group(1) if found else ""


def _assigns(line: str, name: str) -> bool:
    return re.match(r"\s*[\"']?" + re.escape(name) + r"[\"']?\s*=", line) is not None


def _literal(value: str | int) -> str:
    """A TOML value: an integer, or a basic string with its escapes."""
    if isinstance(value, int):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(_CONTROL.get(ord(c), c) for c in escaped) + '"'


def _check(before: str, after: str, key: str, value: str | int | None, path: str) -> None:
    """Refuse an edit that would change anything but `key` (an unusual layout of the file)."""
    try:
        old = dict(_flat(tomllib.loads(before), path))
        new = dict(_flat(tomllib.loads(after), path))
    except tomllib.TOMLDecodeError as error:
        raise InvalidConfig(path=path, detail=str(error)) from None
    old.pop(key, None)
    if value is not None:
        old[key] = value
    if new != old:
        raise InvalidConfig(path=path, detail=f"{key} = …")
