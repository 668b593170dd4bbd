"""Writing notes as a coach does, without a terminal: the editor, empty notes, one fiche per
person, and the short ways of naming a note."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where drafts kept after an editor failure go ($XDG_STATE_HOME)."""
    folder = tmp_path / "etat"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


def editor_script(tmp_path: Path, body: str, code: int = 0) -> str:
    """An editor command: a script that appends `body` to the file, then exits `code`."""
    script = tmp_path / "editeur.py"
    script.write_text(
        f"import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write({body!r})\nsys.exit({code})\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


def notes_in(notebook: Path) -> list[str]:
    return sorted(
        p.relative_to(notebook).as_posix()
        for p in notebook.rglob("*.md")
        if ".git" not in p.parts and ".garefil" not in p.parts
    )


def commits(notebook: Path) -> int:
    return int(git(notebook, "rev-list", "--count", "HEAD"))


def test_a_note_left_as_its_template_is_not_saved(cli, notebook, monkeypatch, state):
    monkeypatch.setenv("EDITOR", "true")
    before = commits(notebook)
    result = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", code=13)
    assert "note vide : rien n'est enregistré" in result.stderr.lower()
    assert notes_in(notebook) == [] and commits(notebook) == before
    assert git(notebook, "status", "--porcelain", "--untracked-files=all") == ""
    assert not list(state.rglob("*.md"))  # nothing to recover either


def test_a_note_written_in_the_editor_is_saved_and_committed(cli, notebook, monkeypatch, tmp_path):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "\nLe projet avance bien.\n"))
    before = commits(notebook)
    out = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont").stdout
    note_id, path = out.strip().split("\t")
    assert "Le projet avance bien." in (notebook / path).read_text(encoding="utf-8")
    assert commits(notebook) == before + 1
    assert git(notebook, "status", "--porcelain") == ""
    assert note_id.endswith(path.removesuffix(".md").rsplit("-", 1)[-1])


def test_a_failing_editor_leaves_nothing_and_keeps_a_recovery_file(
    cli, notebook, monkeypatch, tmp_path, state
):
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "Début de mon compte-rendu", code=1))
    before = commits(notebook)
    result = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", code=11)
    assert notes_in(notebook) == [] and commits(notebook) == before
    assert git(notebook, "status", "--porcelain", "--untracked-files=all") == ""
    kept = list(state.rglob("*.md"))
    assert len(kept) == 1 and "Début de mon compte-rendu" in kept[0].read_text("utf-8")
    assert str(kept[0]) in result.stderr.replace("\n  ", "")


def test_editor_false_is_a_failure_with_a_recovery_file(cli, notebook, state):
    before = commits(notebook)  # conftest sets EDITOR=false
    result = cli("-C", notebook, "new", "note", code=11)
    assert notes_in(notebook) == [] and commits(notebook) == before
    assert len(list(state.rglob("*.md"))) == 1
    assert "false" in result.stderr


def test_without_a_terminal_as_a_subprocess(run_garefil, notebook, tmp_path, state):
    env = {"EDITOR": "true", "XDG_STATE_HOME": str(state)}
    result = run_garefil("-C", notebook, "new", "cr", env=env, input="")
    assert result.returncode == 13, result.stderr
    assert notes_in(notebook) == []


def test_edit_with_a_failing_editor_keeps_the_note_as_it_was(
    cli, notebook, monkeypatch, tmp_path, state
):
    path = cli("-C", notebook, "new", "note", "--body", "Avant.", "--no-edit").stdout.split()[1]
    before = (notebook / path).read_bytes()
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "moitié de phrase", code=1))
    cli("-C", notebook, "edit", path, code=11)
    assert (notebook / path).read_bytes() == before
    assert git(notebook, "status", "--porcelain") == ""
    kept = list(state.rglob("*.md"))
    assert len(kept) == 1 and "moitié de phrase" in kept[0].read_text("utf-8")


def test_edit_keeps_the_bytes_the_editor_saved(cli, notebook, monkeypatch, tmp_path):
    path = notebook / "windows.md"
    path.write_bytes(b"---\r\ntitle: Windows\r\n---\r\nCorps\r\n")
    git(notebook, "add", "windows.md")
    git(notebook, "commit", "-qm", "note")
    monkeypatch.setenv("EDITOR", editor_script(tmp_path, "Suite\r\n"))
    cli("-C", notebook, "edit", "windows.md")
    assert path.read_bytes() == b"---\r\ntitle: Windows\r\n---\r\nCorps\r\nSuite\r\n"


def test_a_second_fiche_for_the_same_person_is_refused(cli, notebook):
    first = cli("-C", notebook, "new", "fiche", "-e", "Inès Moreau", "--no-edit").stdout
    first_id, first_path = first.strip().split("\t")
    again = cli("-C", notebook, "new", "fiche", "-e", "  ines   MOREAU ", "--no-edit", code=6)
    assert first_path in again.stderr and first_id in again.stderr
    assert notes_in(notebook) == [first_path]
    cli("-C", notebook, "new", "fiche", "-e", "Inès Morel", "--no-edit")  # someone else
    cli("-C", notebook, "new", "cr", "-e", "Inès Moreau", "--no-edit")  # other types: any number


def test_the_random_part_of_an_id_names_the_note(cli, notebook):
    out = cli("-C", notebook, "new", "note", "--title", "Suffixe", "--no-edit").stdout
    note_id = out.split("\t")[0]
    shown = json.loads(cli("-C", notebook, "show", note_id.rsplit("-", 1)[1], "--json").stdout)
    assert shown["id"] == note_id


def test_a_random_part_shared_by_two_notes_lists_both(cli, notebook):
    for name, note_id in (("a", "2024-01-01-cr-abcde"), ("b", "2024-02-01-rdv-abcde")):
        (notebook / f"{name}.md").write_text(f"---\nid: {note_id}\n---\n", encoding="utf-8")
    result = cli("-C", notebook, "show", "abcde", code=4)
    assert "2024-01-01-cr-abcde" in result.stderr and "2024-02-01-rdv-abcde" in result.stderr


def test_at_dernier_is_the_note_written_last(cli, notebook):
    older = cli("-C", notebook, "new", "note", "--title", "Ancienne", "--no-edit").stdout
    cli("-C", notebook, "new", "note", "--title", "Récente", "--no-edit")
    shown = json.loads(cli("-C", notebook, "show", "@dernier", "--json").stdout)
    assert shown["title"] == "Récente"
    older_path = notebook / older.split("\t")[1].strip()
    os.utime(older_path)  # touched last, as `tag` or `edit` would
    cli("-C", notebook, "tag", "@dernier", "urssaf")
    shown = json.loads(cli("-C", notebook, "show", "@dernier", "--json").stdout)
    assert shown["title"] == "Ancienne" and shown["tags"] == ["urssaf"]


def test_a_very_long_reference_is_one_clean_line(cli, notebook):
    result = cli("-C", notebook, "show", "x" * 5000, code=4)
    assert "Erreur inattendue" not in result.stderr
    assert max(len(line) for line in result.stderr.splitlines()) < 200


def test_a_latin1_body_on_standard_input_is_saved_as_utf8(notebook):
    done = subprocess.run(
        [sys.executable, "-m", "garefil", "-C", str(notebook), "new", "note", "--body", "-"],
        input="Été : cotisation payée.\n".encode("latin-1"),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    path = done.stdout.decode("utf-8").split("\t")[1].strip()
    assert "Été : cotisation payée." in (notebook / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("script", "code", "said"),
    [
        ('sed -i "s/^title: .*/title: [unclosed/" "$1"', 5, "laissée telle quelle"),
        (': > "$1"', 13, "revenue vide"),
    ],
    ids=["broken-header", "emptied"],
)
def test_edit_that_breaks_or_empties_the_note_saves_nothing_and_keeps_the_text(
    run_garefil, cli, notebook, tmp_path, state, script, code, said
):
    path = cli("-C", notebook, "new", "cr", "--title", "ok", "--no-edit").stdout.split()[1]
    before, commits_before = (notebook / path).read_bytes(), commits(notebook)
    editor = tmp_path / "editeur.sh"
    editor.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    editor.chmod(0o755)
    env = {"EDITOR": str(editor), "XDG_STATE_HOME": str(state)}
    result = run_garefil("-C", notebook, "edit", path, env=env, input="")
    assert result.returncode == code, result.stderr
    assert said in result.stderr and "✓" not in result.stdout + result.stderr
    assert (notebook / path).read_bytes() == before and commits(notebook) == commits_before
    kept = list(state.rglob("*.md"))
    assert len(kept) == 1 and str(kept[0]) in result.stderr.replace("\n  ", "")
    if code == 5:
        assert "title: [unclosed" in kept[0].read_text("utf-8")
        assert f"{path}:" in result.stderr


def test_a_fiche_is_found_by_family_name_and_needs_an_entrepreneur(cli, notebook):
    first = cli("-C", notebook, "new", "fiche", "-e", "Jean Dupont", "--no-edit").stdout
    first_id, first_path = first.strip().split("\t")
    again = cli("-C", notebook, "new", "fiche", "-e", "Dupont", "--no-edit", code=6)
    assert first_path in again.stderr and first_id in again.stderr
    for nobody in (("--no-edit",), ("-e", "  ", "--no-edit")):
        result = cli("-C", notebook, "new", "fiche", *nobody, code=5)
        assert "--entrepreneur" in result.stderr
    assert notes_in(notebook) == [first_path]
    cli("-C", notebook, "new", "fiche", "-e", "Marie Dupont", "--no-edit")  # someone else
