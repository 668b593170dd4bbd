"""How the table of notes fits the terminal's width.

An id or a date split across two lines cannot be read, copied or searched for, so they are never
wrapped; the title and the entrepreneur wrap at spaces (a hyphenated name at its hyphens too),
never inside a word, and the tags wrap between whole tags: every column is at least as wide as
its header and its longest word, so that nothing is ever cut. When the width runs
short, the least useful columns go first: the type (the id already says it, `…-cr-…`), the time of
day, the tags, then the entrepreneur. A terminal too narrow even for the id, the date and a
readable title gets one line per note, as when piped, which the terminal wraps without cutting.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2  # Rich's padding between two columns
TITLE_MIN = 20
CAPS = {"entrepreneur": 18, "tags": 22}  # wrapped beyond this width
DAY = len("2020-04-10")


@dataclass(frozen=True)
class Column:
    """One column of the table: its field, whether it may wrap, its width."""

    field: str
    width: int
    wraps: bool = True


@dataclass(frozen=True)
class Layout:
    """The columns shown, and whether dates are cut to the day."""

    columns: tuple[Column, ...]
    day_only: bool = False

    def cells(self, row: dict[str, str]) -> list[str]:
        """The texts of `row` (field → text) for these columns, wrapped to their widths."""
        return [_cell(c, row[c.field], self.day_only) for c in self.columns]


def note_layout(rows: Sequence[dict[str, str]], headers: dict[str, str], width: int):
    """The layout of `rows` (field → text) in `width` characters, or None if even the id, the
    day and a short title do not fit."""
    natural = {f: max(len(h), *(len(r[f]) for r in rows)) for f, h in headers.items()}
    floor = {f: max(len(h), *(_longest_word(f, r[f]) for r in rows)) for f, h in headers.items()}
    title_min = max(floor["title"], min(TITLE_MIN, natural["title"]))
    for dropped, day_only in _fallbacks():
        fields = [f for f in headers if f not in dropped]
        widths = {f: min(natural[f], max(floor[f], CAPS.get(f, natural[f]))) for f in fields}
        if day_only:
            widths["date"] = max(DAY, len(headers["date"]))
        fixed = sum(w for f, w in widths.items() if f != "title") + GAP * (len(fields) - 1)
        if fixed + title_min <= width:
            widths["title"] = min(natural["title"], width - fixed)
            return Layout(tuple(Column(f, widths[f], f not in UNWRAPPED) for f in fields), day_only)
    return None


UNWRAPPED = ("id", "date", "type")


def _longest_word(field: str, text: str) -> int:
    """The widest piece of `text` that must stay on one line: a whole id, date or tag (with its
    comma), or a word of a title or name up to a hyphen."""
    if field in UNWRAPPED:
        return len(text)
    return max(map(len, _wrapped(field, text, 1)), default=0)  # one piece a line


def _cell(column: Column, text: str, day_only: bool) -> str:
    """`text` as shown in `column`: a date cut to the day if asked, wrapped text on lines."""
    if column.field == "date" and day_only:
        return text[:DAY]
    if not column.wraps or len(text) <= column.width:
        return text
    return "\n".join(_wrapped(column.field, text, column.width))


def _wrapped(field: str, text: str, width: int) -> list[str]:
    """The lines of `text` at most `width` wide, broken only between words (or whole tags)."""
    return textwrap.wrap(
        text,
        width,
        break_long_words=False,  # never inside a word: the widths leave room for the longest
        break_on_hyphens=field != "tags",  # a tag is one word, hyphens included
    )


def _fallbacks():
    """What to leave out, in order, until the table fits."""
    yield (), False
    yield ("type",), False
    yield ("type",), True
    yield ("type", "tags"), True
    yield ("type", "tags", "entrepreneur"), True
