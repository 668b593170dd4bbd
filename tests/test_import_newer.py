"""`garefil import` of a copy of the notebook holding a more recent version of one of its notes:
the newer version waits beside the note as the other version of a conflict, which `garefil
resolve` settles; never a second note under a fresh id, never an overwrite."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import git

pytestmark = pytest.mark.usefixtures("git_defaults")


def recorded_long_ago(cli, notebook: Path, monkeypatch) -> str:
    """A CR the notebook recorded in March 2024; its path."""
    cli("-C", notebook, "config", "user", "Zoé Test", "zoe@example.org")
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, "2024-03-01T10:00:00")
    cli("-C", notebook, "new", "cr", "--title", "Point", "-e", "Jean Dupont", "--body", "Début.")
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.delenv(name)
    [path] = [p.relative_to(notebook).as_posix() for p in (notebook / "cr").rglob("*.md")]
    return path


def left_behind(tmp_path: Path, notebook: Path, path: str, line: str) -> Path:
    """A copy of the notebook a coach went on writing in (today, after the record)."""
    copy = tmp_path / "copie"
    git(tmp_path, "clone", "-q", str(notebook), str(copy))
    with (copy / path).open("a", encoding="utf-8") as handle:
        handle.write(line)
    return copy


def test_a_newer_version_waits_beside_the_note_for_resolve(cli, notebook, tmp_path, monkeypatch):
    path = recorded_long_ago(cli, notebook, monkeypatch)
    before = (notebook / path).read_bytes()
    copy = left_behind(tmp_path, notebook, path, "Suite écrite dans la copie.\n")
    dry = json.loads(cli("-C", notebook, "import", copy, "--dry-run", "--json").stdout)
    done = cli("-C", notebook, "import", copy, "--json")
    [newer] = json.loads(done.stdout)["imported"]
    assert newer == dry["imported"][0]
    beside = path.replace(".md", ".conflit-import.md")
    [note] = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert newer["path"] == beside and newer["id"] == note["id"]
    assert f"une version plus récente de la note {newer['id']}" in done.stderr, done.stderr
    assert f"garefil resolve {path} --prendre-l-autre" in done.stderr
    assert (notebook / path).read_bytes() == before  # never overwritten
    assert (notebook / beside).read_bytes() == (copy / path).read_bytes()
    assert git(notebook, "status", "--porcelain") == ""  # recorded with the import
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [n["path"] for n in listed] == [path]  # one note, not two
    cli("-C", notebook, "resolve", path, "--take-other")
    assert "Suite écrite dans la copie." in (notebook / path).read_text(encoding="utf-8")
    assert not (notebook / beside).exists()
    again = json.loads(cli("-C", notebook, "import", copy, "--json").stdout)
    assert again["imported"] == []  # the same version again: already there


def test_a_later_update_day_in_the_header_says_newer_too(cli, notebook, tmp_path, monkeypatch):
    path = recorded_long_ago(cli, notebook, monkeypatch)
    copy = left_behind(tmp_path, notebook, path, "Suite.\n")
    text = (copy / path).read_text(encoding="utf-8")
    (copy / path).write_text(text.replace("---\n", "---\nupdated: 2024-03-05\n", 1), "utf-8")
    os.utime(copy / path, (1700000000, 1700000000))  # the file's time says older: the header wins
    [newer] = json.loads(cli("-C", notebook, "import", copy, "--json").stdout)["imported"]
    assert newer["path"].endswith(".conflit-import.md")


def test_a_note_changed_here_since_gets_the_copy_under_a_fresh_id(
    cli, notebook, tmp_path, monkeypatch
):
    path = recorded_long_ago(cli, notebook, monkeypatch)
    copy = left_behind(tmp_path, notebook, path, "Suite.\n")
    with (notebook / path).open("a", encoding="utf-8") as handle:
        handle.write("Changé ici, pas encore enregistré.\n")
    mine = (notebook / path).read_bytes()
    [other] = json.loads(cli("-C", notebook, "import", copy, "--json").stdout)["imported"]
    [note] = [
        n for n in json.loads(cli("-C", notebook, "list", "--json").stdout) if n["path"] == path
    ]
    assert ".conflit-" not in other["path"] and other["id"] != note["id"]
    assert (notebook / path).read_bytes() == mine
