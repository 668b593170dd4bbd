"""Personal data and conflicts: a conflict copy holds a person's data as much as the note it
belongs to, so anonymising them waits for `resolve`, and their export holds the copy too.

Git's default configuration (no identity, no init.defaultBranch); Karim meets the conflict on
the note about Jean Dupont, the copy beside his note is Awa's version.
"""

from __future__ import annotations

import json
import zipfile

import pytest

from conftest import git
from test_resolve_safety import conflict_met_by_karim
from test_sync_report import coaches

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")


def test_anonymising_a_person_whose_conflict_copy_waits_is_refused(cli, coaches, run_garefil):
    path, copy = conflict_met_by_karim(cli, coaches)
    before = git(coaches.karim, "rev-parse", "HEAD")
    refused = cli("-C", coaches.karim, "rgpd", "anonymiser", "Jean Dupont", "--oui", code=9)
    said = refused.stderr
    assert f"{path} a un conflit en attente" in said and copy in said, said
    assert f"garefil resolve {path}" in said and "Traceback" not in said, said
    assert "Jean Dupont" in (coaches.karim / copy).read_text(encoding="utf-8")
    assert git(coaches.karim, "rev-parse", "HEAD") == before
    assert not git(coaches.karim, "status", "--porcelain")
    english = run_garefil(
        "-C", coaches.karim, "rgpd", "anonymiser", "Jean Dupont", "--purger-historique", "--oui",
        env={"GAREFIL_LANG": "en"},
    )  # fmt: skip
    assert english.returncode == 9 and f"garefil resolve {path}" in english.stderr, english
    assert git(coaches.karim, "rev-parse", "HEAD") == before
    cli("-C", coaches.karim, "resolve", path)  # settled: the person leaves every file
    cli("-C", coaches.karim, "rgpd", "anonymiser", "Jean Dupont", "--oui")
    for note in coaches.karim.rglob("*.md"):
        assert "Dupont" not in note.read_text(encoding="utf-8"), note


def test_a_copy_naming_a_person_the_note_no_longer_names_is_refused_too(cli, coaches):
    path, copy = conflict_met_by_karim(cli, coaches)
    note = coaches.karim / path
    note.write_text(note.read_text(encoding="utf-8").replace("Jean Dupont", "Awa"), "utf-8")
    git(coaches.karim, "commit", "-qam", "plus de Jean ici")
    said = cli("-C", coaches.karim, "rgpd", "anonymiser", "Jean Dupont", "--oui", code=9).stderr
    assert copy in said and "Jean Dupont" in (coaches.karim / copy).read_text(encoding="utf-8")


def test_an_export_holds_the_waiting_conflict_copy(cli, coaches, tmp_path):
    path, copy = conflict_met_by_karim(cli, coaches)
    target = tmp_path / "jean.zip"
    cli("-C", coaches.karim, "rgpd", "export", "Jean Dupont", "--sortie", target)
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert "Chez Awa." in archive.read(f"notes/{copy}").decode("utf-8")
    assert sorted(note["path"] for note in manifest["notes"]) == sorted([path, copy])
