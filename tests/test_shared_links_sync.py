"""Symbolic links committed with git: the author's `sync` refuses to share them, and a
teammate's refusal is said by `status` and the home screen, with who added them."""

from __future__ import annotations

import os

from conftest import git, push_link_by_hand


def _commit_links(folder, tmp_path) -> None:
    """A coach commits symbolic links with plain git, as the QA replay did."""
    (folder / "fiche.md").write_text("---\ntitle: Fiche\n---\nx\n", encoding="utf-8")
    git(folder, "add", "fiche.md")
    git(folder, "commit", "-qm", "fiche")
    bad = folder / "divers" / "bad"
    bad.mkdir(parents=True)
    os.symlink("../../fiche.md", bad / "lien-fiche.md")
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    os.symlink(secret, bad / "lien-passwd.md")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "liens")


def test_sync_refuses_to_push_commits_that_add_symbolic_links(cli, team, tmp_path):
    _commit_links(team.karim, tmp_path)
    shared = git(team.remote, "rev-parse", "main")
    said = cli("-C", team.karim, "sync", code=12).stderr
    assert "divers/bad/lien-fiche.md" in said and "divers/bad/lien-passwd.md" in said
    assert "garefil rm divers/bad/lien-fiche.md" in said and "git rm --cached" in said
    assert git(team.remote, "rev-parse", "main") == shared  # nothing was pushed
    cli("-C", team.karim, "rm", "divers/bad/lien-fiche.md", "--yes")
    cli("-C", team.karim, "rm", "divers/bad/lien-passwd.md", "--yes")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    assert (team.awa / "fiche.md").is_file() and not (team.awa / "divers").exists()


def test_a_refused_sync_is_said_by_status_and_home_with_who_added_the_links(cli, team, tmp_path):
    _commit_links(team.karim, tmp_path)
    git(team.karim, "push", "-q", "origin", "HEAD:main")  # past garefil, with git itself
    said = cli("-C", team.awa, "sync", code=12).stderr
    assert "lien-passwd.md (Karim Benali)" in said
    status = cli("-C", team.awa, "status").stdout
    assert "divers/bad/lien-passwd.md (ajouté par Karim Benali)" in status
    assert "garefil rm divers/bad/lien-fiche.md" in status
    home = cli("-C", team.awa).stdout
    assert "lien-passwd.md (ajouté par Karim Benali)" in home and "— `garefil sync`" not in home
    # Once Karim took them out, Awa's sync neither refuses nor names files she never had.
    cli("-C", team.karim, "rm", "divers/bad/lien-fiche.md", "--yes")
    cli("-C", team.karim, "rm", "divers/bad/lien-passwd.md", "--yes")
    cli("-C", team.karim, "sync")
    done = cli("-C", team.awa, "sync")
    brought = done.stdout + done.stderr
    assert "« Fiche » — ajoutée" in brought and "lien-" not in brought
    assert "bloqu" not in cli("-C", team.awa, "status").stdout


def test_a_sync_refused_for_the_teams_links_records_nothing_either(cli, team):
    """« your notebook is unchanged », the refusal says: the hand edits are not recorded."""
    push_link_by_hand(team.karim)
    (team.awa / "a-la-main.md").write_text("# Écrite à la main\n", encoding="utf-8")
    before = git(team.awa, "rev-parse", "HEAD")
    said = cli("-C", team.awa, "sync", code=12).stderr
    assert "inchangé" in said, said
    assert git(team.awa, "rev-parse", "HEAD") == before
    assert git(team.awa, "status", "--porcelain").strip() == "?? a-la-main.md"
