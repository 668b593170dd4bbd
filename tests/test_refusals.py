"""Small inputs refused in one clear line, and a notebook that lost its git history."""

from __future__ import annotations

import shutil

import pytest

from conftest import git


def _note(cli, notebook) -> str:
    out = cli("-C", notebook, "new", "note", "--title", "Point", "--no-edit").stdout
    return out.strip().split("\t")[1]


def test_mv_to_a_blank_title_is_refused_and_to_the_same_title_changes_nothing(cli, notebook):
    path = _note(cli, notebook)
    before = git(notebook, "rev-parse", "HEAD")
    assert "titre est vide" in cli("-C", notebook, "mv", path, "   ", code=5).stderr
    same = cli("-C", notebook, "mv", path, "Point").stderr
    assert "Rien n'a changé" in same and git(notebook, "rev-parse", "HEAD") == before


@pytest.mark.parametrize(
    ("name", "email"), [("", ""), ("Awa Diallo", "awa.example.org"), ("Awa\nDiallo", "a@b.org")]
)
def test_config_user_refuses_an_empty_or_broken_identity(cli, notebook, name, email):
    refused = cli("-C", notebook, "config", "user", name, email, code=5)
    assert "adresse avec un @" in refused.stderr
    assert git(notebook, "config", "user.name").strip() == "Awa Diallo"


def test_a_notebook_without_git_history_says_how_to_make_one(cli, notebook):
    _note(cli, notebook)
    shutil.rmtree(notebook / ".git")
    for command in (["status"], ["sync"], ["new", "note", "--title", "B", "--no-edit"]):
        said = cli("-C", notebook, *command, code=7).stderr
        assert "pas d'historique git" in said and "garefil init" in said
    cli("init", notebook)  # the hint works
    assert (
        git(notebook, "status", "--porcelain") == ""
        and "Conflits" in cli("-C", notebook, "status").stdout
    )


def test_the_merge_driver_with_missing_files_keeps_the_conflict(cli, tmp_path):
    missing = [str(tmp_path / name) for name in ("base", "ours", "theirs")]
    cli("merge-driver", *missing, "note.md", code=9)
