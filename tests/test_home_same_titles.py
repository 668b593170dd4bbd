"""The home screen tells apart the notes it lists under one title: several « Premier contact »
brought by a sync each say whose they are, as `list` shows it."""

from __future__ import annotations


def brought_lines(home: str) -> list[str]:
    return [line for line in home.splitlines() if line.startswith("  · ")]


def test_several_first_contacts_brought_by_a_sync_name_their_entrepreneur(cli, team):
    for person in ("Lina Roy", "Chloé Martin"):
        new = ("new", "cr", "-e", person, "--title", "Premier contact", "--body", "x")
        cli("-C", team.karim, *new)
    cli("-C", team.karim, "new", "cr", "-e", "Jean Dupont", "--title", "Arrivée", "--body", "x")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    lines = brought_lines(cli("-C", team.awa).stdout)
    shown = sorted(line.split(" (")[0] for line in lines)
    assert shown == [
        "  · Arrivée",  # a title no other note shares: left as it is
        "  · Premier contact — Chloé Martin",
        "  · Premier contact — Lina Roy",
    ], lines
