"""A conflict a teammate settled tells each coach whose version was kept, and where the other is.

Awa shares her edit first; Karim's sync meets it and keeps his own in place, hers becoming the
copy in her name. When Karim settles it by keeping the note, Awa's text leaves the note: her
sync must say so, and how to read it again. Git's default configuration, as in
test_sync_resolved.py.
"""

from __future__ import annotations

import shlex

import pytest

from conftest import Team, git
from test_sync_report import coaches, conflict_on_both_sides, the_note
from test_sync_resolved import incoming_lines

__all__ = ["coaches"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("git_defaults")

LINE = "↓ Karim Benali : note « Point statut » (compte-rendu, Jean Dupont) — "


def settled_by_karim(cli, team: Team, *how: str) -> str:
    """Karim meets the conflict and settles it at once (Awa does not sync meanwhile)."""
    conflict_on_both_sides(cli, team)
    cli("-C", team.karim, "sync", code=9)
    [copy] = [p for p in (team.karim / "cr").rglob("*.md") if ".conflit-" in p.name]
    target = copy if how else copy.with_name(copy.name.split(".conflit-")[0] + ".md")
    cli("-C", team.karim, "resolve", target.relative_to(team.karim).as_posix(), *how)
    cli("-C", team.karim, "sync")
    return copy.relative_to(team.karim).as_posix()


def test_a_coach_whose_version_was_set_aside_is_told_and_can_read_it_again(cli, coaches):
    copy = settled_by_karim(cli, coaches)
    said = cli("-C", coaches.awa, "sync").stderr
    [line] = incoming_lines(said)
    assert line.startswith(
        LINE + "conflit résolu en gardant la version de Karim Benali ; la vôtre est mise de côté"
    ), said
    assert "Chez Awa." not in (coaches.awa / the_note(coaches.awa)).read_text(encoding="utf-8")
    # The command the line gives is garefil's (coaches are not developers), and it shows the
    # copy, gone from the notebook, as the version before Karim's resolution held it.
    assert "git show" not in said, said
    command = shlex.split(said.split("`garefil show ")[1].split("`")[0])
    assert command[0] == copy and command[1] == "--version", said
    shown = cli("-C", coaches.awa, "show", *command)
    assert "Chez Awa." in shown.stdout
    assert "telle qu'elle était dans la version " + command[2] in shown.stderr
    # The home screen tells what the sync told: the copy was Karim's sync's, removed by his
    # resolution, never a note of Awa's deleted.
    home = cli("-C", coaches.awa).stdout
    assert "1 note changée par Karim Benali" in home and "supprimée" not in home, home


def test_a_coach_whose_version_was_taken_is_told_so(cli, coaches):
    settled_by_karim(cli, coaches, "--take-other")
    said = cli("-C", coaches.awa, "sync").stderr
    assert incoming_lines(said) == [LINE + "conflit résolu en gardant votre version"], said
    assert "Chez Awa." in (coaches.awa / the_note(coaches.awa)).read_text(encoding="utf-8")


def test_resolve_says_how_to_read_the_version_it_set_aside(cli, coaches):
    conflict_on_both_sides(cli, coaches)
    cli("-C", coaches.karim, "sync", code=9)
    [copy] = [p for p in (coaches.karim / "cr").rglob("*.md") if ".conflit-" in p.name]
    note = copy.with_name(copy.name.split(".conflit-")[0] + ".md").relative_to(coaches.karim)
    said = cli("-C", coaches.karim, "resolve", note.as_posix()).stderr
    assert "La version mise de côté reste dans l'historique : `garefil show " in said, said
    command = shlex.split(said.split("`garefil show ")[1].split("`")[0])
    assert command[0] == copy.relative_to(coaches.karim).as_posix(), said
    assert "Chez Awa." in cli("-C", coaches.karim, "show", *command).stdout


def test_taking_one_of_several_copies_sets_aside_the_note_s_version_only(cli, coaches):
    """The note's version is set aside and said with the command that reads it; a third
    version, in another copy, still waits for its own `resolve`."""
    conflict_on_both_sides(cli, coaches)
    cli("-C", coaches.karim, "sync", code=9)
    [copy] = [p for p in (coaches.karim / "cr").rglob("*.md") if ".conflit-" in p.name]
    note = copy.with_name(copy.name.split(".conflit-")[0] + ".md")
    third = note.with_name(note.stem + ".conflit-lea-roy.md")
    third.write_text(note.read_text(encoding="utf-8") + "Chez Léa.\n", encoding="utf-8")
    git(coaches.karim, "add", "-A")
    git(coaches.karim, "commit", "-qm", "une troisième version")
    taken = copy.relative_to(coaches.karim).as_posix()
    said = cli("-C", coaches.karim, "resolve", taken, "--prendre-l-autre").stderr
    [command] = [shlex.split(part.split("`")[0]) for part in said.split("`garefil show ")[1:]]
    assert command[0] == note.relative_to(coaches.karim).as_posix(), said
    assert "Chez Karim." in cli("-C", coaches.karim, "show", *command).stdout
    assert "Chez Awa." in note.read_text(encoding="utf-8") and third.is_file()
