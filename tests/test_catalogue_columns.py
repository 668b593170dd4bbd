"""Filters on type, tags and dates are answered from the catalogue's own columns: `list`,
`tags` and `show` decode only the notes they show, not every note of the notebook."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from test_search import generation, write_note


@pytest.fixture
def tagged(cli, notebook: Path) -> Path:
    write_note(notebook, "cr/a.md", "Cotisations", ["urssaf"], "Jean Dupont", "Texte.")
    write_note(notebook, "cr/b.md", "Devis", ["are"], "Léa Martin", "Texte.")
    write_note(notebook, "cr/c.md", "Relance", ["urssaf", "are"], "Léa Martin", "Texte.")
    cli("-C", notebook, "index")
    return notebook


def listed(cli, notebook: Path, *args: str) -> list[str]:
    return sorted(
        n["path"] for n in json.loads(cli("-C", notebook, "list", "--json", *args).stdout)
    )


def garble(notebook: Path, path: str) -> None:
    """Spoil the fields the catalogue holds for `path` (its columns stay as they were)."""
    with closing(sqlite3.connect(generation(notebook) / "catalogue.sqlite")) as db, db:
        db.execute("UPDATE entries SET note = 'pas du JSON' WHERE path = ?", (path,))


def test_list_by_tag_decodes_only_the_notes_carrying_it(cli, tagged):
    garble(tagged, "cr/b.md")  # decoding it would fail: a filter that skips it never does
    assert listed(cli, tagged, "--tag", "urssaf") == ["cr/a.md", "cr/c.md"]
    assert listed(cli, tagged, "--tag", "urssaf", "--since", "2020-04-10") == ["cr/a.md", "cr/c.md"]
    counts = json.loads(cli("-C", tagged, "tags", "--json").stdout)
    assert counts == [{"tag": "are", "count": 2}, {"tag": "urssaf", "count": 2}]
    assert "Devis" not in cli("-C", tagged, "show", "cr/a.md").stdout


def test_the_columns_follow_hand_edits_and_the_note_is_still_checked_whole(cli, tagged):
    write_note(tagged, "cr/b.md", "Devis", ["urssaf"], "Léa Martin", "Texte revu.")
    assert listed(cli, tagged, "--tag", "urssaf") == ["cr/a.md", "cr/b.md", "cr/c.md"]
    assert listed(cli, tagged, "--tag", "are") == ["cr/c.md"]
    assert listed(cli, tagged, "--tag", "urssaf", "-e", "lea martin") == ["cr/b.md", "cr/c.md"]
    assert listed(cli, tagged, "--type", "cr", "--until", "2020-04-09") == []
    (tagged / "cr" / "c.md").unlink()
    assert listed(cli, tagged, "--tag", "are") == []
