"""What `sync` tells the coach: each thing once, and only the team's notes as the team's work.

Every test runs with git's default configuration (no identity, no init.defaultBranch): the
coaches give their identity as garefil asks, through `garefil config user`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Team, publish_and_join

pytestmark = pytest.mark.usefixtures("git_defaults")


@pytest.fixture
def coaches(cli, tmp_path: Path) -> Team:
    """Awa's notebook, shared through a bare repository and joined by Karim."""

    def first(awa: Path) -> None:
        cli("-C", awa, "new", "cr", "--title", "Point statut", "-e", "Jean Dupont", "--no-edit")

    return publish_and_join(cli, tmp_path, first)


def the_note(folder: Path) -> str:
    [path] = [p.relative_to(folder).as_posix() for p in (folder / "cr").rglob("*.md")]
    return path


def sommaire_made_by_awa(cli, team: Team) -> None:
    """Awa writes the notebook's sommaire and shares it: writing commands then keep it."""
    cli("-C", team.awa, "sommaire")
    cli("-C", team.awa, "sync")


def conflict_on_both_sides(cli, team: Team) -> None:
    """Both coaches have the sommaire and change the same line of the shared note; Awa shares
    hers first."""
    sommaire_made_by_awa(cli, team)
    cli("-C", team.karim, "sync")
    path = the_note(team.awa)
    for folder, text in ((team.awa, "Chez Awa.\n"), (team.karim, "Chez Karim.\n")):
        with (folder / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    cli("-C", team.awa, "sync")


def test_a_conflict_met_while_the_sommaire_is_rebuilt_is_said_once(cli, coaches):
    conflict_on_both_sides(cli, coaches)
    said = cli("-C", coaches.karim, "sync", code=9).stderr
    # Rebuilding the sommaire reads the index, whose refresh said « 1 conflit à résoudre »
    # before the report, which then said the same conflict again.
    assert "conflit à résoudre" not in said, said
    assert said.count("Conflit sur") == 1, said
    assert said.strip().splitlines()[-1].startswith("Les deux versions sont gardées"), said


def test_a_conflict_is_said_once_in_english_too(cli, coaches, run_garefil):
    conflict_on_both_sides(cli, coaches)
    done = run_garefil("-C", coaches.karim, "sync", env={"GAREFIL_LANG": "en"})
    said = done.stderr
    assert done.returncode == 9, said
    assert "to resolve" not in said and said.count("Conflict on") == 1, said
    assert said.strip().splitlines()[-1].startswith("Both versions are kept"), said


def test_the_sommaire_a_teammate_wrote_is_one_line_not_one_per_page(cli, coaches):
    sommaire_made_by_awa(cli, coaches)
    said = cli("-C", coaches.karim, "sync").stderr
    lines = [line for line in said.splitlines() if line.startswith("↓")]
    assert "sommaire/" not in said and "SOMMAIRE.md" not in said, said
    assert lines == ["↓ Sommaire mis à jour."], said
    cli(
        "-C",
        coaches.awa,
        "new",
        "cr",
        "--title",
        "Suite",
        "--entrepreneur",
        "Lina Roy",
        "--no-edit",
    )  # her commit records the pages the note moved
    cli("-C", coaches.awa, "sync")
    report = json.loads(cli("-C", coaches.karim, "sync", "--json").stdout)
    pages = [c["path"] for c in report["incoming"] if c["generated"]]
    assert "SOMMAIRE.md" in pages and all(is_page(path) for path in pages), report
    notes = [c["path"] for c in report["incoming"] if not c["generated"]]
    assert len(notes) == 1 and notes[0].startswith("cr/"), report


def is_page(path: str) -> bool:
    return path == "SOMMAIRE.md" or path.startswith("sommaire/")


def new_request(cli, coach: Path, title: str) -> None:
    cli("-C", coach, "new", "demande", "-e", "Nina Zed", "--title", title, "--no-edit")


def test_pages_both_coaches_rebuilt_are_rebuilt_silently(cli, coaches):
    sommaire_made_by_awa(cli, coaches)
    cli("-C", coaches.karim, "sync")
    # Both write a request for a new person: both rebuild the same pages of the sommaire.
    new_request(cli, coaches.awa, "Demande d'Awa")
    new_request(cli, coaches.karim, "Demande de Karim")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync").stderr
    assert "sommaire/" not in said and "SOMMAIRE.md" not in said, said
    assert "⚠" not in said, said
    assert said.count("Sommaire mis à jour.") == 1, said


def test_a_note_kept_in_two_versions_is_said_in_conflict_after_its_conflict(cli, coaches):
    """The team's change is in the copy, not in the note: a plain « — modifiée » before the
    conflict line would say it was merged. The conflict comes first, the note's line says it."""
    conflict_on_both_sides(cli, coaches)
    said = cli("-C", coaches.karim, "sync", code=9).stderr.splitlines()
    [conflict] = [n for n, line in enumerate(said) if "Conflit sur" in line]
    [changed] = [n for n, line in enumerate(said) if line.startswith("↓")]
    assert conflict < changed and ".conflit-awa-diallo.md" in said[conflict], said
    [copy] = [p.relative_to(coaches.karim).as_posix() for p in coaches.karim.rglob("*.conflit-*")]
    assert said[changed] == (
        "↓ Awa Diallo : note « Point statut » (compte-rendu, Jean Dupont) — modifiée : en "
        f"conflit, cette version est la copie {copy}"
    ), said
