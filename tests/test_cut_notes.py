"""A note longer than the index holds (core/indexing.py MAX_INDEXED_CHARS) is searched only in
its beginning: a search that finds nothing says which notes were only partly searched, each on
one line with its size, so that a coach knows where else to look; `index` says the same."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from garefil.core.indexing import MAX_INDEXED_CHARS


@pytest.fixture
def long_note(notebook: Path) -> Path:
    """A 1 MB export pasted in a note, a word at its very end; and an ordinary note."""
    filler = "cotisation " * (MAX_INDEXED_CHARS // 11 + 100)
    text = f"---\ntype: note\ntitle: Export\n---\n\n{filler}zanzibar\n"
    (notebook / "export.md").write_text(text, encoding="utf-8")
    (notebook / "court.md").write_text("---\ntype: note\ntitle: Court\n---\n\nRien.\n", "utf-8")
    return notebook


def said_cut(stderr: str) -> str:
    """The one line of `stderr` about export.md, which gives its size."""
    lines = [line for line in stderr.splitlines() if "export.md" in line]
    assert len(lines) == 1, stderr
    assert "export.md (1 Mo)" in lines[0] and "1 000 000 premiers caractères" in lines[0]
    return lines[0]


def test_searches_and_index_name_the_notes_searched_in_part(cli, long_note):
    # one test: indexing a note this long takes a few seconds
    said_cut(cli("-C", long_note, "index").stderr)
    found = cli("-C", long_note, "search", "zanzibar")
    assert "Aucune note ne correspond" in found.stderr
    said_cut(found.stderr)
    as_json = cli("-C", long_note, "search", "zanzibar", "--json")
    assert json.loads(as_json.stdout) == []
    said_cut(as_json.stderr)
    # a search that finds notes says nothing of them
    found = cli("-C", long_note, "search", "cotisation", "--json")
    assert [hit["path"] for hit in json.loads(found.stdout)] == ["export.md"]
    assert "export.md" not in found.stderr
