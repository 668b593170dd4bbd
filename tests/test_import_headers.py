"""`garefil import` reads the header of an old Mac note and keeps a date's time zone."""

from __future__ import annotations

from pathlib import Path

import frontmatter


def _imported(cli, notebook: Path, source: Path) -> Path:
    cli("-C", notebook, "import", source)
    (found,) = [
        p for p in notebook.rglob("*.md") if ".garefil" not in p.parts and ".git" not in p.parts
    ]
    return found


def test_a_note_with_old_mac_line_endings_keeps_its_header(cli, notebook, tmp_path):
    source = tmp_path / "mac"
    source.mkdir()
    (source / "mac.md").write_bytes(b"---\rtitle: Mac CR\rdate: 2020-05-01\r---\rTexte mac\r")
    stored = _imported(cli, notebook, source)
    note = frontmatter.loads(stored.read_text(encoding="utf-8"))
    assert note["title"] == "Mac CR"
    assert str(note["date"]) == "2020-05-01"
    assert note.content.strip() == "Texte mac"
    assert b"\r" not in stored.read_bytes()
    assert "Mac CR" in cli("-C", notebook, "list", "--since", "2020-05-01").stdout
