"""What `sync` tells the coach: each thing once, and only the team's notes as the team's work.

Every test runs with git's default configuration (no identity, no init.defaultBranch): the
coaches give their identity as garefil asks, through `garefil config user`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Team, git


@pytest.fixture(autouse=True)
def git_defaults(isolated: Path) -> Path:
    """An empty global git configuration: git's own defaults (branch master, no identity)."""
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    return isolated


@pytest.fixture
def coaches(cli, tmp_path: Path) -> Team:
    """Awa's notebook with its sommaire, shared through a bare repository and joined by Karim."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    awa, karim = tmp_path / "awa", tmp_path / "karim"
    cli("init", awa, "--remote", str(remote))
    cli("-C", awa, "config", "user", "Awa Diallo", "awa@example.org")
    cli(
        "-C",
        awa,
        "new",
        "cr",
        "--title",
        "Point statut",
        "--entrepreneur",
        "Jean Dupont",
        "--no-edit",
    )
    cli("-C", awa, "sommaire")
    cli("-C", awa, "sync")
    cli("init", "--clone", str(remote), karim)
    cli("-C", karim, "config", "user", "Karim Benali", "karim@example.org")
    return Team(remote, awa, karim)


def the_note(folder: Path) -> str:
    [path] = [p.relative_to(folder).as_posix() for p in (folder / "cr").rglob("*.md")]
    return path


def conflict_on_both_sides(cli, team: Team) -> None:
    """Both coaches change the same line of the shared note; Awa shares hers first."""
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
