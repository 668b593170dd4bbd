"""Tables at a terminal are drawn without Rich when they fit, exactly as Rich draws them."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from garefil.cli import terminal_table
from test_terminal_output import in_terminal

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ROWS = [
    ["Léa Martin", "2024-01-05", "past appointment, no report yet", "Chloé Marchand"],
    ["(no référent)", "—", "request without référent", unicodedata.normalize("NFD", "Zoé Hénin")],
    ["Hugo", "2023-12-31", "no news for long", "李小龍 [bold]x[/bold]"],
]
HEADERS = ["référent", "since", "what", "entrepreneur"]


def by_rich(headers, rows, widths=None, right=None) -> str:
    """What Rich draws for the same table (render.py's settings), without its styles."""
    console = Console(file=io.StringIO(), force_terminal=True, width=200, highlight=False)
    table = Table(box=None, header_style="bold", pad_edge=False)
    for index, header in enumerate(headers):
        width = widths[index] if widths else None
        justify = "right" if index == right else "left"
        table.add_column(header, overflow="fold", width=width, justify=justify)
    for row in rows:
        table.add_row(*map(escape, row))
    console.print(table)
    return ANSI.sub("", console.file.getvalue())


def drawn(capsys, headers, rows, widths=None, right=None) -> str:
    widths = widths or terminal_table.natural_widths(headers, rows)
    terminal_table.draw(headers, rows, widths, right)
    return ANSI.sub("", capsys.readouterr().out)


@pytest.mark.parametrize("right", [None, 1])
def test_a_table_that_fits_is_drawn_as_rich_draws_it(capsys, right):
    assert drawn(capsys, HEADERS, ROWS, right=right) == by_rich(HEADERS, ROWS, right=right)


def test_cells_of_several_lines_are_stacked_as_rich_stacks_them(capsys):
    rows = [["2024-01-05-cr-x", "Point d'étape\nsur l'accompagnement", "are,\nurssaf"]]
    rows.append(["2024-02-01-rdv-y", "court", ""])
    widths = [16, 22, 7]
    headers = ["id", "title", "tags"]
    assert drawn(capsys, headers, rows, widths) == by_rich(headers, rows, widths)


def test_width_counts_wide_characters_twice_and_accents_of_decomposed_text_not_at_all():
    assert terminal_table.cell_width(unicodedata.normalize("NFD", "Hénin")) == 5
    assert terminal_table.cell_width("李小龍") == 6
    assert terminal_table.cell_width("plain") == 5


def test_tags_and_list_at_a_terminal_do_not_import_richs_tables(demo_notebook: Path):
    """Rich's table took 0.4 ms a row: `suivi` spent more than a second drawing 3,000 rows."""
    for args in (["tags"], ["list"]):
        shown = in_terminal(*args, cwd=demo_notebook, columns=200, PYTHONPROFILEIMPORTTIME="1")
        assert "garefil.cli.render" in shown  # the import log is on the terminal too
        assert "rich.table" not in shown, args
    tags = ANSI.sub("", in_terminal("tags", cwd=demo_notebook, columns=200))
    assert re.search(r"^étiquette\s+notes\s*$", tags, re.MULTILINE), tags


def test_suivi_in_a_narrow_terminal_wraps_words_and_keeps_ids_and_dates_whole(cli, demo_notebook):
    """Rich folded every column of a table wider than the terminal, ids included, and took
    more than a second for `suivi` at 10,000 notes."""
    items = json.loads(cli("-C", demo_notebook, "suivi", "--json").stdout)
    columns = 90
    shown = in_terminal("suivi", cwd=demo_notebook, columns=columns, PYTHONPROFILEIMPORTTIME="1")
    assert "rich.table" not in shown
    table = ANSI.sub("", in_terminal("suivi", cwd=demo_notebook, columns=columns))
    lines = table.replace("\r\n", "\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    words = set(" ".join(lines).split())
    for item in items:
        assert item["id"] in words, f"{item['id']} split at {columns} columns:\n{table}"
    assert any(len(line.split()) == 1 for line in lines[1:])  # a label went on to a next line


def test_a_table_too_wide_even_narrowed_is_left_to_rich():
    rows = [["2024-01-05-cr-averyveryverylongidentifier", "x" * 40]]
    assert terminal_table.narrowed(["id", "t"], rows, [42, 40], 60) is None
    assert terminal_table.narrowed(["id", "t"], [["a b c d", "e"]], [7, 1], 6) == [3, 1]


def test_a_word_too_long_for_its_column_is_folded_without_rich(cli, notebook):
    """`decisions` took 4.7 s of CPU at 80 columns and 10,000 notes: one link longer than the
    decision column sent the whole table to Rich, which folded every cell, ids included."""
    link = "https://exemple.org/" + "tres-long-chemin-" * 4
    meeting = notebook / "reunions" / "hebdo.md"
    meeting.parent.mkdir()
    meeting.write_text(
        "---\ntype: reunion\ntitle: Hebdo\ndate: 2024-03-04\n---\n\n## Relevé de décisions\n\n"
        f"- Le dossier est rangé dans {link} pour toute l'équipe.\n",
        encoding="utf-8",
    )
    (decision,) = json.loads(cli("-C", notebook, "decisions", "--json").stdout)
    shown = in_terminal("decisions", cwd=notebook, columns=80, PYTHONPROFILEIMPORTTIME="1")
    assert "rich.table" not in shown
    table = ANSI.sub("", in_terminal("decisions", cwd=notebook, columns=80))
    lines = table.replace("\r\n", "\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80, table
    assert {decision["id"], decision["note"]["id"]} <= set(" ".join(lines).split())
    assert "https://exemple.org/" in table


def test_a_long_word_is_folded_and_ids_keep_their_floor():
    assert terminal_table.wrapped([["abcdefghij k"]], [4]) == [["abcd\nefgh\nij k"]]
    rows = [["2024-01-05-cr-averyveryverylongidentifier", "un " + "x" * 40]]
    floors = terminal_table.folding_floors(["id", "t"], rows)
    assert floors == [41, terminal_table.TEXT_FLOOR]  # text folded, never to a sliver
    assert terminal_table.narrowed(["id", "t"], rows, [41, 43], 60, floors) == [41, 17]
    assert terminal_table.narrowed(["id", "t"], rows, [41, 43], 50, floors) is None


def test_french_text_is_measured_as_each_character_says():
    def width(char: str) -> int:  # the rule, character by character
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1

    for code in range(0x80, 0x400):  # Latin-1, Latin Extended, the combining accents, Greek…
        text = f"Réunion {chr(code)} œuvre"
        assert terminal_table.cell_width(text) == sum(map(width, text)), hex(code)
    assert terminal_table.cell_width("ré\xadunion") == 7  # a soft hyphen takes no column
