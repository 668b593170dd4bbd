"""The coach who shared first hears, on the note's own line, that her version became the copy.

Awa shares her edit (and a new title) first; Karim's sync meets them and keeps his own in
place, hers becoming copies in her name. Awa's next sync brings both: each line must say the
note is in conflict and name the copy that holds her version, and « encore » (conflicts she
already knew about) must not be said of conflicts she hears of for the first time.
"""

from __future__ import annotations

import json

import pytest

from test_sync_report import coaches, conflict_on_both_sides
from test_sync_resolved import incoming_lines

__all__ = ["coaches"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("git_defaults")

WHO = "↓ Karim Benali : "


def a_second_note(cli, team) -> None:
    """A second note, shared with Karim."""
    cli("-C", team.awa, "new", "note", "--title", "Compta", "--no-edit")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")


def renamed_both_ways(cli, team) -> None:
    """Each coach renames the second note to another title; Awa shares hers first."""
    for folder, title in ((team.awa, "Comptabilité annuelle"), (team.karim, "Compta Sean")):
        [note] = [p for p in folder.rglob("*compta*.md")]
        cli("-C", folder, "mv", note.relative_to(folder).as_posix(), title)
    cli("-C", team.awa, "sync")


def copies(folder) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.conflit-*.md"))


def test_the_coach_who_shared_first_is_told_each_note_in_conflict_and_its_copy(cli, coaches):
    a_second_note(cli, coaches)
    conflict_on_both_sides(cli, coaches)  # Awa's sync shares her edit first
    renamed_both_ways(cli, coaches)
    cli("-C", coaches.karim, "sync", code=9)
    said = cli("-C", coaches.awa, "sync", code=9).stderr
    [compta] = [c for c in copies(coaches.awa) if "compta" in c]
    [statut] = [c for c in copies(coaches.awa) if "statut" in c]
    assert "awa-diallo" in statut and "awa-diallo" in compta, said
    lines = incoming_lines(said)
    assert (
        WHO + "note « Point statut » (compte-rendu, Jean Dupont) — modifiée : en conflit, votre "
        f"version est maintenant la copie {statut}"
    ) in lines, said
    assert any(
        line.startswith(WHO + "note « Compta Sean » — renommée")
        and line.endswith(f"en conflit, votre version est maintenant la copie {compta}")
        for line in lines
    ), said
    assert "encore" not in said, said
    assert said.strip().splitlines()[-1].startswith("Les deux versions sont gardées"), said
    # Known now: the next sync says they still wait.
    assert "attendent encore" in cli("-C", coaches.awa, "sync", code=9).stderr


def test_the_json_report_gives_where_each_note_in_conflict_is_and_its_copy(cli, coaches):
    a_second_note(cli, coaches)
    renamed_both_ways(cli, coaches)
    report = json.loads(cli("-C", coaches.karim, "sync", "--json", code=9).stdout)
    [change] = [c for c in report["incoming"] if "compta" in c["path"]]
    [copy] = copies(coaches.karim)
    # Renamed on both sides: the note is here under Karim's name, Awa's title in the copy.
    assert (coaches.karim / change["path"]).is_file(), report
    assert (change["in_conflict"], change["copy"]) == (True, copy), report
    report = json.loads(cli("-C", coaches.awa, "sync", "--json", code=9).stdout)
    [change] = [c for c in report["incoming"] if "compta" in c["path"]]
    assert (coaches.awa / change["path"]).is_file(), report
    assert (change["in_conflict"], change["copy"]) == (True, copy), report
