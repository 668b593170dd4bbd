"""The coach who deleted a note that a teammate changed meanwhile hears that it came back.

The teammate's sync keeps the changed note (edited beats deleted); the deleter's next sync
brings it back, and must say why rather than report a plain change to a note they deleted.
"""

from __future__ import annotations

import json

from conftest import Team, git


def deleted_by_karim_changed_by_awa(cli, team: Team) -> str:
    """A shared note Karim deleted (and shared) while Awa was adding a line to it."""
    new = ("new", "cr", "--title", "Troisième CR", "--entrepreneur", "Jean Dupont", "--no-edit")
    cli("-C", team.awa, *new)
    path = json.loads(cli("-C", team.awa, "list", "--json").stdout)[0]["path"]
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.karim, "rm", path, "--oui")
    cli("-C", team.karim, "sync")
    with (team.awa / path).open("a", encoding="utf-8") as handle:
        handle.write("Awa complète le CR.\n")
    cli("-C", team.awa, "sync")  # kept there, with Awa's line
    return path


def test_the_deleter_hears_the_note_came_back_because_it_was_changed(cli, team):
    path = deleted_by_karim_changed_by_awa(cli, team)
    said = cli("-C", team.karim, "sync").stderr
    assert (
        "Awa Diallo : note « Troisième CR » (compte-rendu, Jean Dupont) — de retour : "
        "vous l'aviez supprimée, "
        "mais elle a été modifiée entre-temps" in said
    )
    assert "rien n'est perdu" in said and "— modifiée" not in said
    assert "Awa complète le CR." in (team.karim / path).read_text(encoding="utf-8")
    again = json.loads(cli("-C", team.karim, "sync", "--json").stdout)
    assert again["incoming"] == []  # said once


def test_the_json_report_marks_the_note_as_restored(cli, team):
    path = deleted_by_karim_changed_by_awa(cli, team)
    [change] = json.loads(cli("-C", team.karim, "sync", "--json").stdout)["incoming"]
    assert change["path"] == path and change["change"] == "modified" and change["restored"]


def test_a_note_back_on_the_teammates_side_then_deleted_there_is_not_news_of_a_deletion(cli, team):
    """Karim deleted the note; Awa's change kept it on her side; she deletes it in turn. Karim
    had it deleted all along: he hears the note (by its title) stays deleted, not that a file
    of his was deleted."""
    path = deleted_by_karim_changed_by_awa(cli, team)
    cli("-C", team.awa, "rm", path, "--oui")
    cli("-C", team.awa, "sync")
    before = git(team.karim, "rev-parse", "HEAD").strip()
    said = cli("-C", team.karim, "sync").stderr
    lines = [line for line in said.splitlines() if line.startswith("↓")]
    assert lines == [
        "↓ Awa Diallo : note « Troisième CR » (compte-rendu, Jean Dupont) — supprimée de son "
        "côté aussi : elle reste supprimée, comme ici"  # hers alone
    ], said
    assert not (team.karim / path).exists()
    git(team.karim, "reset", "-q", "--hard", before)
    [change] = json.loads(cli("-C", team.karim, "sync", "--json").stdout)["incoming"]
    assert (change["path"], change["change"], change["gone_here"]) == (path, "deleted", True)
