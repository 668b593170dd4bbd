"""Two coaches resolve the same conflict: the same way, it is settled; each their own way, it is
a new conflict, both versions kept. git alone sees one coach keeping their version as no change
and takes the other's resolution over it, silently dropping that coach's text.

Git's default configuration (no identity, no init.defaultBranch), as in test_sync_report.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Team, git
from test_sync_report import coaches, conflict_on_both_sides

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")


def conflict_met_by_both(cli, team: Team) -> str:
    """Karim's sync keeps his version in place and Awa's beside it; Awa receives both."""
    conflict_on_both_sides(cli, team)
    cli("-C", team.karim, "sync", code=9)
    cli("-C", team.awa, "sync", code=9)
    [copy] = copies(team.awa)
    return copy.with_name(copy.name.split(".conflit-")[0] + ".md").relative_to(team.awa).as_posix()


def copies(folder: Path) -> list[Path]:
    return [p for p in (folder / "cr").rglob("*.md") if ".conflit-" in p.name]


def texts(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in (folder / "cr").rglob("*.md"))


def test_each_coach_keeping_their_own_version_is_a_new_conflict_keeping_both(cli, coaches):
    note = conflict_met_by_both(cli, coaches)
    cli("-C", coaches.karim, "resolve", note)  # Karim keeps his, in place
    cli("-C", coaches.karim, "sync")
    [copy] = copies(coaches.awa)
    cli("-C", coaches.awa, "resolve", copy.relative_to(coaches.awa), "--take-other")  # hers
    said = cli("-C", coaches.awa, "sync", code=9).stderr
    assert "Conflit sur" in said, said
    [incoming] = [line for line in said.splitlines() if line.startswith("↓")]
    assert incoming.startswith("↓ Karim Benali : note « Point statut »"), said
    assert incoming.endswith(
        "conflit résolu autrement que chez vous : les deux versions sont gardées"
    )
    assert "Chez Awa." in (coaches.awa / note).read_text(encoding="utf-8")
    [copy] = copies(coaches.awa)
    assert "Chez Karim." in copy.read_text(encoding="utf-8")
    assert "Conflits à résoudre : 1" in cli("-C", coaches.awa, "status").stdout
    # Karim receives the same two versions, and the same conflict to resolve.
    cli("-C", coaches.karim, "sync", code=9)
    assert "Chez Awa." in texts(coaches.karim) and "Chez Karim." in texts(coaches.karim)
    assert len(copies(coaches.karim)) == 1


def test_the_same_resolution_on_both_sides_is_no_conflict(cli, coaches):
    note = conflict_met_by_both(cli, coaches)
    for folder in (coaches.karim, coaches.awa):
        cli("-C", folder, "resolve", note)
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "sync")
    assert copies(coaches.awa) == []
    assert "Chez Karim." in (coaches.awa / note).read_text(encoding="utf-8")


def test_a_resolution_met_by_a_coach_who_has_not_resolved_is_taken_as_before(cli, coaches):
    note = conflict_met_by_both(cli, coaches)
    [copy] = copies(coaches.karim)
    cli("-C", coaches.karim, "resolve", copy.relative_to(coaches.karim), "--take-other")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync").stderr
    assert "conflit résolu" in said and "Conflit sur" not in said, said
    assert copies(coaches.awa) == []
    assert "Chez Awa." in (coaches.awa / note).read_text(encoding="utf-8")


def test_a_sync_that_died_mid_merge_keeps_both_resolutions_when_it_is_finished(cli, coaches):
    note = conflict_met_by_both(cli, coaches)
    cli("-C", coaches.karim, "resolve", note)
    cli("-C", coaches.karim, "sync")
    [copy] = copies(coaches.awa)
    cli("-C", coaches.awa, "resolve", copy.relative_to(coaches.awa), "--take-other")
    # The merge a sync began, cut short before it was recorded (git left it clean, pending).
    git(coaches.awa, "fetch", "-q")
    git(coaches.awa, "merge", "-q", "--no-commit", "--no-ff", "@{upstream}")
    cli("-C", coaches.awa, "sync", code=9)
    assert "Chez Awa." in (coaches.awa / note).read_text(encoding="utf-8")
    [copy] = copies(coaches.awa)
    assert "Chez Karim." in copy.read_text(encoding="utf-8")


def renamed_apart(cli, team: Team) -> str:
    """Both coaches retitle the shared note, each their own way: Karim's sync keeps his name
    and version, Awa's beside it; Awa receives both. The note's path at both."""
    cli("-C", team.awa, "new", "note", "--title", "Bilan", "--no-edit")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    for folder, title in ((team.awa, "Bilan Awa"), (team.karim, "Bilan Karim")):
        [note] = [p for p in folder.rglob("*bilan*.md")]
        cli("-C", folder, "mv", note.relative_to(folder), title)
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync", code=9)
    cli("-C", team.awa, "sync", code=9)
    [copy] = [p for p in team.awa.rglob("*.md") if ".conflit-" in p.name]
    return copy.with_name(copy.name.split(".conflit-")[0] + ".md").relative_to(team.awa).as_posix()


def test_a_resolution_that_renamed_the_note_is_a_new_conflict_too(cli, coaches):
    note = renamed_apart(cli, coaches)
    cli("-C", coaches.karim, "resolve", note)  # Karim keeps his title and text
    cli("-C", coaches.karim, "sync")
    [copy] = [p for p in coaches.awa.rglob("*.md") if ".conflit-" in p.name]
    cli("-C", coaches.awa, "resolve", copy.relative_to(coaches.awa), "--take-other")  # renamed
    cli("-C", coaches.awa, "sync", code=9)
    titles = "".join(p.read_text(encoding="utf-8") for p in coaches.awa.rglob("*bilan*.md"))
    assert "Bilan Awa" in titles and "Bilan Karim" in titles, titles
    [copy] = [p for p in coaches.awa.rglob("*.md") if ".conflit-" in p.name]
    assert "Bilan Karim" in copy.read_text(encoding="utf-8")


def test_a_teammates_resolution_that_renamed_the_note_is_a_new_conflict_too(cli, coaches):
    note = renamed_apart(cli, coaches)
    [copy] = [p for p in coaches.karim.rglob("*.md") if ".conflit-" in p.name]
    cli("-C", coaches.karim, "resolve", copy.relative_to(coaches.karim), "--take-other")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "resolve", note)  # Awa keeps the note as it is, at its name
    cli("-C", coaches.awa, "sync", code=9)
    kept = coaches.awa / note
    assert "Bilan Karim" in kept.read_text(encoding="utf-8")
    [copy] = [p for p in coaches.awa.rglob("*.md") if ".conflit-" in p.name]
    assert copy.name.startswith(kept.stem) and "Bilan Awa" in copy.read_text(encoding="utf-8")
    assert sorted(p.name for p in coaches.awa.rglob("*bilan*.md")) == [copy.name, kept.name]
