"""A request nobody in the team holds belongs to the whole team: every coach's home screen shows
it, and the meeting agenda lists it, as `suivi` does."""

from __future__ import annotations

import pytest

from conftest import git


@pytest.fixture
def team_notebook(cli, notebook):
    for member in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", member)
    return notebook


def test_a_request_without_referent_is_on_every_coach_s_home_screen(cli, team):
    for member in ("Awa Diallo", "Karim Benali"):
        cli("-C", team.awa, "config", "membre", "ajouter", member)
    asked = ("-e", "Malik Traoré", "--title", "Créer son activité", "--no-edit")
    cli("-C", team.awa, "new", "demande", *asked)
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    assert "Malik Traoré" in cli("-C", team.karim, "suivi").stdout
    for coach in (team.awa, team.karim):
        home = cli("-C", coach).stdout
        assert "Malik Traoré" in home and "Rien n'attend" not in home


def test_a_request_whose_referent_left_the_team_is_on_the_agenda(cli, team_notebook):
    (team_notebook / "demandes").mkdir()
    (team_notebook / "demandes" / "bob.md").write_text(
        "---\nid: 2026-11-02-demande-bob01\ntype: demande\ntitle: Statut juridique\n"
        "date: 2026-11-02\nentrepreneur: Yann Martin\nreferent: Bob Parti\nstatus: ouverte\n---\n",
        encoding="utf-8",
    )
    git(team_notebook, "add", "-A")
    git(team_notebook, "commit", "-qm", "demande écrite à la main")
    assert "Yann Martin" in cli("-C", team_notebook).stdout
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    [meeting] = (team_notebook / "reunions").rglob("*.md")
    agenda = meeting.read_text(encoding="utf-8").split("Demandes sans référent·e", 1)[1]
    assert "Statut juridique — Yann Martin" in agenda.split("\n#", 1)[0]
    assert "Bob Parti" in agenda.split("\n#", 1)[0]
