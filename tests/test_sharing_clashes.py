"""Clashes sync used to leave stuck: both coaches renaming one note, copies still waiting."""

from __future__ import annotations

import json
import subprocess

from conftest import git
from test_sharing import clean, copies, listed, shared_note, sync


def rename_on_both_sides(cli, team, path: str) -> None:
    """Awa renames the note and shares it; Karim renames it his own way, not yet shared."""
    cli("-C", team.awa, "mv", path, "Titre Awa")
    sync(cli, team.awa)
    cli("-C", team.karim, "mv", path, "Titre Karim")


def one_note_and_its_copy(cli, folder) -> tuple[str, str]:
    notes = listed(cli, folder)
    assert len(notes) == 1 and clean(folder)
    [path] = notes
    [copy] = [p.relative_to(folder).as_posix() for p in copies(folder)]
    assert "titre-karim" in path and ".conflit-awa-diallo" in copy
    assert "Titre Awa" in (folder / copy).read_text(encoding="utf-8")
    return path, copy


def test_both_coaches_renaming_one_note_keep_one_note_and_a_copy(cli, team):
    path = shared_note(cli, team, "Point statut")
    rename_on_both_sides(cli, team, path)
    result = sync(cli, team.karim, code=9)
    assert "conflit" in result.stderr.lower()
    note, copy = one_note_and_its_copy(cli, team.karim)
    status = json.loads(cli("-C", team.karim, "status", "--json").stdout)
    assert status["conflicts"] == [{"note": note, "copy": copy}] and status["unfinished"] is None
    cli("-C", team.karim, "show", listed(cli, team.karim)[note]["id"])  # one id, one note
    cli("-C", team.karim, "resolve", note)
    sync(cli, team.karim)
    sync(cli, team.awa)
    assert listed(cli, team.awa).keys() == {note} and clean(team.awa)


def test_an_interrupted_merge_of_two_renames_is_finished_by_the_next_sync(cli, team):
    path = shared_note(cli, team, "Point statut")
    rename_on_both_sides(cli, team, path)
    git(team.karim, "fetch", "-q")
    merge = subprocess.run(["git", "merge", "origin/main"], cwd=team.karim, capture_output=True)
    assert merge.returncode != 0 and (team.karim / ".git" / "MERGE_HEAD").exists()
    result = cli("-C", team.karim, "sync", "--json", code=9)
    assert "merge" in json.loads(result.stdout)["recovered"]
    assert not (team.karim / ".git" / "MERGE_HEAD").exists()
    one_note_and_its_copy(cli, team.karim)


def test_both_renaming_to_the_same_title_merges_quietly(cli, team):
    path = shared_note(cli, team, "Point statut")
    cli("-C", team.awa, "mv", path, "Même titre")
    sync(cli, team.awa)
    cli("-C", team.karim, "mv", path, "Même titre")
    sync(cli, team.karim)
    [note] = listed(cli, team.karim)
    assert "meme-titre" in note and not copies(team.karim) and clean(team.karim)


def test_a_sync_while_a_copy_still_waits_says_so_and_exits_9(cli, team):
    path = shared_note(cli, team, "Point statut")
    rename_on_both_sides(cli, team, path)
    sync(cli, team.karim, code=9)
    again = cli("-C", team.karim, "sync", "--json", code=9)
    note, copy = one_note_and_its_copy(cli, team.karim)
    assert json.loads(again.stdout)["waiting"] == [{"note": note, "copy": copy}]
    said = sync(cli, team.karim, code=9).stderr
    assert "conflits attendent encore" in said and "à jour" not in said
    cli("-C", team.karim, "resolve", note)
    assert "à jour" in sync(cli, team.karim).stderr
