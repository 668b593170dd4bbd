"""A note from another tool, its file name carrying no id of garefil's, renamed by a teammate:
`sync` and the home screen pair the rename by the one rule (core/renames.py), the note's id,
and both say it was renamed, with the name it had; never one note deleted and one added.

Git's default configuration (no identity, no init.defaultBranch, paths quoted by git).
"""

from __future__ import annotations

import pytest

from conftest import Team, git, publish_and_join
from test_sync_resolved import incoming_lines

pytestmark = pytest.mark.usefixtures("git_defaults")

IMPORTED = """---
id: 2024-03-12-reunion-partenaires
type: cr
title: Réunion partenaires
date: 2024-03-12
---
Compte rendu venu d'un autre outil.
"""
WITHOUT_ID = IMPORTED.replace("id: 2024-03-12-reunion-partenaires\n", "")
OLD = "cr/Réunion partenaires.md"


def shared_by_awa(cli, tmp_path, text: str) -> Team:
    """Awa shares a note another tool wrote, under the name that tool gave it."""

    def first(awa) -> None:
        (awa / "cr").mkdir(exist_ok=True)
        (awa / OLD).write_text(text, encoding="utf-8")

    return publish_and_join(cli, tmp_path, first)


def test_a_note_from_another_tool_renamed_by_a_teammate_reads_as_renamed_in_sync_and_home(
    cli, tmp_path
):
    team = shared_by_awa(cli, tmp_path, IMPORTED)
    cli("-C", team.karim, "mv", "2024-03-12-reunion-partenaires", "Réunion des partenaires")
    cli("-C", team.karim, "sync")
    said = cli("-C", team.awa, "sync").stderr
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Réunion des partenaires » (compte-rendu) — renommée (elle "
        "s'appelait « Réunion partenaires »)"
    ], said
    home = cli("-C", team.awa).stdout
    assert "1 note changée par Karim Benali" in home and "supprimée" not in home, home
    assert (
        "  · Réunion des partenaires (2024-03-12-reunion-partenaires) — renommée (elle "
        "s'appelait « Réunion partenaires »)" in home
    ), home


def test_a_note_without_any_id_renamed_by_hand_reads_as_renamed_in_sync_and_home(cli, tmp_path):
    """No id to pair by: git's own rename detection, in both, as `sync` reads each commit."""
    team = shared_by_awa(cli, tmp_path, WITHOUT_ID)
    git(team.karim, "mv", OLD, "cr/Réunion avec les partenaires.md")
    git(team.karim, "commit", "-qm", "renommée à la main")
    git(team.karim, "push", "-q", "origin", "HEAD")
    said = cli("-C", team.awa, "sync").stderr
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Réunion partenaires » (compte-rendu) — renommée"
    ], said
    home = cli("-C", team.awa).stdout
    assert "1 note changée par Karim Benali" in home and "supprimée" not in home, home
    assert "  · Réunion partenaires (cr/Réunion avec les partenaires)" in home, home
