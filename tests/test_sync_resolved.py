"""A conflict a teammate resolved reaches the coach as a resolution, said of the note.

Git's default configuration (no identity, no init.defaultBranch), as in test_sync_report.py:
the copy `resolve` removed is no note of its own, and no deletion of the note either.
"""

from __future__ import annotations

import json

import pytest

from conftest import Team, git
from test_sync_report import coaches, conflict_on_both_sides

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")


def resolved_by_karim(cli, team: Team, *how: str) -> None:
    """Karim meets the conflict, Awa receives it, Karim resolves it and shares that."""
    conflict_on_both_sides(cli, team)
    cli("-C", team.karim, "sync", code=9)
    cli("-C", team.awa, "sync", code=9)
    [copy] = [p for p in (team.karim / "cr").rglob("*.md") if ".conflit-" in p.name]
    target = copy if how else copy.with_name(copy.name.split(".conflit-")[0] + ".md")
    cli("-C", team.karim, "resolve", target.relative_to(team.karim).as_posix(), *how)
    cli("-C", team.karim, "sync")


def incoming_lines(said: str) -> list[str]:
    return [line for line in said.splitlines() if line.startswith("↓")]


def test_a_resolved_conflict_is_said_of_the_note_not_of_the_removed_copy(cli, coaches, run_garefil):
    resolved_by_karim(cli, coaches)
    before = git(coaches.awa, "rev-parse", "HEAD").strip()
    said = cli("-C", coaches.awa, "sync").stderr
    # Karim kept the note (his version): Awa's, the copy in her name, is set aside.
    [line] = incoming_lines(said)
    assert line.startswith(
        "↓ Karim Benali : note « Point statut » (compte-rendu, Jean Dupont) — conflit résolu "
        "en gardant la version de Karim Benali ; la vôtre est mise de côté"
    ), said
    # The copy is named only where git still holds it, never told as a file deleted.
    assert said.count(".conflit-") == 1 and "supprimé" not in said, said
    # The same sync again (nothing of Awa's to send): in English, then as JSON.
    git(coaches.awa, "reset", "-q", "--hard", before)
    done = run_garefil("-C", coaches.awa, "sync", env={"GAREFIL_LANG": "en"})
    assert done.returncode == 0, done.stderr
    [line] = incoming_lines(done.stderr)
    assert line.startswith(
        '↓ Karim Benali: note "Point statut" (report, Jean Dupont) — conflict resolved '
        "keeping Karim Benali's version; yours is set aside"
    ), done.stderr
    git(coaches.awa, "reset", "-q", "--hard", before)
    report = json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)
    [copy] = [c for c in report["incoming"] if c["change"] == "deleted"]
    assert ".conflit-" in copy["path"], report
    assert copy["resolves"] == copy["path"].split(".conflit-")[0] + ".md", report


def test_taking_the_other_version_is_one_line_saying_whose_was_kept(cli, coaches):
    resolved_by_karim(cli, coaches, "--take-other")
    said = cli("-C", coaches.awa, "sync").stderr
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Point statut » (compte-rendu, Jean Dupont) "
        "— conflit résolu en gardant votre version"
    ], said


def test_a_resolved_settings_conflict_is_said_of_the_settings(cli, coaches):
    for folder, line in ((coaches.awa, "# Awa\n"), (coaches.karim, "# Karim\n")):
        with (folder / ".garefil" / "config.toml").open("a", encoding="utf-8") as handle:
            handle.write(line)
    cli("-C", coaches.awa, "sync")
    cli("-C", coaches.karim, "sync", code=9)
    cli("-C", coaches.awa, "sync", code=9)
    cli("-C", coaches.karim, "resolve", ".garefil/config.toml")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync").stderr
    assert incoming_lines(said) == ["↓ Karim Benali : réglages du carnet — conflit résolu"], said
