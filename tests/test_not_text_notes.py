"""A `.md` file that is no text at all (a picture renamed, a teammate's broken commit): `show`
and `edit` say to remove it, as `jardin` does, and no editor ever opens it."""

from __future__ import annotations

PICTURE = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x01"


def test_show_and_edit_say_to_remove_a_file_that_is_not_text(
    cli, run_garefil, notebook, tmp_path, monkeypatch
):
    binary = notebook / "divers" / "bad" / "binaire.md"
    binary.parent.mkdir(parents=True)
    binary.write_bytes(PICTURE)
    shown = cli("-C", notebook, "show", "divers/bad/binaire.md", code=5)
    assert "n'est pas du texte" in shown.stderr
    assert "garefil rm divers/bad/binaire.md" in shown.stderr
    assert "garefil edit" not in shown.stderr
    opened = tmp_path / "opened"
    editor = tmp_path / "editor.sh"
    editor.write_text(f"#!/bin/sh\ntouch {opened}\n", encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    edited = run_garefil("-C", notebook, "edit", "divers/bad/binaire.md")
    assert edited.returncode == 5, edited.stderr
    assert "garefil rm divers/bad/binaire.md" in edited.stderr and "Traceback" not in edited.stderr
    assert not opened.exists()
    assert binary.read_bytes() == PICTURE
