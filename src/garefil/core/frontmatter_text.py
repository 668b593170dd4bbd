"""Read and minimally patch YAML front-matter, keeping every line garefil does not mean to change.

Coaches (and other tools) write notes by hand: comments, key order, quoting and odd spacing must
survive when garefil sets one key, so that git diffs stay small and merges between coaches rarely
conflict. A full YAML round-trip cannot promise that, so `patch` edits text: it replaces only the
lines of the keys it changes, then re-parses the result and refuses to write if anything else
would differ.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from .errors import N_, FrontMatterError

# python-frontmatter's YAML fence (a test keeps them equal); YAML itself is imported only by
# the functions that read or write it, so that commands answering from the index skip it.
BOUNDARY = re.compile(r"^-{3,}\s*$", re.MULTILINE)
# Hugo's and Zola's TOML fence: such a header is read (tomllib), never written (see patch).
TOML_BOUNDARY = re.compile(r"^\+{3}\s*$")
# What is wrong with a broken TOML header: said without the word "header", which the message
# around it (core/errors.py InvalidNote, `show`'s warning) already says.
TOML_UNREADABLE = N_("the TOML between the +++ lines cannot be read")
TOML_UNCLOSED = N_("the opening +++ has no closing +++")
TOML_PROBLEMS = (TOML_UNREADABLE, TOML_UNCLOSED)
_BOM = "\ufeff"


class PatchRefused(ValueError):
    """A minimal patch would have changed more than the keys asked for."""


class TomlNotWritten(PatchRefused):
    """The header is TOML, which garefil reads but never writes."""


@dataclass(frozen=True)
class Parsed:
    """A note's text split into its metadata and body."""

    metadata: dict[str, Any]
    body: str
    has_front_matter: bool
    duplicates: tuple[tuple[str, int], ...] = ()  # keys written twice, with their file line
    body_line: int = 1  # the file line the body starts on
    toml: bool = False  # the header was TOML between +++ lines, written by another tool


@dataclass(frozen=True)
class _Layout:
    """Where the front-matter lies: lines[start:end] are the YAML lines between the fences."""

    lines: list[str]
    start: int
    end: int
    toml: bool = False


def _lines(text: str) -> list[str]:
    """Lines ending in "\n" (or "\r\n"), unlike str.splitlines, which also cuts at \x85,
    \u2028 and other characters that YAML keeps inside a value."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


@cache  # compiled when a TOML header is met: few notebooks have one, every command starts
def _toml_closing() -> re.Pattern[str]:
    return re.compile(TOML_BOUNDARY.pattern, re.MULTILINE)


_HEADER_LINE = 2  # the file line a header starts on: the one after the opening fence


def _fences(text: str) -> tuple[int, int, int, bool] | None:
    """Where the header lies, when the first line opens one: (start, end, body, toml), with
    text[start:end] its YAML (or TOML), `end` where the closing fence's line starts, the body
    from `body`. FrontMatterError if it is not closed (a +++ header too: said like an unclosed
    ---, rather than its TOML shown as the text). A tuple: making a dataclass at import costs
    every command half a millisecond."""
    first_end = text.find("\n")
    first = (text if first_end < 0 else text[:first_end]).rstrip("\r\n")
    toml = TOML_BOUNDARY.fullmatch(first) is not None
    if not toml and not BOUNDARY.fullmatch(first):
        return None
    # The closing fence is looked for in the text at once rather than line by line: every note
    # is read so, and most of its lines are body. A match starts at the first line that is the
    # fence and blanks, as the fence's fullmatch of each line (without its line end) would.
    closing = None
    if first_end >= 0:
        closing = (_toml_closing() if toml else BOUNDARY).search(text, first_end + 1)
    if closing is None:
        unclosed = TOML_UNCLOSED if toml else N_("the opening --- has no closing ---")
        raise FrontMatterError(1, unclosed)
    after = text.find("\n", closing.start())
    return first_end + 1, closing.start(), len(text) if after < 0 else after + 1, toml


def _layout(text: str) -> _Layout | None:
    fences = _fences(text)
    if fences is None:
        return None
    _start, end, _body, toml = fences
    return _Layout(_lines(text), 1, text.count("\n", 0, end), toml)


def _load_toml(text: str, first_line: int) -> dict[str, Any]:
    """A TOML header's values, as YAML would give them; FrontMatterError at tomllib's line."""
    import tomllib

    try:
        return tomllib.loads(text.replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        line = first_line + int(found.group(1)) - 1 if found else first_line
        raise FrontMatterError(line, TOML_UNREADABLE, str(error)) from None


def parse(text: str) -> Parsed:
    """Split `text` into metadata and body; a text without front-matter has empty metadata."""
    text = text.removeprefix(_BOM)
    fences = _fences(text)
    if fences is None:
        return Parsed({}, text, False)
    start, end, body_start, toml = fences
    header, body = text[start:end], text[body_start:]
    body_line = text.count("\n", 0, end) + 2
    if toml:
        metadata = _load_toml(header, first_line=_HEADER_LINE)
        return Parsed(metadata, body, True, (), body_line, toml=True)
    from .yaml_house import load_header

    metadata, duplicates = load_header(header, first_line=_HEADER_LINE)
    return Parsed(metadata, body, True, duplicates, body_line)


def body_of(text: str) -> str:
    """The body of a note, without reading its YAML (fast, and fine for a broken header)."""
    text = text.removeprefix(_BOM)
    try:
        fences = _fences(text)
    except FrontMatterError:
        return text
    return text if fences is None else text[fences[2] :]


def dump_lines(key: str, value: Any, newline: str = "\n") -> list[str]:
    """The YAML lines for one key, in garefil's house style."""
    from .yaml_house import dump

    text = dump({key: value})
    return [line.removesuffix("\r") + newline for line in text.removesuffix("\n").split("\n")]


def render(metadata: Mapping[str, Any], body: str) -> str:
    """A whole new note: front-matter in the given key order, a blank line, then the body."""
    from .yaml_house import render_note

    return render_note(metadata, body)


def patch(text: str, changes: Mapping[str, Any], remove: Iterable[str] = ()) -> str:
    """`text` with only the lines of `changes` (set) and `remove` (delete) keys rewritten."""
    bom = _BOM if text.startswith(_BOM) else ""
    text = text.removeprefix(_BOM)
    before = parse(text)
    if before.toml:  # rewriting another tool's header in YAML is the coach's call, not ours
        raise TomlNotWritten(N_("the header is TOML (between +++ lines): garefil writes only YAML"))
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
        raise PatchRefused(N_("the front-matter is too unusual to patch line by line"))
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
