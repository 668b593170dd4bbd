"""How the table of notes fits the terminal's width.

An id or a date split across two lines cannot be read, copied or searched for, so they are never
wrapped; the title, the entrepreneur and the tags wrap at word boundaries. When the width runs
short, the least useful columns go first: the type (the id already says it, `…-cr-…`), the time of
day, the tags, then the entrepreneur. A terminal too narrow even for the id, the date and a
readable title gets one line per note, as when piped, which the terminal wraps without cutting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2  # Rich's padding between two columns
TITLE_MIN = 20
CAPS = {"entrepreneur": 18, "tags": 22}  # wrapped beyond this width
DAY = len("2020-04-10")


@dataclass(frozen=True)
class Column:
    """One column of the table: its field, whether it may wrap, its widths."""

    field: str
    wraps: bool = True
    min_width: int | None = None
    max_width: int | None = None


@dataclass(frozen=True)
class Layout:
    """The columns shown, and whether dates are cut to the day."""

    columns: tuple[Column, ...]
    day_only: bool = False

    def cells(self, row: dict[str, str]) -> list[str]:
        """The texts of `row` (field → text) for these columns."""
        return [
            row[c.field][:DAY] if c.field == "date" and self.day_only else row[c.field]
            for c in self.columns
        ]


def note_layout(rows: Sequence[dict[str, str]], headers: dict[str, str], width: int):
    """The layout of `rows` (field → text) in `width` characters, or None if even the id, the
    day and a short title do not fit."""
    natural = {f: max(len(h), *(len(r[f]) for r in rows)) for f, h in headers.items()}
    for dropped, day_only in _fallbacks():
        fields = [f for f in headers if f not in dropped]
        widths = {f: min(natural[f], CAPS.get(f, natural[f])) for f in fields}
        if day_only:
            widths["date"] = max(DAY, len(headers["date"]))
        fixed = sum(w for f, w in widths.items() if f != "title")
        if fixed + GAP * (len(fields) - 1) + min(TITLE_MIN, natural["title"]) <= width:
            return Layout(tuple(_column(f, widths[f]) for f in fields), day_only)
    return None


def _fallbacks():
    """What to leave out, in order, until the table fits."""
    yield (), False
    yield ("type",), False
    yield ("type",), True
    yield ("type", "tags"), True
    yield ("type", "tags", "entrepreneur"), True


def _column(field: str, width: int) -> Column:
    if field in ("id", "date", "type"):
        return Column(field, wraps=False, min_width=width)
    if field == "title":
        return Column(field, min_width=TITLE_MIN)
    return Column(field, min_width=min(width, 12), max_width=width)
