"""A note renamed or deleted with git itself (`git mv`, `git rm`, or `mv`/`rm` then `git add`):
`sync` records and shares it like any other hand change, and stays usable afterwards.

Git's default configuration (no identity, no init.defaultBranch).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Team, git
from test_sync_report import coaches, the_note

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")


def files(coach: Path) -> set[str]:
    """The note files of `coach`'s working copy (garefil's own files aside)."""
    return {p.relative_to(coach).as_posix() for p in coach.rglob("*.md") if ".git" not in p.parts}


def shared_and_joined(cli, team: Team, twice: bool = True) -> None:
    """Awa syncs (twice: each must succeed), then Karim brings her work in."""
    for _ in range(2 if twice else 1):
        cli("-C", team.awa, "sync")
    assert git(team.awa, "status", "--porcelain", "--", ".") == ""
    cli("-C", team.karim, "sync")
    assert files(team.karim) == files(team.awa)


def test_a_rename_made_with_git_mv_is_shared(cli, coaches):
    note = the_note(coaches.awa)
    git(coaches.awa, "mv", note, "point-renomme.md")
    shared_and_joined(cli, coaches)
    assert "point-renomme.md" in files(coaches.karim)
    assert note not in files(coaches.karim)


def test_a_deletion_made_with_git_rm_is_shared(cli, coaches):
    note = the_note(coaches.awa)
    git(coaches.awa, "rm", "-q", note)
    shared_and_joined(cli, coaches)
    assert note not in files(coaches.karim)


def test_a_rename_made_with_plain_mv_is_shared(cli, coaches):
    note = the_note(coaches.awa)
    (coaches.awa / note).rename(coaches.awa / "point-renomme.md")
    shared_and_joined(cli, coaches)
    assert "point-renomme.md" in files(coaches.karim)
    assert note not in files(coaches.karim)


def test_a_staged_rename_then_edited_is_shared_with_its_edit(cli, coaches):
    note = the_note(coaches.awa)
    git(coaches.awa, "mv", note, "point-renomme.md")
    with (coaches.awa / "point-renomme.md").open("a", encoding="utf-8") as handle:
        handle.write("Ajout après le renommage.\n")
    shared_and_joined(cli, coaches)
    assert note not in files(coaches.karim)
    text = (coaches.karim / "point-renomme.md").read_text(encoding="utf-8")
    assert "Ajout après le renommage." in text


def test_a_sync_that_left_a_staged_deletion_behind_recovers(cli, coaches):
    """What an older garefil left: the new name committed, the old one's deletion staged."""
    note = the_note(coaches.awa)
    git(coaches.awa, "mv", note, "point-renomme.md")
    git(coaches.awa, "commit", "-qm", "sync: 1 file changed outside garefil", "point-renomme.md")
    assert git(coaches.awa, "status", "--porcelain", "--", ".").startswith("D ")
    shared_and_joined(cli, coaches)
    assert note not in files(coaches.karim)
