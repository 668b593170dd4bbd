"""The home screen's last-sync line: the time of the last sync, and deletions counted too."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime

from conftest import push_link_by_hand


def new_cr(cli, folder, title: str) -> str:
    cli("-C", folder, "new", "cr", "-e", "Jean Dupont", "--title", title, "--body", "x")
    notes = json.loads(cli("-C", folder, "list", "--json").stdout)
    return next(note["path"] for note in notes if note["title"] == title)


def test_a_later_sync_that_brought_nothing_is_the_one_shown(cli, team, monkeypatch):
    new_cr(cli, team.karim, "Arrivée")
    cli("-C", team.karim, "sync")
    # Awa's first sync, long ago as git records it: the reflog takes the committer's date, and
    # the fetch's FETCH_HEAD is dated back to it.
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2020-03-02T10:48:00")
    cli("-C", team.awa, "sync")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    then = datetime(2020, 3, 2, 10, 48).timestamp()
    os.utime(team.awa / ".git" / "FETCH_HEAD", (then, then))
    assert "2020" in cli("-C", team.awa).stdout  # that sync is the last one, for now
    cli("-C", team.awa, "sync")  # now: nothing new
    home = cli("-C", team.awa).stdout
    [line] = [line for line in home.splitlines() if "Dernière synchronisation" in line]
    assert "2020" not in line and "10h48" not in line
    assert "rien de nouveau" in line


def test_a_refused_sync_after_one_that_brought_nothing_is_not_the_last_one(cli, team):
    cli("-C", team.awa, "sync")  # nothing new
    push_link_by_hand(team.karim)
    cli("-C", team.awa, "sync", code=12)
    home = cli("-C", team.awa).stdout
    assert "rien de nouveau" not in home and "passwd.md" in home


def test_notes_deleted_by_the_last_sync_are_counted(cli, team):
    gone = new_cr(cli, team.karim, "À supprimer")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "rm", gone, "--oui")
    new_cr(cli, team.karim, "Nouvelle")
    new_cr(cli, team.karim, "Autre")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    home = cli("-C", team.awa).stdout
    assert "2 notes changées et 1 note supprimée par Karim Benali" in home


def test_an_address_never_synced_with_is_not_called_a_last_sync(cli, tmp_path, git_defaults):
    bare = tmp_path / "partage.git"
    subprocess.run(["git", "init", "-q", "--bare", bare], check=True)
    cli("init", tmp_path / "carnet", "--remote", bare)
    cli("-C", tmp_path / "carnet", "config", "user", "Awa Diallo", "awa@example.org")
    home = cli("-C", tmp_path / "carnet").stdout
    assert "dernière synchronisation" not in home.lower()
    assert "Rien n'a encore été synchronisé avec" in home and "garefil sync" in home


def test_an_address_set_later_is_not_called_a_last_sync_either(cli, tmp_path, run_garefil):
    bare = tmp_path / "partage.git"
    subprocess.run(["git", "init", "-q", "--bare", bare], check=True)
    cli("init", tmp_path / "carnet")
    cli("-C", tmp_path / "carnet", "remote", bare)
    assert f"Rien n'a encore été synchronisé avec {bare}." in cli("-C", tmp_path / "carnet").stdout
    done = run_garefil("-C", tmp_path / "carnet", env={"GAREFIL_LANG": "en"})
    assert done.returncode == 0 and "last sync" not in done.stdout.lower(), done.stdout
    assert f"Nothing synced yet with {bare}." in done.stdout and "garefil sync" in done.stdout
