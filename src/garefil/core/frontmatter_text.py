"""Read and minimally patch YAML front-matter, keeping every line garefil does not mean to change.

Coaches (and other tools) write notes by hand: comments, key order, quoting and odd spacing must
survive when garefil sets one key, so that git diffs stay small and merges between coaches rarely
conflict. A full YAML round-trip cannot promise that, so `patch` edits text: it replaces only the
lines of the keys it changes, then re-parses the result and refuses to write if anything else
would differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import frontmatter
import yaml

_HANDLER = frontmatter.YAMLHandler()
_BOUNDARY = _HANDLER.FM_BOUNDARY
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is ~10x faster
_BOM = "\ufeff"


class FrontMatterError(ValueError):
    """The front-matter of a text cannot be read; `line` is 1-based in the whole file."""

    def __init__(self, line: int, detail: str) -> None:
        super().__init__(f"line {line}: {detail}")
        self.line = line
        self.detail = detail


class PatchRefused(ValueError):
    """A minimal patch would have changed more than the keys asked for."""


@dataclass(frozen=True)
class Parsed:
    """A note's text split into its metadata and body."""

    metadata: dict[str, Any]
    body: str
    has_front_matter: bool


@dataclass(frozen=True)
class _Layout:
    """Where the front-matter lies: lines[start:end] are the YAML lines between the fences."""

    lines: list[str]
    start: int
    end: int


def _lines(text: str) -> list[str]:
    """Lines ending in "\n" (or "\r\n"), unlike str.splitlines, which also cuts at \x85,
    \u2028 and other characters that YAML keeps inside a value."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _layout(text: str) -> _Layout | None:
    lines = _lines(text)
    if not lines or not _BOUNDARY.fullmatch(lines[0].rstrip("\r\n")):
        return None
    for index in range(1, len(lines)):
        if _BOUNDARY.fullmatch(lines[index].rstrip("\r\n")):
            return _Layout(lines, 1, index)
    raise FrontMatterError(1, "the opening --- has no closing ---")


def parse(text: str) -> Parsed:
    """Split `text` into metadata and body; a text without front-matter has empty metadata."""
    text = text.removeprefix(_BOM)
    layout = _layout(text)
    if layout is None:
        return Parsed({}, text, False)
    yaml_text = "".join(layout.lines[layout.start : layout.end])
    metadata = _load_yaml(yaml_text, first_line=layout.start + 1)
    body = "".join(layout.lines[layout.end + 1 :])
    return Parsed(metadata, body, True)


def _load_yaml(yaml_text: str, first_line: int) -> dict[str, Any]:
    try:
        data = yaml.load(yaml_text, Loader=_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = first_line + (mark.line if mark else 0)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise FrontMatterError(line, str(problem)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError(first_line, "expected `key: value` lines")
    return {str(key): value for key, value in data.items()}


class _HouseDumper(yaml.SafeDumper):
    """Short lists of words on one line (`tags: [urssaf, cpam]`), everything else in blocks."""


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    short = all(isinstance(i, str | int | float) and len(str(i)) <= 40 for i in items)
    flow = short and sum(len(str(i)) + 2 for i in items) <= 80
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_HouseDumper.add_representer(list, _represent_list)
_DUMP_OPTIONS: dict[str, Any] = {
    "Dumper": _HouseDumper,
    "allow_unicode": True,
    "default_flow_style": False,
    "sort_keys": False,
    "width": 10_000,
}


def _dump(data: Mapping[str, Any]) -> str:
    """YAML for `data` that reads back as `data`.

    PyYAML writes some characters raw when allow_unicode is on (NEL, line separators…) and then
    reads them back as line breaks; for such rare values, escaping keeps the value exact.
    """
    text = yaml.dump(dict(data), **_DUMP_OPTIONS)
    if yaml.load(text, Loader=_LOADER) != data:  # noqa: S506 - a safe loader
        text = yaml.dump(dict(data), **(_DUMP_OPTIONS | {"allow_unicode": False}))
    return text


def dump_lines(key: str, value: Any, newline: str = "\n") -> list[str]:
    """The YAML lines for one key, in garefil's house style."""
    text = _dump({key: value})
    return [line.removesuffix("\r") + newline for line in text.removesuffix("\n").split("\n")]


def render(metadata: Mapping[str, Any], body: str) -> str:
    """A whole new note: front-matter in the given key order, a blank line, then the body."""
    return f"---\n{_dump(metadata)}---\n\n{body.strip(chr(10))}\n"


def patch(text: str, changes: Mapping[str, Any], remove: Iterable[str] = ()) -> str:
    """`text` with only the lines of `changes` (set) and `remove` (delete) keys rewritten."""
    bom = _BOM if text.startswith(_BOM) else ""
    text = text.removeprefix(_BOM)
    before = parse(text)
    expected = {**before.metadata, **changes}
    for key in remove:
        expected.pop(key, None)
    if expected == before.metadata and list(expected) == list(before.metadata):
        return bom + text
    newline = "\r\n" if "\r\n" in text[:2000] else "\n"
    if not before.has_front_matter:
        fm = [line for key, value in changes.items() for line in dump_lines(key, value, newline)]
        result = "".join(["---" + newline, *fm, "---" + newline, text])
    else:
        result = _patch_layout(_layout(text), changes, set(remove), newline)
    if parse(result).metadata != expected or parse(result).body != before.body:
        raise PatchRefused("the front-matter is too unusual to patch line by line")
    return bom + result


def _patch_layout(layout: _Layout, changes: Mapping[str, Any], remove: set[str], nl: str) -> str:
    lines = layout.lines
    head, fm, tail = lines[: layout.start], lines[layout.start : layout.end], lines[layout.end :]
    if fm and not fm[-1].endswith(("\n", "\r")):
        fm[-1] += nl
    for key in [*changes, *remove]:
        span = _key_span(fm, key)
        new = dump_lines(key, changes[key], nl) if key in changes else []
        if span is None:
            fm.extend(new)
        else:
            fm[span[0] : span[1]] = new
    return "".join(head + fm + tail)


def _key_span(fm: list[str], key: str) -> tuple[int, int] | None:
    """[start, end) of the lines holding top-level `key`, without trailing blanks or comments."""
    start = next((i for i, line in enumerate(fm) if _is_key_line(line, key)), None)
    if start is None:
        return None
    end = start + 1
    while end < len(fm) and _continues_block(fm[end]):
        end += 1
    while end > start + 1 and _is_blank_or_comment(fm[end - 1]):
        end -= 1
    return start, end


def _is_key_line(line: str, key: str) -> bool:
    for quote in ("", "'", '"'):
        head = f"{quote}{key}{quote}"
        if line.startswith(head) and line[len(head) :].lstrip(" \t").startswith(":"):
            return True
    return False


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _continues_block(line: str) -> bool:
    """Indented lines, blank lines, comments and column-0 list items belong to the key above."""
    stripped = line.rstrip("\r\n")
    return (
        not stripped.strip()
        or stripped[0] in " \t#"
        or stripped == "-"
        or stripped.startswith("- ")
    )
