"""Every listing in every format, written in this one place: `--format table|json|csv|tsv`.

- table (the default): a table at a terminal (through a pager when longer than the screen, see
  cli/pager.py); tab-separated lines without a header when piped, as every listing always
  wrote them for `cut` and `grep`.
- json: exactly what `--json` writes (fields documented in docs/json.md).
- csv: for a French spreadsheet (LibreOffice Calc, Excel set to French), which expects `;`
  between fields (the comma is the decimal mark) and reads a file as UTF-8 only when it starts
  with a byte-order mark: without one, Excel shows « Ã© » for « é ». A header row, one row per
  item, CRLF line ends (RFC 4180), lists joined in one cell. A cell that starts like a formula
  (`=`, `+`, `-`, `@`) gets a leading `'`, so that a title typed by anyone is never run by
  the spreadsheet.
- tsv: for scripts: a header row, tab-separated, UTF-8 without a byte-order mark; tabs and line
  breaks inside a cell become spaces.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Sequence
from typing import Any

from garefil.i18n import _

from . import pager, render

FORMATS = ("table", "json", "csv", "tsv")
BOM = "\ufeff"
_FORMULA_STARTS = ("=", "+", "-", "@")

Rows = Sequence[Sequence[str]]


def check_format(value: str | None) -> str | None:
    """`value` if it names a format garefil writes; a usage error naming them otherwise."""
    if value is not None and value.lower() not in FORMATS:
        import typer  # only to refuse: listings are written without it (cli/quick.py)

        raise typer.BadParameter(_("table, json, csv or tsv"), param_hint="--format")
    return value.lower() if value else value


def chosen(form: str | None, as_json: bool) -> str:
    """The format asked for: `--json` is the short way to say `--format json`; with another
    format (`--json --format csv`) TwoFormats, rather than one of them silently."""
    if as_json and form not in (None, "json"):
        from garefil.core.errors import TwoFormats

        raise TwoFormats(form=form)
    return "json" if as_json else (form or "table")


def write(
    form: str,
    headers: Sequence[str],
    rows: Rows | Callable[[], Rows],
    data: Callable[[], Any],
    table: Callable[[], None] | None = None,
) -> None:
    """Write a listing in `form`: `data()` for JSON, `rows` for the others (a callable when
    they cost something to build), `table()` for a table drawn its own way."""
    if form == "json":
        render.emit_json(data())
        return
    cells = rows() if callable(rows) else rows
    if form == "csv":
        sys.stdout.write(csv_text(headers, cells))
    elif form == "tsv":
        sys.stdout.write(tsv_text(headers, cells))
    else:
        with pager.paged():  # longer than the screen: page by page
            if table is not None:
                table()
            else:
                render.rows_table(headers, cells)


def csv_text(headers: Sequence[str], rows: Rows) -> str:
    """The rows as a CSV file for a French spreadsheet (see the module's doc)."""
    import csv  # only for --format csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([_spreadsheet_cell(h) for h in headers])
    writer.writerows([_spreadsheet_cell(c) for c in row] for row in rows)
    return BOM + out.getvalue()


def _spreadsheet_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: control characters visible, never a formula."""
    text = render.visible(text, keep_lines=True).replace("\t", " ")
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


_ONE_LINE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def tsv_text(headers: Sequence[str], rows: Rows) -> str:
    """The rows as tab-separated lines, a header first, each cell on one line."""
    lines = [headers, *rows]
    return "".join(
        "\t".join(render.visible(c.translate(_ONE_LINE)) for c in row) + "\n" for row in lines
    )
