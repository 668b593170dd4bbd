"""The notes' own output: a listing of notes, the tags, one note in full, search hits.

Apart from render.py, which keeps what every command says (messages, errors, JSON, plain rows,
tables): the commands that never show a note do not import this.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from garefil.core.dates import iso
from garefil.i18n import _, ngettext

from .render import console, escape_markup, no_color, plain, rich_table, visible, write_rows

if TYPE_CHECKING:
    from garefil.core.model import Note, TagCount
    from garefil.core.search import SearchHit


def notes(found: Iterable[Note]) -> None:
    """A table of notes fitted to the terminal's width (or tab-separated lines when piped)."""
    rows = [note_row(n) for n in found]
    if plain():
        write_rows(rows)
        return
    from . import terminal_table  # a terminal's matter: not imported for piped output
    from .layout import note_layout

    headers = dict(zip(_NOTE_FIELDS, note_headers(), strict=True))
    named = [dict(zip(_NOTE_FIELDS, map(visible, row), strict=True)) for row in rows]
    layout = note_layout(named, headers, terminal_table.terminal_width()) if rows else None
    if layout is None:  # narrower than an id, a day and a title: lines the terminal wraps
        write_rows(rows)
        return
    _fitted_table(layout, headers, [layout.cells(row) for row in named])


_NOTE_FIELDS = ("id", "date", "type", "title", "entrepreneur", "tags")


def note_headers() -> list[str]:
    """The columns of a listing of notes, in the user's language."""
    return [_("id"), _("date"), _("type"), _("title"), _("entrepreneur"), _("tags")]


def _fitted_table(layout, headers: dict[str, str], rows: list[list[str]]) -> None:
    """A table with the widths the layout chose; its cells come already wrapped at word
    boundaries (Rich would fold a long word), already made visible."""
    from . import terminal_table

    widths = [column.width for column in layout.columns]
    titles = [headers[column.field] for column in layout.columns]
    natural = terminal_table.natural_widths(titles, rows)
    if all(n <= w for n, w in zip(natural, widths, strict=True)):
        terminal_table.draw(titles, rows, widths)  # Rich's drawing, without Rich
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in layout.columns:
        table.add_column(headers[column.field], width=column.width, overflow="fold")
    for row in rows:
        table.add_row(*map(escape_markup, row))
    console().print(table)


def note_row(note: Note) -> list[str]:
    """A note's cells in a listing: id, date, type, title, entrepreneur, tags."""
    return [
        note.id,
        iso(note.date) or "",
        note.type,
        note.title,
        note.entrepreneur or "",
        ", ".join(note.tags),
    ]


def tag_headers() -> list[str]:
    """The columns of the listing of tags."""
    return [_("tag"), _("notes")]


def tag_counts(counts: Iterable[TagCount]) -> None:
    """Tags with their counts."""
    rows = [[c.tag, str(c.count)] for c in counts]
    if plain():
        write_rows(rows)
    else:
        rich_table(tag_headers(), rows, right=1)


def hit_headers() -> list[str]:
    """The columns of search results (as CSV or TSV)."""
    return [*note_headers()[:5], _("score"), _("excerpt")]


def hit_rows(found: Sequence[SearchHit]) -> list[list[str]]:
    """Search results as rows: the note's cells, the score, the snippet."""
    return [[*note_row(h.note)[:5], _score(h), _excerpt(h)] for h in found]


def hits(found: Sequence[SearchHit]) -> None:
    """Search results: a line per note, then its snippet with the matched words highlighted."""
    if plain():
        write_rows(hit_rows(found))
        return
    from rich.text import Text

    for hit in found:
        note = hit.note
        who = f"  — {visible(note.entrepreneur)}" if note.entrepreneur else ""
        console().print(
            Text.assemble(
                (visible(note.id), "cyan"),
                "  ",
                iso(note.date) or "",
                "  ",
                (visible(note.title), "bold"),
                who,
                (f"  {_score(hit)}", "dim"),
            )
        )
        if hit.snippet.text or hit.in_documents:
            snippet = Text("    " + visible(_excerpt(hit)))
            for start, end in hit.snippet.spans:  # none when found in a document only
                snippet.stylize("bold yellow", start + 4, end + 4)
            console().print(snippet)


def _excerpt(hit: SearchHit) -> str:
    """The snippet; for a note found through the words of a document it links only, said
    first, since its own text shows nothing of what was sought."""
    if not hit.in_documents:
        return hit.snippet.text
    where = ngettext(
        "(found in the document {names})",
        "(found in one of the documents {names})",
        len(hit.in_documents),
    ).format(names=", ".join(hit.in_documents))
    return f"{where} {hit.snippet.text}".rstrip()


def _score(hit: SearchHit) -> str:
    return "" if hit.score is None else f"{hit.score:.2f}"


def note_as_written(path: str, text: str) -> None:
    """A note whose header cannot be read: its file as written (at a terminal, under a line
    that says so, its control characters made harmless)."""
    text = text if text.endswith("\n") else text + "\n"
    if not sys.stdout.isatty():
        sys.stdout.write(text)
        return
    title = _("{path}, as written (its header cannot be read)").format(path=path)
    sys.stdout.write(f"── {visible(title)} ──\n" + visible(text, keep_lines=True))


def note_detail(note: Note, text: str) -> None:
    """One note: its file as is when piped, a header and rendered Markdown at a terminal."""
    if not sys.stdout.isatty():
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    if no_color():  # NO_COLOR at a terminal: the file's text, made harmless
        sys.stdout.write(visible(text if text.endswith("\n") else text + "\n", keep_lines=True))
        return
    from rich.panel import Panel

    from . import markdown_view
    from .shown_dates import long_date

    fields = [
        (_("id"), note.id),
        (_("path"), note.path),
        (_("type"), note.type),
        (_("date"), long_date(note.date)),
        (_("entrepreneur"), note.entrepreneur or ""),
        (_("referent"), note.referent or ""),
        (_("status"), note.status or ""),
        (_("tags"), ", ".join(note.tags)),
    ]
    header = "\n".join(
        f"[bold]{escape_markup(k)}[/bold]: {escape_markup(visible(v))}" for k, v in fields if v
    )
    console().print(Panel(header, title=escape_markup(visible(note.title)), title_align="left"))
    body = visible(note.body, keep_lines=True)
    if markdown_view.show(body, console()):  # else more Markdown than the light view draws
        return
    from rich.markdown import Markdown

    console().print(Markdown(body))
