"""Two coaches writing in the same second: every listing orders their notes alike on both clones
(the notes' day, their time, then their paths), whichever clone saw which note first."""

from __future__ import annotations

import json

import pytest

SECOND = "2026-11-30T10:00:00"


@pytest.mark.parametrize("awa_writes", ["Appel", "Zut"])
def test_notes_of_one_second_list_alike_on_both_clones(cli, team, monkeypatch, awa_writes):
    """Each clone's index met its own note first and counted it first in that second: `list`,
    `fil`, `demandes` and `suivi` showed the two in a different order on each side."""
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, SECOND)
    monkeypatch.setenv("GAREFIL_TODAY", SECOND)
    titles = {team.awa: awa_writes, team.karim: "Zut" if awa_writes == "Appel" else "Appel"}
    for coach, title in titles.items():
        cli("-C", coach, "new", "demande", "-e", "Zoé Vidal", "--title", title, "--body", "x")
        cli("-C", coach, "list")  # its index knows its own note before the other's
    for coach in (team.awa, team.karim, team.awa):
        cli("-C", coach, "sync")

    def shown(coach) -> list[list[str]]:
        def ids(*args: str) -> list[str]:
            found = json.loads(cli("-C", coach, *args, "--json").stdout)
            items = found["steps"] if isinstance(found, dict) else found
            return [item.get("id") or item.get("path") for item in items]

        return [ids("list"), ids("fil", "Zoé Vidal"), ids("demandes"), ids("suivi")]

    awa, karim = shown(team.awa), shown(team.karim)
    assert len(awa[0]) == 2 and awa == karim
    for coach in titles:  # the site's list of every note, and the sommaire's pages
        cli("-C", coach, "site")
        cli("-C", coach, "sommaire")

    def page(coach, name: str) -> str:
        return (coach / name).read_text("utf-8")

    for name in (".garefil/site/pages/notes.html", "SOMMAIRE.md"):
        assert page(team.awa, name) == page(team.karim, name), name


def test_a_commit_comes_after_those_of_its_second_that_lead_to_it():
    """Places within one second hang on the history alone, never on the order commits are met."""
    from garefil.core.commit_order import places
    from garefil.core.freshness import Commit

    base = Commit(9, (), (), "base")
    awa = Commit(10, (), (), "awa", ("base",))
    karim = Commit(10, (), (), "karim", ("base",))
    merge = Commit(10, (), (), "merge", ("awa", "karim"))
    later = Commit(11, (), (), "later", ("merge",))
    for met in ([base, awa, karim, merge, later], [later, merge, karim, awa, base]):
        assert places(met, {}) == {
            "base": (9, 0), "awa": (10, 0), "karim": (10, 0), "merge": (10, 1), "later": (11, 0),
        }  # fmt: skip
    # a refresh meeting only the new commits places them after those the catalogue keeps
    again = places([Commit(10, (), (), "next", ("merge",))], {"merge": (10, 1)})
    assert again == {"next": (10, 2)}
