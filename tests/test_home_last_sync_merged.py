"""The home screen's last-sync line after a sync that merged: only what that sync changed in
this coach's notebook, and who changed it (not what the teammate changed in theirs)."""

from __future__ import annotations

from conftest import Team
from test_home_last_sync import new_cr


def last_sync_lines(cli, coach) -> list[str]:
    home = cli("-C", coach).stdout.splitlines()
    start = next(n for n, line in enumerate(home) if "Dernière synchronisation" in line)
    return [home[start]] + [line for line in home[start + 1 :] if line.startswith("  · ")]


def both_delete_rename_and_one_edits(cli, team: Team) -> dict[str, str]:
    """Both coaches delete one note and rename another the same way; Karim deletes a third,
    which Awa edits. Karim syncs first."""
    paths = {t: new_cr(cli, team.awa, t) for t in ("Ancienne", "Point CAF", "RDV")}
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    for coach in (team.awa, team.karim):
        cli("-C", coach, "rm", paths["Ancienne"], "--oui")
        cli("-C", coach, "mv", paths["RDV"], "RDV ACRE")
    cli("-C", team.karim, "rm", paths["Point CAF"], "--oui")
    with (team.awa / paths["Point CAF"]).open("a", encoding="utf-8") as handle:
        handle.write("Complété par Awa.\n")
    cli("-C", team.karim, "sync")
    return paths


def test_a_merge_that_changed_nothing_here_says_nothing_new(cli, team):
    both_delete_rename_and_one_edits(cli, team)
    cli("-C", team.awa, "sync")
    [line] = last_sync_lines(cli, team.awa)
    assert "rien de nouveau" in line, line
    assert "supprimée" not in line and "Karim" not in line, line
    karim = last_sync_lines(cli, team.karim)
    assert karim[0].startswith("Dernière synchronisation"), karim


def test_a_merge_names_only_what_it_changed_here_and_who(cli, team):
    both_delete_rename_and_one_edits(cli, team)
    new_cr(cli, team.karim, "Nouvelle")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    lines = last_sync_lines(cli, team.awa)
    assert "1 note changée par Karim Benali" in lines[0], lines
    assert "supprimée" not in lines[0], lines
    assert [line.split(" (")[0] for line in lines[1:]] == ["  · Nouvelle"], lines
