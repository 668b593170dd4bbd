"""Deleting and renaming notes with garefil, for the whole team."""

from __future__ import annotations

import json

from conftest import git
from test_sharing import clean, edit_body, listed, new_note, shared_note, sync


def test_rm_deletes_and_commits_and_the_other_coach_gets_the_deletion(cli, team):
    path = shared_note(cli, team, "À supprimer")
    result = cli("-C", team.awa, "rm", path, "--oui")
    assert "supprimée" in result.stderr and not (team.awa / path).exists() and clean(team.awa)
    assert git(team.awa, "log", "-1", "--format=%s").strip().endswith("— supprimée")
    sync(cli, team.awa)
    report = json.loads(cli("-C", team.karim, "sync", "--json").stdout)
    assert report["incoming"][0]["change"] == "deleted" and report["committed"] == []
    assert path not in listed(cli, team.karim)


def test_rm_of_an_unknown_note_is_refused(cli, notebook):
    cli("-C", notebook, "rm", "inconnue", "--oui", code=4)


def test_mv_renames_the_file_with_the_title_as_one_rename(cli, notebook):
    note_id, path = new_note(cli, notebook, "Ancien titre")
    result = cli("-C", notebook, "mv", note_id, "Nouveau titre")
    [moved] = [n for n in listed(cli, notebook).values() if n["id"] == note_id]
    assert moved["title"] == "Nouveau titre" and "nouveau-titre" in moved["path"]
    assert moved["path"] in result.stderr and not (notebook / path).exists() and clean(notebook)
    status = git(notebook, "show", "--name-status", "-M", "--format=", "HEAD").split()
    assert status[0].startswith("R") and status[1:] == [path, moved["path"]]
    history = json.loads(cli("-C", notebook, "history", note_id, "--json").stdout)
    assert len(history) == 2  # the rename is followed back to the note's creation


def test_mv_to_an_explicit_path_never_overwrites(cli, notebook):
    note_id, path = new_note(cli, notebook, "Une")
    _, other = new_note(cli, notebook, "Autre")
    cli("-C", notebook, "mv", note_id, "--chemin", other, code=6)
    assert (notebook / path).exists()
    cli("-C", notebook, "mv", note_id, "--chemin", "archives/une.md")
    assert (notebook / "archives" / "une.md").exists() and clean(notebook)


def test_delete_against_edit_is_settled_and_status_agrees(cli, team):
    path = shared_note(cli, team, "À garder")
    cli("-C", team.awa, "rm", path, "--oui")
    edit_body(team.karim, path, "Karim complète la note.")
    sync(cli, team.awa)
    result = cli("-C", team.karim, "sync")  # exit 0: nothing is left to resolve
    assert "gardée" in result.stderr and "garefil rm" in result.stderr
    assert "garefil resolve" not in result.stderr
    assert json.loads(cli("-C", team.karim, "status", "--json").stdout)["conflicts"] == []
    assert "Karim complète la note." in (team.karim / path).read_text(encoding="utf-8")


def test_mv_renames_the_heading_that_said_the_old_title_and_no_other(cli, notebook):
    note_id, path = new_note(cli, notebook, "Ancien titre")
    assert "# Ancien titre\n" in (notebook / path).read_text(encoding="utf-8")
    moved = cli("-C", notebook, "mv", note_id, "Nouveau titre").stderr
    [new_path] = [p for p in listed(cli, notebook) if "nouveau-titre" in p]
    assert new_path in moved
    text = (notebook / new_path).read_text(encoding="utf-8")
    assert "# Nouveau titre\n" in text and "Ancien titre" not in text
    # written by another tool: CRLF, the heading spelt another way, then the coach's own words
    other = notebook / "divers" / "autre.md"
    other.parent.mkdir(exist_ok=True)
    other.write_bytes(b"---\r\ntitle: Point CAF\r\n---\r\n\r\n#  point  caf \r\n\r\nTexte.\r\n")
    kept = notebook / "divers" / "garde.md"
    kept.write_text("---\ntitle: Point CAF\n---\n\n# Mes notes du jour\n", encoding="utf-8")
    git(notebook, "add", "divers")
    git(notebook, "commit", "-q", "-m", "notes written by another tool")
    cli("-C", notebook, "mv", "divers/autre.md", "Prime CAF")
    renamed = (notebook / "divers" / "prime-caf.md").read_bytes()
    assert b"\r\n#  Prime CAF \r\n\r\nTexte.\r\n" in renamed and b"title: Prime CAF\r\n" in renamed
    cli("-C", notebook, "mv", "divers/garde.md", "Prime d'activité")
    text = (notebook / "divers" / "prime-d-activite.md").read_text(encoding="utf-8")
    assert "# Mes notes du jour\n" in text and "title: Prime d'activité" in text


def test_a_note_kept_against_a_deletion_is_said_kept_once_never_deleted(cli, team):
    path = shared_note(cli, team, "À garder")
    cli("-C", team.awa, "rm", path, "--oui")
    # Awa did other things too: the sync brings her commits, the deletion among them
    cli("-C", team.awa, "new", "pad", "--title", "Liens utiles", "--body", "https://exemple.org")
    cli("-C", team.karim, "tag", path, "urssaf")
    sync(cli, team.awa)
    said = cli("-C", team.karim, "sync").stderr
    assert (team.karim / path).exists()
    assert "supprimée" not in said.split("⚠")[0], said  # before the one warning
    assert said.count("À garder") + said.count(path) == 1, said
    assert "gardée" in said and "Liens utiles" in said
    report = json.loads(cli("-C", team.awa, "sync", "--json").stdout)
    assert [c["change"] for c in report["incoming"] if c["path"] == path] == ["modified"]


def test_mv_says_the_file_name_stays_when_only_the_title_s_accents_change(cli, notebook):
    cli("-C", notebook, "new", "note", "--title", "Accents é", "--body", "x")
    [before] = (notebook / "divers").rglob("*.md")
    said = cli("-C", notebook, "mv", before.stem.rsplit("-", 1)[-1], "Accents è").stderr
    [after] = (notebook / "divers").rglob("*.md")
    assert after == before and "« Accents è »" in said and "maintenant divers" not in said, said


def test_a_fiche_renamed_keeps_the_file_name_creation_gives_it(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy")
    [made] = (notebook / "fiches").glob("*.md")
    assert "-fiche-lina-roy-" in made.name
    cli("-C", notebook, "mv", made.stem.rsplit("-", 1)[-1], "Fiche — Lina R")
    [renamed] = (notebook / "fiches").glob("*.md")
    assert renamed.name == made.name
