"""Everything garefil shows: data on stdout, messages on stderr, plain when piped or NO_COLOR.

Rich tables are for a person at a terminal; when stdout is a pipe or a file, listings become
tab-separated lines that `cut`, `grep` and spreadsheets read, and `--json` gives the stable form
documented in docs/json.md.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from garefil.core.dates import iso
from garefil.core.errors import GarefilError
from garefil.core.model import Note, Problem, TagCount
from garefil.i18n import _

_out: Console | None = None
_err: Console | None = None


def out() -> Console:
    """The console for data (stdout)."""
    global _out
    if _out is None:
        _out = Console(no_color=_no_color(), highlight=False, soft_wrap=plain())
    return _out


def err() -> Console:
    """The console for messages (stderr)."""
    global _err
    if _err is None:
        _err = Console(stderr=True, no_color=_no_color(), highlight=False, soft_wrap=True)
    return _err


def _no_color() -> bool:
    return "NO_COLOR" in os.environ


def plain() -> bool:
    """Whether to write plain text: stdout is not a terminal, or NO_COLOR is set."""
    return _no_color() or not sys.stdout.isatty()


def emit_json(data: Any) -> None:
    """Write `data` as indented UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def info(text: str) -> None:
    """A message for the person (stderr), never mixed with the data."""
    err().print(escape(text))


def success(text: str) -> None:
    """A message saying that something was done (stderr)."""
    err().print(f"[green]✓[/green] {escape(text)}")


def error(problem: GarefilError) -> None:
    """One line saying what went wrong, one saying what to do."""
    message = _(problem.message_id).format(**problem.params)
    label, hint_label = escape(_("error")), escape(_("hint"))
    err().print(f"[bold red]{label}[/bold red]: {escape(message)}")
    if problem.hint:
        hint = _(problem.hint).format(**problem.params)
        err().print(f"  [dim]{hint_label}[/dim]: {escape(hint)}")


def problems(found: Sequence[Problem]) -> None:
    """Warn about notes that were skipped because they cannot be read."""
    for problem in found:
        err().print(
            f"[yellow]⚠[/yellow] {escape(str(problem))} — "
            + escape(_("note skipped; fix its front-matter"))
        )


def notes(found: Iterable[Note]) -> None:
    """A table of notes (or tab-separated lines when piped)."""
    rows = [_note_row(n) for n in found]
    if plain():
        _write_rows(rows)
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    for header in (_("id"), _("date"), _("type"), _("title"), _("entrepreneur"), _("tags")):
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    out().print(table)


def _write_rows(rows: Iterable[Sequence[str]]) -> None:
    """Tab-separated lines (tabs and newlines inside cells become spaces)."""
    clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
    sys.stdout.write("".join("\t".join(c.translate(clean) for c in row) + "\n" for row in rows))


def _note_row(note: Note) -> list[str]:
    return [
        note.id,
        iso(note.date) or "",
        note.type,
        note.title,
        note.entrepreneur or "",
        ", ".join(note.tags),
    ]


def tag_counts(counts: Iterable[TagCount]) -> None:
    """Tags with their counts."""
    if plain():
        _write_rows([[c.tag, str(c.count)] for c in counts])
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column(_("tag"))
    table.add_column(_("notes"), justify="right")
    for count in counts:
        table.add_row(escape(count.tag), str(count.count))
    out().print(table)


def note_detail(note: Note, text: str) -> None:
    """One note: its file as is when piped, a header and rendered Markdown at a terminal."""
    if plain():
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from rich.markdown import Markdown
    from rich.panel import Panel

    fields = [
        (_("id"), note.id),
        (_("path"), note.path),
        (_("type"), note.type),
        (_("date"), iso(note.date) or ""),
        (_("entrepreneur"), note.entrepreneur or ""),
        (_("referent"), note.referent or ""),
        (_("status"), note.status or ""),
        (_("tags"), ", ".join(note.tags)),
    ]
    header = "\n".join(f"[bold]{escape(k)}[/bold]: {escape(v)}" for k, v in fields if v)
    out().print(Panel(header, title=escape(note.title), title_align="left"))
    out().print(Markdown(note.body))
