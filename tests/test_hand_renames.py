"""A note renamed outside garefil (`git mv`, a file manager) is one change wherever the changes
made by hand are counted: `status`, the home screen, `sync` and its commit message."""

from __future__ import annotations

import json

from conftest import git


def _note(cli, coach, title: str) -> str:
    out = cli("-C", coach, "new", "cr", "-e", "Lina Roy", "--title", title, "--body", "x")
    return out.stdout.split("\t")[1].strip()


def test_a_note_renamed_by_hand_is_one_change_not_two_files(cli, team):
    """`git mv` of one note was said « 2 fichiers modifiés hors de garefil »."""
    moved, other = _note(cli, team.awa, "Point"), _note(cli, team.awa, "Autre")
    cli("-C", team.awa, "sync")
    renamed = moved.replace(".md", "-tva.md")
    git(team.awa, "mv", moved, renamed)
    status = cli("-C", team.awa, "status").stdout
    assert "Fichiers modifiés à enregistrer au prochain sync : 0" in status, status
    assert "Notes renommées hors de garefil, à enregistrer au prochain sync : 1" in status
    assert f"  {moved} → {renamed}" in status
    told = json.loads(cli("-C", team.awa, "status", "--json").stdout)["renamed"]
    assert told == [{"old_path": moved, "path": renamed}]
    assert "À partager : 1 note renommée — `garefil sync`" in cli("-C", team.awa).stdout
    said = cli("-C", team.awa, "sync").stderr
    assert "1 note renommée hors de garefil a été enregistrée." in said, said
    assert "fichier" not in said and "↑ 1 note partagée." in said
    assert git(team.awa, "log", "-1", "--format=%s") == "sync : 1 note renommée hors de garefil\n"
    # moved in a file manager (nothing staged), beside another note edited: each said once
    (team.awa / renamed).rename(team.awa / moved.replace(".md", "-bis.md"))
    (team.awa / other).write_text((team.awa / other).read_text("utf-8") + "Ajout.\n", "utf-8")
    assert "À partager : 1 note renommée, 1 fichier modifié" in cli("-C", team.awa).stdout
    said = cli("-C", team.awa, "sync").stderr
    assert "1 note renommée hors de garefil a été enregistrée." in said, said
    assert "1 fichier modifié hors de garefil a été enregistré." in said
    subject = git(team.awa, "log", "-1", "--format=%s")
    assert subject == "sync : 1 note renommée et 1 fichier modifié hors de garefil\n"
    cli("-C", team.karim, "sync")
    assert (team.karim / moved.replace(".md", "-bis.md")).exists()
    assert not (team.karim / moved).exists() and not (team.karim / renamed).exists()


def test_a_note_from_another_tool_moved_with_git_mv_is_one_change(cli, team):
    """Without an id to tell, git's own pairing of what is staged says it is renamed."""
    (team.awa / "divers").mkdir()
    (team.awa / "divers" / "vieille.md").write_text("# Notes d'avant\n\nUn texte.\n", "utf-8")
    cli("-C", team.awa, "sync")
    git(team.awa, "mv", "divers/vieille.md", "divers/ancienne.md")
    assert "À partager : 1 note renommée — `garefil sync`" in cli("-C", team.awa).stdout
    said = cli("-C", team.awa, "sync").stderr
    assert "1 note renommée hors de garefil a été enregistrée." in said, said
