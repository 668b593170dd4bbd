"""`edit` when the note changes on disk while the editor is open: nothing is overwritten.

The editor here is a script that, like a coach's second terminal, runs a real garefil command
on the note (`tag`, `sync`) before it saves its own change in the draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import git


def editor_doing(tmp_path: Path, meanwhile: str, edit: str) -> str:
    """An editor that runs `meanwhile` (garefil's arguments) then `edit` (sh on the draft $1)."""
    script = tmp_path / "lent.sh"
    script.write_text(
        f'#!/bin/sh\n"{sys.executable}" -m garefil {meanwhile} >/dev/null 2>&1 || exit 1\n{edit}\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def new_note(cli, folder: Path) -> str:
    """A report in `folder`'s notebook, recorded; its path."""
    out = cli(
        "-C", folder, "new", "cr", "-e", "Jean Dupont", "--title", "Point", "--body", "Début."
    )
    return out.stdout.split("\t")[1].strip()


def test_a_tag_added_while_editing_is_kept_with_the_edit(cli, notebook, tmp_path, monkeypatch):
    path = new_note(cli, notebook)
    meanwhile = f'-C "{notebook}" tag {path} urssaf'
    appends = "printf 'Awa: ajouté\\n' >> \"$1\""
    monkeypatch.setenv("EDITOR", editor_doing(tmp_path, meanwhile, appends))
    result = cli("-C", notebook, "edit", path)
    text = (notebook / path).read_text(encoding="utf-8")
    assert "tags: [urssaf]" in text and "Awa: ajouté" in text
    assert "changé pendant" in result.stderr
    assert git(notebook, "status", "--porcelain") == ""  # both recorded


def test_the_same_line_changed_by_a_teammate_keeps_both_versions(cli, team, tmp_path, monkeypatch):
    path = new_note(cli, team.awa)
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    note = team.karim / path
    note.write_text(note.read_text(encoding="utf-8").replace("Début.", "Début, vu par Karim."))
    cli("-C", team.karim, "sync")
    meanwhile = f'-C "{team.awa}" sync'
    changes = "sed -i 's/Début\\./Début, vu par Awa./' \"$1\""
    monkeypatch.setenv("EDITOR", editor_doing(tmp_path, meanwhile, changes))
    result = cli("-C", team.awa, "edit", path, code=9)
    assert "vu par Karim" in (team.awa / path).read_text(encoding="utf-8")
    copy = next((team.awa / path).parent.glob("*.conflit-*.md"))
    assert "vu par Awa" in copy.read_text(encoding="utf-8")
    assert copy.name in result.stderr and "--prendre-l-autre" in result.stderr
    assert git(team.awa, "status", "--porcelain") == ""
    cli("-C", team.awa, "resolve", copy.relative_to(team.awa), "--take-other")
    assert "vu par Awa" in (team.awa / path).read_text(encoding="utf-8")
    assert not copy.exists()


def test_an_edit_without_anything_meanwhile_is_saved_as_before(
    cli, notebook, tmp_path, monkeypatch
):
    path = new_note(cli, notebook)
    script = tmp_path / "ed.sh"
    script.write_text("#!/bin/sh\nprintf 'Suite.\\n' >> \"$1\"\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(script))
    result = cli("-C", notebook, "edit", path)
    assert "Suite." in (notebook / path).read_text(encoding="utf-8")
    assert "changé pendant" not in result.stderr


def test_a_teammate_s_line_brought_by_sync_while_editing_is_kept(cli, team, tmp_path, monkeypatch):
    path = new_note(cli, team.awa)
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    note = team.karim / path
    note.write_text(note.read_text(encoding="utf-8") + "Karim: rappelé.\n", encoding="utf-8")
    cli("-C", team.karim, "sync")
    adds = "sed -i 's/^Début\\.$/Awa: en tête.\\nDébut./' \"$1\""
    monkeypatch.setenv("EDITOR", editor_doing(tmp_path, f'-C "{team.awa}" sync', adds))
    cli("-C", team.awa, "edit", path)
    text = (team.awa / path).read_text(encoding="utf-8")
    assert "Awa: en tête.\nDébut.\n" in text and "Karim: rappelé." in text
    assert not list((team.awa / path).parent.glob("*.conflit-*"))


def test_a_note_deleted_while_editing_comes_back_with_the_edit_and_says_so(
    cli, notebook, tmp_path, monkeypatch
):
    path = new_note(cli, notebook)
    appends = "printf 'Awa: ajouté\\n' >> \"$1\""
    meanwhile = f'-C "{notebook}" rm {path} --oui'
    monkeypatch.setenv("EDITOR", editor_doing(tmp_path, meanwhile, appends))
    result = cli("-C", notebook, "edit", path)
    assert "Awa: ajouté" in (notebook / path).read_text(encoding="utf-8")
    assert "supprimée ou renommée" in result.stderr
    assert git(notebook, "status", "--porcelain") == ""
