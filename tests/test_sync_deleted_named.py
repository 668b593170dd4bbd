"""A note deleted on one side and changed on the other: `sync` names the teammate who did it.

Every other line of `sync` names the teammate; these said « quelqu'un d'autre » even when git
knows who. Git's default configuration, as in test_sync_resolved.py.
"""

from __future__ import annotations

import pytest

from test_sync_report import coaches, the_note

__all__ = ["coaches"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("git_defaults")


def add_a_line(folder, path: str, line: str) -> None:
    with (folder / path).open("a", encoding="utf-8") as handle:
        handle.write(line)


def test_the_coach_who_changed_a_note_hears_who_deleted_it(cli, coaches):
    path = the_note(coaches.awa)
    cli("-C", coaches.karim, "rm", path, "--oui")
    cli("-C", coaches.karim, "sync")
    add_a_line(coaches.awa, path, "Chez Awa.\n")
    said = cli("-C", coaches.awa, "sync").stderr
    assert f"{path} a été supprimée par Karim Benali mais modifiée ici" in said, said
    assert "quelqu'un d'autre" not in said, said


def test_the_coach_who_deleted_a_note_hears_who_changed_it(cli, coaches):
    path = the_note(coaches.awa)
    add_a_line(coaches.awa, path, "Chez Awa.\n")
    cli("-C", coaches.awa, "sync")
    cli("-C", coaches.karim, "rm", path, "--oui")
    said = cli("-C", coaches.karim, "sync").stderr
    assert f"{path} a été supprimée ici mais modifiée entre-temps par Awa Diallo" in said, said
    assert "quelqu'un d'autre" not in said, said


def test_a_note_renamed_here_and_deleted_there_names_who_and_under_which_name(cli, coaches):
    old = the_note(coaches.awa)
    cli("-C", coaches.karim, "rm", old, "--oui")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "mv", old, "Statut 2")
    said = cli("-C", coaches.awa, "sync").stderr
    new = the_note(coaches.awa)
    assert (
        f"{new} a été supprimée par Karim Benali sous son ancien nom ({old}) mais renommée ici"
    ) in said, said
