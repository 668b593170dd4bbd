"""A conflict waiting for `resolve` never loses the teammate's version, whatever comes between.

Git's default configuration (no identity, no init.defaultBranch): the coaches give their
identity as garefil asks. Karim meets the conflict; the copy beside his note is Awa's version.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Team, git
from test_sync_report import coaches, the_note

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")


def conflict_met_by_karim(cli, team: Team) -> tuple[str, str]:
    """Both coaches add a line to the shared note; Awa shares first, Karim meets the conflict.
    The note's path and its copy's, in Karim's notebook."""
    path = the_note(team.awa)
    for folder, text in ((team.awa, "Chez Awa.\n"), (team.karim, "Chez Karim.\n")):
        with (folder / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync", code=9)
    [copy] = [p for p in (team.karim / "cr").rglob("*.md") if ".conflit-" in p.name]
    return path, copy.relative_to(team.karim).as_posix()


def note_id(cli, folder: Path, path: str) -> str:
    listed = json.loads(cli("-C", folder, "list", "--json").stdout)
    return next(note["id"] for note in listed if note["path"] == path)


def test_mv_of_a_note_whose_other_version_waits_is_refused(cli, coaches):
    path, copy = conflict_met_by_karim(cli, coaches)
    before = git(coaches.karim, "rev-parse", "HEAD")
    refused = cli("-C", coaches.karim, "mv", note_id(cli, coaches.karim, path), "Neuf", code=9)
    said = refused.stderr
    assert f"{path} a un conflit en attente" in said and copy in said, said
    assert f"garefil resolve {path}" in said and "Traceback" not in said, said
    assert (coaches.karim / path).is_file() and (coaches.karim / copy).is_file()
    assert git(coaches.karim, "rev-parse", "HEAD") == before
    cli("-C", coaches.karim, "rm", "--yes", path, code=9)
    assert (coaches.karim / path).is_file()
    cli("-C", coaches.karim, "resolve", path)  # settled, the note moves as any other
    cli("-C", coaches.karim, "mv", path, "Neuf")


def test_resolve_of_a_copy_whose_note_is_gone_touches_nothing(cli, coaches):
    path, copy = conflict_met_by_karim(cli, coaches)
    (coaches.karim / "archives").mkdir()
    git(coaches.karim, "mv", path, "archives/")  # by hand, say: out of the copy's sight
    git(coaches.karim, "commit", "-qm", "renommée à la main")
    for how in ((), ("--take-other",)):
        said = cli("-C", coaches.karim, "resolve", path, *how, code=4).stderr
        assert f"{copy} est l'autre version de {path}, qui n'est plus là" in said, said
        assert "rien n'a été supprimé" not in said and "Git a échoué" not in said, said
        assert (coaches.karim / copy).is_file() and not (coaches.karim / path).exists()
    assert not git(coaches.karim, "status", "--porcelain")


def test_a_note_renamed_while_its_conflict_travelled_keeps_its_copy(cli, coaches):
    path, copy = conflict_met_by_karim(cli, coaches)  # Karim shares Awa's version as a copy
    shared_id = note_id(cli, coaches.awa, path)
    moved = cli("-C", coaches.awa, "mv", shared_id, "Titre neuf").stdout
    cli("-C", coaches.awa, "sync", code=9)  # git carries Karim's version to the new name
    [renamed] = json.loads(cli("-C", coaches.awa, "list", "--json").stdout)
    assert "titre-neuf" in renamed["path"] and (coaches.awa / copy).is_file(), moved
    status = json.loads(cli("-C", coaches.awa, "status", "--json").stdout)
    assert status["conflicts"] == [{"note": renamed["path"], "copy": copy}]
    cli("-C", coaches.awa, "resolve", renamed["path"])
    assert not (coaches.awa / copy).exists() and (coaches.awa / renamed["path"]).is_file()
    assert not git(coaches.awa, "status", "--porcelain", "--untracked-files=all")


def test_resolve_that_git_cannot_record_gives_back_both_versions(cli, coaches, run_garefil):
    path, copy = conflict_met_by_karim(cli, coaches)
    theirs = (coaches.karim / copy).read_bytes()
    # Another git is working in the notebook for longer than garefil waits.
    with (coaches.karim / ".git" / "index.lock").open("w"):
        done = run_garefil(
            "-C", coaches.karim, "resolve", copy, "--take-other", env={"GAREFIL_GIT_WAIT": "0.2"}
        )
    (coaches.karim / ".git" / "index.lock").unlink()
    assert done.returncode == 7, done.stderr
    assert (coaches.karim / copy).read_bytes() == theirs
    assert "Chez Karim." in (coaches.karim / path).read_text(encoding="utf-8")
    assert not git(coaches.karim, "status", "--porcelain", "--untracked-files=all")


def test_importing_a_notebook_with_a_waiting_copy_imports_the_note_alone(cli, coaches, tmp_path):
    path, copy = conflict_met_by_karim(cli, coaches)
    kept_id = note_id(cli, coaches.karim, path)
    zoe = tmp_path / "zoe"
    cli("init", zoe)
    cli("-C", zoe, "config", "user", "Zoé Martin", "zoe@example.org")
    done = cli("-C", zoe, "import", coaches.karim, "--json")
    report = json.loads(done.stdout)
    assert [(n["id"], n["path"], n["notice"]) for n in report["imported"]] == [
        (kept_id, path, None)
    ]
    [skipped] = [s for s in report["skipped"] if s["source"] == copy]
    assert "garefil resolve" in skipped["reason"], skipped
    said = [line for line in done.stderr.splitlines() if copy in line]
    assert len(said) == 1 and "l'autre version d'une note en conflit" in said[0], done.stderr
    assert not list(zoe.rglob("*.conflit-*"))
    assert json.loads(cli("-C", zoe, "status", "--json").stdout)["conflicts"] == []
    assert [n["path"] for n in json.loads(cli("-C", zoe, "list", "--json").stdout)] == [path]


def test_taking_a_renamed_version_takes_the_file_name_that_goes_with_its_title(cli, coaches):
    path = the_note(coaches.awa)
    shared_id = note_id(cli, coaches.awa, path)
    cli("-C", coaches.awa, "mv", shared_id, "Titre Awa")
    cli("-C", coaches.karim, "mv", shared_id, "Titre Karim")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "sync", code=9)
    [copy] = [p for p in (coaches.awa / "cr").rglob("*.md") if ".conflit-" in p.name]
    cli("-C", coaches.awa, "resolve", copy.relative_to(coaches.awa).as_posix(), "--take-other")
    karims = the_note(coaches.karim)
    assert "titre-karim" in karims and the_note(coaches.awa) == karims
    assert "title: Titre Karim\n" in (coaches.awa / karims).read_text(encoding="utf-8")
    assert not git(coaches.awa, "status", "--porcelain", "--untracked-files=all")
    cli("-C", coaches.awa, "sync")
    cli("-C", coaches.karim, "sync")
    assert the_note(coaches.karim) == karims and note_id(cli, coaches.karim, karims) == shared_id
