"""A notebook made inside another project's git repository never shares that project."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("git_defaults")  # no identity, no init.defaultBranch


def git(*args: str | Path, cwd: Path) -> str:
    """Plain git, as the coach's other project uses it."""
    done = subprocess.run(
        ["git", "-c", "user.name=D", "-c", "user.email=d@x", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


def project(tmp_path: Path) -> Path:
    """Another project's repository, with one commit of a file that is no note."""
    outer = tmp_path / "outer"
    outer.mkdir()
    git("init", "-q", "-b", "main", cwd=outer)
    (outer / "projet.txt").write_text("a\n", encoding="utf-8")
    git("add", ".", cwd=outer)
    git("commit", "-qm", "init", cwd=outer)
    return outer


def shared_files(bare: Path) -> str:
    """Every file any commit of the shared repository's branches touches."""
    return git("log", "--all", "--format=", "--name-only", cwd=bare)


@pytest.mark.parametrize("how", ["folder", "here", "adopted"])
def test_init_inside_a_project_makes_the_notebook_its_own_repository(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    outer = project(tmp_path)
    cli("config", "user", "Awa Diallo", "awa@exemple.org")
    folder = outer / "carnet"
    if how == "adopted":  # notes the project already tracks
        folder.mkdir()
        (folder / "vieille.md").write_text("---\ntitle: Vieille\n---\nx\n", encoding="utf-8")
        git("add", ".", cwd=outer)
        git("commit", "-qm", "notes", cwd=outer)
    monkeypatch.chdir(outer)
    if how == "here":
        folder.mkdir()
        monkeypatch.chdir(folder)
        said = cli("init").output
    else:
        said = cli("init", "carnet").output
    assert str(outer) in said  # said in one line, naming the project's repository
    monkeypatch.chdir(folder)
    assert git("rev-parse", "--show-toplevel", cwd=folder).strip() == str(folder.resolve())
    cli("new", "note", "--title", "Essai", "--body", "x")
    bare = tmp_path / "partage.git"
    git("init", "-q", "--bare", "-b", "main", bare, cwd=tmp_path)
    cli("remote", bare)
    cli("sync")
    files = shared_files(bare)
    assert "essai" in files
    assert "projet.txt" not in files


def test_sync_and_remote_refuse_a_notebook_inside_another_repository(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A notebook an older garefil made as a folder of the project around it."""
    outer = project(tmp_path)
    cli("config", "user", "Awa Diallo", "awa@exemple.org")
    folder = outer / "carnet"
    monkeypatch.chdir(outer)
    cli("init", "carnet")
    subprocess.run(["rm", "-rf", str(folder / ".git")], check=True)
    git("add", "-A", cwd=outer)
    git("commit", "-qm", "old notebook", cwd=outer)
    bare = tmp_path / "partage.git"
    git("init", "-q", "--bare", "-b", "main", bare, cwd=tmp_path)
    monkeypatch.chdir(folder)
    refused = cli("remote", bare, code=12)
    assert str(outer) in refused.stderr and "projet.txt" in refused.stderr
    git("remote", "add", "origin", bare, cwd=outer)
    refused = cli("sync", code=12)
    assert str(outer) in refused.stderr and "garefil init" in refused.stderr
    assert git("for-each-ref", cwd=bare) == ""  # nothing was sent
    cli("init")  # what the hint says: the notebook becomes its own repository
    cli("remote", bare)
    cli("sync")
    files = shared_files(bare)
    assert "config.toml" in files and "projet.txt" not in files


def test_a_clone_made_inside_a_project_shares_nothing_of_it(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("config", "user", "Awa Diallo", "awa@exemple.org")
    bare = tmp_path / "partage.git"
    git("init", "-q", "--bare", "-b", "main", bare, cwd=tmp_path)
    cli("init", tmp_path / "premier", "--remote", bare)
    cli("-C", tmp_path / "premier", "sync")
    outer = project(tmp_path)
    monkeypatch.chdir(outer)
    cli("init", "--clone", bare, "carnet")
    folder = outer / "carnet"
    assert git("rev-parse", "--show-toplevel", cwd=folder).strip() == str(folder.resolve())
    cli("-C", folder, "new", "note", "--title", "Essai", "--body", "x")
    cli("-C", folder, "sync")
    files = shared_files(bare)
    assert "essai" in files and "projet.txt" not in files
