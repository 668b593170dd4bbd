"""A header's value (an id written by hand, by a teammate) never becomes a path leading out of
the folder garefil writes in, and `jardin` points at the ids no file name can be made of."""

from __future__ import annotations

import json

from conftest import git

HOSTILE = """---
id: {id}
type: rdv
title: RDV
date: 2030-01-10T10:00
entrepreneur: Lina Roy
referent: Awa Diallo
status: prévu
---
"""


def _commit_by_hand(notebook, path, text):
    (notebook / path).parent.mkdir(parents=True, exist_ok=True)
    (notebook / path).write_text(text)
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "à la main")


def test_an_invitation_named_after_a_hostile_id_stays_in_its_folder(cli, notebook, monkeypatch):
    _commit_by_hand(notebook, "rdv/2030/x.md", HOSTILE.format(id="../../../evasion"))
    monkeypatch.chdir(notebook)
    said = cli("rdv", "ics", "rdv/2030/x.md").stderr
    assert not (notebook.parent / "evasion.ics").exists()
    assert not (notebook / "evasion.ics").exists()
    assert (notebook / ".garefil" / "invitations" / "evasion.ics").exists()
    assert ".garefil/invitations/evasion.ics" in said


def test_an_invitation_written_outside_the_notebook_stays_in_the_folder_it_is_asked_in(
    cli, notebook, tmp_path, monkeypatch
):
    _commit_by_hand(notebook, "rdv/2030/x.md", HOSTILE.format(id="../sous/evasion"))
    here = tmp_path / "ailleurs" / "ici"
    here.mkdir(parents=True)
    monkeypatch.chdir(here)
    cli("-C", notebook, "rdv", "ics", "rdv/2030/x.md")
    assert [p.name for p in here.iterdir()] == ["sous-evasion.ics"]
    assert not (tmp_path / "ailleurs" / "sous").exists()


def test_jardin_points_at_an_id_no_file_name_can_be_made_of(cli, notebook):
    for number, hostile in enumerate(("../../x", "a/b", "a\\\\b", "a\\tb")):
        _commit_by_hand(notebook, f"rdv/2030/n{number}.md", HOSTILE.format(id=f'"{hostile}"'))
    found = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    flagged = [f for f in found if f["kind"] == "id-invalide"]
    assert [f["path"] for f in flagged] == [f"rdv/2030/n{n}.md" for n in range(4)]
    assert all(f["command"].startswith("garefil edit") for f in flagged)
    cli("-C", notebook, "jardin", "--corriger")  # not a safe fix: links may name the id
    again = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    assert len([f for f in again if f["kind"] == "id-invalide"]) == 4
