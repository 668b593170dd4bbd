"""Two notes written from the same template are alike, and git's merge took a note deleted on
one side and a new one written there for one note renamed: the other coach's changes went into
the new note, or the new note was said deleted here. A note's id tells them apart."""

from __future__ import annotations

import pytest

from conftest import git

EDIT = "Awa ajoute ce point.\n"


def _from_template(cli, coach, title: str) -> str:
    out = cli("-C", coach, "new", "cr", "-e", "Lina Roy", "--title", title, "--no-edit")
    return out.stdout.split("\t")[1].strip()


@pytest.fixture
def template_alike(cli, team):
    """Awa's note X, shared; Karim deletes it and writes Y from the same template (git finds
    them three-quarters alike), and shares that first."""
    x = _from_template(cli, team.awa, "Point mensuel")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.karim, "rm", x, "--yes")
    y = _from_template(cli, team.karim, "Point mensuel bis")
    cli("-C", team.karim, "sync")
    return x, y


def test_a_note_changed_here_and_deleted_there_is_kept_apart_from_the_new_one(
    cli, team, template_alike
):
    x, y = template_alike
    text = (team.awa / x).read_text("utf-8")
    (team.awa / x).write_text(text.replace("## Contexte\n", "## Contexte\n\n" + EDIT), "utf-8")
    said = cli("-C", team.awa, "sync").stderr
    assert f"{x} a été supprimée par Karim Benali mais modifiée ici" in said, said
    for coach in (team.karim, team.awa):
        cli("-C", coach, "sync")
        assert EDIT in (coach / x).read_text("utf-8")  # where Awa wrote it
        assert EDIT not in (coach / y).read_text("utf-8")  # not in Karim's new note
        assert "Point mensuel bis" in (coach / y).read_text("utf-8")


def test_a_new_note_like_one_deleted_on_both_sides_is_no_note_deleted_here(
    cli, team, template_alike
):
    x, y = template_alike
    cli("-C", team.awa, "rm", x, "--yes")
    said = cli("-C", team.awa, "sync").stderr
    assert "supprimée ici" not in said and "⚠" not in said, said
    assert "« Point mensuel bis » (compte-rendu, Lina Roy) — ajoutée" in said
    assert not (team.awa / x).exists() and (team.awa / y).exists()
    assert git(team.awa, "status", "--porcelain") == ""


def test_the_same_when_the_coach_who_wrote_the_new_note_merges(cli, team):
    """Git's pair is then on this side: Karim's deletion and new note, Awa's change shared."""
    x = _from_template(cli, team.awa, "Point mensuel")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    text = (team.awa / x).read_text("utf-8")
    (team.awa / x).write_text(text.replace("## Contexte\n", "## Contexte\n\n" + EDIT), "utf-8")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "rm", x, "--yes")
    y = _from_template(cli, team.karim, "Point mensuel bis")
    said = cli("-C", team.karim, "sync").stderr
    assert f"{x} a été supprimée ici mais modifiée entre-temps par Awa Diallo" in said, said
    assert EDIT in (team.karim / x).read_text("utf-8")
    assert EDIT not in (team.karim / y).read_text("utf-8")
