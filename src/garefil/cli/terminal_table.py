"""Tables for a terminal, drawn without Rich when they fit its width.

Rich measures and lays out every cell of a table through its renderables: about 0.4 ms a row,
so that `suivi` (3,000 rows at 10,000 notes) took more than a second to draw, and importing
Rich's console and table costs another 50 ms. The tables garefil draws are simple (no borders,
a bold header, two spaces between columns, every cell padded to its column's width, exactly as
Rich's `Table(box=None, pad_edge=False)` draws them), so when every column fits at its natural
width the lines are written here directly. A table wider than the terminal still goes to Rich,
which folds its cells. A test compares the two drawings, character for character.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

GAP = "  "  # Rich's padding of one space on each side of an inner column edge
BOLD, RESET = "\x1b[1m", "\x1b[0m"
DEFAULT_WIDTH = 80


def terminal_width() -> int:
    """The terminal's width in columns, as Rich's console finds it (its size on stdin, stdout or
    stderr, then $COLUMNS; 80 for a dumb terminal or none)."""
    if not _styled():
        return DEFAULT_WIDTH
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor).columns
            break
        except (OSError, ValueError):
            continue
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        width = int(columns)
    return width or DEFAULT_WIDTH


def _no_color() -> bool:
    """NO_COLOR, whatever its value: no colour and no bold (no-color.org)."""
    return "NO_COLOR" in os.environ


def _styled() -> bool:
    """Whether the terminal shows styles (Rich draws none on a dumb one)."""
    return os.environ.get("TERM", "").lower() not in ("dumb", "unknown")


# Below U+0300 (the combining accents) every character takes one column, but the soft hyphen
# (a format character, none).
_ONE_COLUMN_EACH = re.compile("[\u0000-\u00ac\u00ae-\u02ff]*")


def cell_width(text: str) -> int:
    """How many terminal columns `text` takes: wide (East Asian) characters two, combining
    accents (decomposed Unicode, as some editors write it) none."""
    if text.isascii():
        return len(text)
    if _ONE_COLUMN_EACH.fullmatch(text):  # French text mostly: one C pass, not a call a letter
        return len(text)
    return sum(map(_char_width, text))


@lru_cache(maxsize=4096)
def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def natural_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each column's width when nothing is wrapped: its widest line, header included."""
    widths = [cell_width(h) for h in headers]
    for row in rows:
        for index, cell in enumerate(row):
            widest = max(map(cell_width, cell.split("\n"))) if "\n" in cell else cell_width(cell)
            if widest > widths[index]:
                widths[index] = widest
    return widths


_MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2})?")


def days_only(rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """`rows` with each moment (2024-03-22T10:30) cut to its day: a time of day is what a
    narrow table leaves out first, before it wraps a word of text."""
    return [[_MOMENT.sub(r"\1", cell) if "T" in cell else cell for cell in row] for row in rows]


def fits(widths: Sequence[int], width: int) -> bool:
    """Whether columns of `widths`, with their gaps, fit in `width` terminal columns."""
    return sum(widths) + len(GAP) * (len(widths) - 1) <= width


def narrowed(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    width: int,
    floors: Sequence[int] | None = None,
) -> list[int] | None:
    """Column widths that fit `width`, the widest column narrowed first, never below its header
    or its longest word (so that an id, a date or a word is never split), or below `floors`
    when given; None when even that is too wide."""
    if floors is None:
        floors = [
            max(cell_width(header), _longest_word(rows, index))
            for index, header in enumerate(headers)
        ]
    narrow = list(widths)
    excess = sum(narrow) + len(GAP) * (len(narrow) - 1) - width
    while excess > 0:
        room, index = max((w - f, i) for i, (w, f) in enumerate(zip(narrow, floors, strict=True)))
        if room <= 0:
            return None
        others = max((w for i, w in enumerate(narrow) if i != index), default=0)
        step = min(excess, room, max(1, narrow[index] - others))
        narrow[index] -= step
        excess -= step
    return narrow


def folding_floors(
    headers: Sequence[str], rows: Sequence[Sequence[str]], whole: Sequence[int] = ()
) -> list[int]:
    """The narrowest each column may go when a long word (a link, a long name) must be folded:
    a column of texts down to its header, a column of single words (ids, dates) never below
    its longest, so that those are still never split; the columns in `whole`, never wrapped."""
    return [
        natural_widths([header], [[row[index]] for row in rows])[0]
        if index in whole
        else cell_width(header)
        if any(" " in row[index] for row in rows)
        else _longest_word(rows, index)
        for index, header in enumerate(headers)
    ]


def _longest_word(rows: Sequence[Sequence[str]], index: int) -> int:
    return max((cell_width(word) for row in rows for word in _words(row[index])), default=0)


def _words(text: str) -> list[str]:
    """The words of `text` between plain spaces (a no-break space holds its words together)."""
    return [word for word in text.split(" ") if word]


def wrapped(rows: Sequence[Sequence[str]], widths: Sequence[int]) -> list[list[str]]:
    """`rows` with each cell wider than its column broken into lines between words."""
    return [
        [
            cell if cell_width(cell) <= width else "\n".join(_wrap(cell, width))
            for cell, width in zip(row, widths, strict=True)
        ]
        for row in rows
    ]


def _wrap(text: str, width: int) -> list[str]:
    """The lines of `text`, at most `width` columns each, broken at spaces (a word wider than
    the column, folded as Rich folds it)."""
    lines: list[str] = []
    for word in _words(text):
        if lines and cell_width(lines[-1]) + 1 + cell_width(word) <= width:
            lines[-1] += " " + word
        elif cell_width(word) > width:
            lines.extend(_folded(word, width))
        else:
            lines.append(word)
    return lines


def _folded(word: str, width: int) -> list[str]:
    """`word` cut into pieces of at most `width` columns."""
    pieces = [""]
    for char in word:
        if pieces[-1] and cell_width(pieces[-1]) + _char_width(char) > width:
            pieces.append("")
        pieces[-1] += char
    return pieces


def draw(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[int],
    right: int | None = None,
) -> None:
    """Write the table on stdout: the header (bold), then each row, a cell's lines stacked."""
    out = [_line(headers, widths, right, BOLD if _styled() and not _no_color() else "")]
    for row in rows:
        if any("\n" in cell for cell in row):
            out.extend(_tall_row(row, widths, right))
        else:
            out.append(_line(row, widths, right))
    sys.stdout.write("".join(out))


def _tall_row(row: Sequence[str], widths: Sequence[int], right: int | None) -> list[str]:
    """The lines of a row whose cells take several lines (blank below the shorter ones)."""
    cells = [cell.split("\n") for cell in row]
    height = max(map(len, cells))
    return [
        _line([c[i] if i < len(c) else "" for c in cells], widths, right) for i in range(height)
    ]


def _line(cells: Sequence[str], widths: Sequence[int], right: int | None, style: str = "") -> str:
    padded = [
        _pad(cell, width, index == right)
        for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
    ]
    text = GAP.join(padded)
    return f"{style}{text}{RESET}\n" if style else f"{text}\n"


def _pad(cell: str, width: int, on_the_right: bool) -> str:
    blank = " " * (width - cell_width(cell))
    return blank + cell if on_the_right else cell + blank
