"""Merging two coaches' versions of the notebook's settings (`.garefil/config.toml`).

Two coaches adding a member each rewrite the same `members = […]` line: git calls it a
conflict although nothing clashes. Run by the same merge driver as the notes (core/merge.py,
declared for the settings in `.gitattributes`), this merge settles it as notes' tags are:

- git's own text merge first: when it is clean and says the same as the merge of the values
  below, it is taken as it is (every comment and line of both sides kept);
- else the values are merged setting by setting: one changed on one side only takes that
  change, a list of plain values (members) is merged as a set, a table (tag synonyms) entry by
  entry; both sides setting the same one differently is a true clash;
- the merged values are then written into one side's text, one assignment rewritten, added or
  taken out, so that its comments and layout stay; that is done only when the other side's
  text is exactly its values written the same way into the common version (else its comments
  would be lost) and the result reads back as the merged values.

On a true clash, or anything unusual, `merge_settings` returns None and the usual conflict
handling keeps both versions (docs/sharing.md).
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from pathlib import PurePosixPath
from typing import Any

from .config import CONFIG_DIR, CONFIG_FILE
from .merge import MISSING, Clash, TextMerge, merge_value

Leaves = dict[tuple[str, ...], Any]  # (table…, key) → value: every setting, tables flattened

_HEADER = re.compile(r"^\s*\[")
_KEY = re.compile(r"""^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")


def is_settings(path: str) -> bool:
    """Whether `path` (from the repository's top) is a notebook's shared settings file."""
    return PurePosixPath(path).parts[-2:] == (CONFIG_DIR, CONFIG_FILE)


def merge_settings(base: bytes, ours: bytes, theirs: bytes, merge_text: TextMerge) -> bytes | None:
    """The merged settings, or None when they must be kept in two versions."""
    try:
        texts = [data.decode("utf-8") for data in (base, ours, theirs)]
        leaves = [_leaves(tomllib.loads(text)) for text in texts]
        merged = _merge_leaves(*leaves)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, Clash):
        return None
    as_text = merge_text(*texts)
    if as_text is not None and _reads_as(as_text, merged):
        return as_text.encode("utf-8")
    for mine, other in ((1, 2), (2, 1)):  # into ours if theirs is only values; else the reverse
        written = _written(texts, leaves, merged, mine, other)
        if written is not None:
            return written.encode("utf-8")
    return None


def _written(
    texts: list[str], leaves: list[Leaves], merged: Leaves, mine: int, other: int
) -> str | None:
    """`merged` written into version `mine`'s text, when version `other`'s text is only its
    values written into the common version's text; None otherwise."""
    try:
        if _with_values(texts[0], leaves[0], leaves[other]) != texts[other]:
            return None  # the other side changed comments or layout too: keep both versions
        result = _with_values(texts[mine], leaves[mine], merged)
    except Clash:
        return None
    return result if _reads_as(result, merged) else None


def _reads_as(text: str, leaves: Leaves) -> bool:
    try:
        return _leaves(tomllib.loads(text)) == leaves
    except tomllib.TOMLDecodeError:
        return False


def _leaves(data: dict[str, Any], table: tuple[str, ...] = ()) -> Leaves:
    """Every setting of `data` by its full path; tables are walked, never values."""
    found: Leaves = {}
    for key, value in data.items():
        if isinstance(value, dict):
            found.update(_leaves(value, (*table, key)))
        else:
            found[(*table, key)] = value
    return found


def _merge_leaves(base: Leaves, ours: Leaves, theirs: Leaves) -> Leaves:
    merged: Leaves = {}
    for path in dict.fromkeys([*ours, *theirs, *base]):
        value = merge_value(*(side.get(path, MISSING) for side in (base, ours, theirs)))
        if value is not MISSING:
            merged[path] = value
    return merged


def _with_values(text: str, before: Leaves, after: Leaves) -> str:
    """`text` (whose values are `before`) with the assignments that differ in `after`
    rewritten, added or taken out; every other line as it is."""
    ending = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):  # an assignment may be added after it
        lines[-1] += ending
    for path in [p for p in before if p not in after]:
        start, end = _span(lines, path)
        del lines[start:end]
    for path, value in after.items():
        if before.get(path, MISSING) != value:
            lines = _assigned(lines, path, _toml(value), ending)
    return "".join(lines)


def _assigned(lines: list[str], path: tuple[str, ...], value: str, ending: str) -> list[str]:
    """`lines` with `path` set to `value`: its assignment rewritten, or one added to its table."""
    try:
        start, end = _span(lines, path)
    except Clash:
        return _added(lines, path, value, ending)
    written = _KEY.match(lines[start])
    if written is None:
        raise Clash  # a key written some other way: not rewritten here
    indent, key = written.groups()
    return [*lines[:start], f"{indent}{key} = {value}{ending}", *lines[end:]]


def _added(lines: list[str], path: tuple[str, ...], value: str, ending: str) -> list[str]:
    """A new assignment: after the last of its table, or after the table's header and the
    comments just below it; the table added at the end when the text has none."""
    table = path[:-1]
    where = _place_in(lines, table)
    # Quoted as the assignment it follows is (the synonyms' keys are), else bare when it can be.
    before = _KEY.match(lines[where - 1]) if where else None
    key = _key_text(path[-1], quoted=bool(before and before.group(2).startswith('"')))
    if where is None:
        header = f"[{'.'.join(_key_text(k) for k in table)}]{ending}" if table else ""
        return [*lines, ending if lines else "", header, f"{key} = {value}{ending}"]
    return [*lines[:where], f"{key} = {value}{ending}", *lines[where:]]


def _place_in(lines: list[str], table: tuple[str, ...]) -> int | None:
    """Where an assignment goes in `table`; None when the text has no such table."""
    where = None if table else 0
    for number, current, start, end in _assignments(lines):
        if current != table:
            continue
        if start is None:  # the table's header: below it, and the comments just below
            where = number + 1
            while where < len(lines) and lines[where].lstrip().startswith("#"):
                where += 1
        else:
            where = end
    return where


def _span(lines: list[str], path: tuple[str, ...]) -> tuple[int, int]:
    """[start, end) of the lines of the assignment of `path`; Clash when it is not written
    as one plain assignment under its table's header (dotted keys, inline tables)."""
    for _number, table, start, end in _assignments(lines):
        if start is not None and (*table, _key_of(lines, start, end)) == path:
            return start, end
    raise Clash


def _assignments(lines: list[str]):
    """(line, table, start, end) for each table header (start None) and each assignment."""
    table: tuple[str, ...] = ()
    number = 0
    while number < len(lines):
        stripped = lines[number].strip()
        if _HEADER.match(stripped):
            table = _table_of(stripped)
            yield number, table, None, None
            number += 1
        elif stripped and not stripped.startswith("#"):
            end = _value_end(lines, number)
            yield number, table, number, end
            number = end
        else:
            number += 1


def _table_of(header: str) -> tuple[str, ...]:
    if header.startswith("[["):
        raise Clash  # arrays of tables: not garefil's settings, not merged here
    path: list[str] = []
    data = tomllib.loads(header)
    while len(data) == 1:
        [(key, data)] = data.items()
        path.append(key)
    return tuple(path)


def _key_of(lines: list[str], start: int, end: int) -> str:
    [key] = tomllib.loads("".join(lines[start:end]))
    return key


def _value_end(lines: list[str], start: int) -> int:
    """The line after the end of the assignment that starts on line `start` (arrays and
    strings span lines)."""
    for end in range(start + 1, len(lines) + 1):
        try:
            tomllib.loads("".join(lines[start:end]))
            return end
        except tomllib.TOMLDecodeError:
            continue
    raise Clash


def _key_text(key: str, quoted: bool = False) -> str:
    bare = re.fullmatch(r"[A-Za-z0-9_-]+", key) and not quoted
    return key if bare else json.dumps(key, ensure_ascii=False)


def _toml(value: Any) -> str:
    """`value` written as TOML; Clash for what settings never hold (dates, tables in lists)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return repr(value)
    if isinstance(value, str):  # a JSON string is a TOML basic string: same quotes, escapes
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    raise Clash
