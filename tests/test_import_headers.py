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


def test_an_imported_date_keeps_its_time_zone(cli, notebook, tmp_path):
    source = tmp_path / "zones"
    source.mkdir()
    (source / "utc.md").write_text("---\ntitle: UTC\ndate: 2020-03-31T23:30:00Z\n---\nx\n")
    stored = _imported(cli, notebook, source)
    header = stored.read_text(encoding="utf-8").split("---")[1]
    assert "date: 2020-03-31 23:30:00+00:00" in header
    listed = cli("-C", notebook, "list").stdout
    assert "2020-03-31T23:30" in listed  # read at the time written, the zone set aside


def test_a_date_written_as_text_with_its_offset_is_kept_as_written(cli, notebook, tmp_path):
    source = tmp_path / "zones"
    source.mkdir()
    (source / "paris.md").write_text('---\ntitle: P\ndate: "2020-03-31T23:30:00+02:00"\n---\nx\n')
    stored = _imported(cli, notebook, source)
    assert "date: '2020-03-31T23:30:00+02:00'" in stored.read_text(encoding="utf-8")
