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


def test_a_note_changed_on_both_sides_the_same_day_tells_its_story_alike(cli, team, monkeypatch):
    """Awa closes a request at 10:00 while Karim adds a line to it at 11:00; a report is written
    at 10:30. Each clone kept as the request's last change the one it met last (its teammate's,
    at the sync): the closing came before the report on one side, after it on the other."""

    def at(hour: str, coach, *args: str) -> str:
        for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
            monkeypatch.setenv(name, f"2026-11-30T{hour}:00")
        return cli("-C", coach, *args).stdout.split("\t")[0]

    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30")
    request = at("09:00", team.awa, "new", "demande", "-e", "Zoé Vidal", "--body", "Question.")
    at("09:05", team.awa, "sync")
    at("09:10", team.karim, "sync")
    at("10:00", team.awa, "demande", "clore", request)
    at("10:30", team.awa, "new", "cr", "-e", "Zoé Vidal", "--body", "Appel.")
    path = next(team.karim.rglob(f"*{request.rsplit('-', 1)[1]}.md"))
    path.write_text(path.read_text("utf-8") + "Ajout de Karim.\n", "utf-8")
    at("11:00", team.karim, "list")  # Karim's index meets his change before it is recorded
    for hour, coach in (("11:00", team.karim), ("11:05", team.awa), ("11:10", team.karim)):
        at(hour, coach, "sync")
        at(hour, coach, "list")

    def story(coach) -> list[str]:
        steps = json.loads(cli("-C", coach, "fil", "Zoé Vidal", "--json").stdout)["steps"]
        return [step["kind"] for step in steps]

    assert "closed" in story(team.awa) and story(team.awa) == story(team.karim)
