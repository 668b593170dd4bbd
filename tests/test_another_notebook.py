"""A shared repository that already holds the team's notebook is joined, never overwritten.

A coach who runs `garefil init --remote` (or `garefil remote`) towards the team's repository
instead of `init --clone` has a notebook of their own, with no history in common with the
team's: merging them would replace the team's settings (its members) by this coach's. Every
test runs with git's default configuration (no identity, no init.defaultBranch).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture(autouse=True)
def git_defaults(isolated: Path) -> Path:
    """An empty global git configuration: git's own defaults (branch master, no identity)."""
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    return isolated


@pytest.fixture
def shared(cli, tmp_path: Path) -> Path:
    """The team's repository, holding the notebook Awa published (with her as a member)."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    awa = tmp_path / "awa"
    cli("init", awa)
    cli("-C", awa, "config", "user", "Awa Diallo", "awa@example.org")
    cli("-C", awa, "remote", str(remote))
    cli("-C", awa, "new", "note", "--title", "Note de l'équipe", "--no-edit")
    cli("-C", awa, "sync")
    return remote


def refs(remote: Path) -> str:
    return git(remote, "for-each-ref", "--format=%(refname) %(objectname)")


def own_notebook(cli, folder: Path) -> Path:
    cli("init", folder)
    cli("-C", folder, "config", "user", "Xavier Roux", "xavier@example.org")
    cli("-C", folder, "new", "note", "--title", "Note de x", "--no-edit")
    return folder


def titles(cli, folder: Path) -> set[str]:
    return {n["title"] for n in json.loads(cli("-C", folder, "list", "--json").stdout)}


def test_init_remote_towards_the_teams_notebook_is_refused_before_anything_is_made(
    cli, shared, tmp_path
):
    before = refs(shared)
    result = cli("init", "--remote", str(shared), tmp_path / "x", code=12)
    assert "contient déjà un carnet" in result.stderr
    assert f"garefil init --clone {shared} {tmp_path / 'x'}" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 2
    assert not (tmp_path / "x").exists() and refs(shared) == before
    cli("init", "--clone", str(shared), tmp_path / "x")  # the hint's command works as given
    assert titles(cli, tmp_path / "x") == {"Note de l'équipe"}


def test_remote_towards_another_notebook_is_refused_and_the_way_to_join_is_given(
    cli, shared, tmp_path
):
    mine = own_notebook(cli, tmp_path / "x")
    before = refs(shared)
    result = cli("-C", mine, "remote", str(shared), code=12)
    assert "aucun historique en commun" in result.stderr
    assert f"`garefil init --clone {shared} {tmp_path / 'carnet-equipe'}`" in result.stderr
    assert f"garefil import {mine}" in result.stderr
    assert git(mine, "remote").strip() == "" and refs(shared) == before
    assert git(mine, "for-each-ref", "refs/garefil-check").strip() == ""  # no trace left
    joined = tmp_path / "equipe"
    cli("init", "--clone", str(shared), joined)
    cli("-C", joined, "config", "user", "Xavier Roux", "xavier@example.org")
    cli("-C", joined, "import", mine)
    assert titles(cli, joined) == {"Note de l'équipe", "Note de x"}


def test_sync_refuses_to_merge_another_notebook_set_by_hand(cli, run_garefil, shared, tmp_path):
    mine = own_notebook(cli, tmp_path / "x")
    git(mine, "remote", "add", "origin", str(shared))  # by hand, or set while offline
    before, head = refs(shared), git(mine, "rev-parse", "HEAD")
    result = run_garefil("sync", cwd=mine)
    assert result.returncode == 12, result.stderr
    assert "rien n'a été partagé" in result.stderr and "Traceback" not in result.stderr
    assert refs(shared) == before and git(mine, "rev-parse", "HEAD") == head
    assert titles(cli, mine) == {"Note de x"}  # nothing of the team's merged in


def test_a_clone_of_the_team_and_a_new_empty_repository_are_accepted(cli, shared, tmp_path):
    karim = tmp_path / "karim"
    cli("init", "--clone", str(shared), karim)
    cli("-C", karim, "config", "user", "Karim Benali", "karim@example.org")
    cli("-C", karim, "remote", str(shared))  # the same history: nothing to refuse
    cli("-C", karim, "new", "note", "--title", "Note de Karim", "--no-edit")
    cli("-C", karim, "sync")
    empty = tmp_path / "neuf.git"
    git(tmp_path, "init", "-q", "--bare", str(empty))
    cli("-C", karim, "remote", str(empty))
    cli("-C", karim, "sync")
    assert git(empty, "rev-parse", "main") == git(karim, "rev-parse", "HEAD")


def test_a_repository_the_server_made_with_only_a_readme_is_accepted(cli, tmp_path):
    remote = tmp_path / "serveur.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    web = tmp_path / "web"  # what a server's "initialise with a README" button leaves
    git(tmp_path, "init", "-q", "-b", "main", str(web))
    (web / "README.md").write_text("# Carnet\n", encoding="utf-8")
    git(web, "add", "README.md")
    git(web, "-c", "user.name=Serveur", "-c", "user.email=s@example.org", "commit", "-qm", "init")
    git(web, "push", "-q", str(remote), "main")
    mine = own_notebook(cli, tmp_path / "x")
    cli("-C", mine, "remote", str(remote))
    cli("-C", mine, "sync")
    assert git(remote, "rev-parse", "main") == git(mine, "rev-parse", "HEAD")
    assert (mine / "README.md").is_file()


def hinted_command(stderr: str) -> list[str]:
    """The first command the hint gives, between backticks, as the coach would type it."""
    return shlex.split(re.search(r"`(garefil init [^`]*)`", stderr).group(1))[1:]


def test_init_inside_a_notebook_is_refused_and_a_folder_outside_is_given(
    run_garefil, cli, shared, tmp_path
):
    mine = own_notebook(cli, tmp_path / "perso")
    result = run_garefil("init", "--clone", "../partage.git", "equipe", cwd=mine)
    assert result.returncode == 12, result.stderr
    assert str(mine) in result.stderr and "Traceback" not in result.stderr
    assert "`garefil init --clone ../partage.git ../equipe`" in result.stderr
    assert not (mine / "equipe").exists()
    assert run_garefil("init", "cr", cwd=mine).returncode == 12 and not (mine / "cr").exists()
    assert run_garefil(*hinted_command(result.stderr), cwd=mine).returncode == 0
    assert git(mine, "status", "--porcelain").strip() == ""  # nothing nested in perso
    assert titles(cli, tmp_path / "equipe") == {"Note de l'équipe"}


def test_a_relative_remote_added_by_hand_is_shown_absolute_and_its_hint_works_from_below(
    run_garefil, cli, shared, tmp_path
):
    mine = own_notebook(cli, tmp_path / "perso")
    git(mine, "remote", "add", "origin", "../partage.git")  # as git reads it: from perso/
    (mine / "cr").mkdir()
    result = run_garefil("sync", cwd=mine / "cr")
    assert result.returncode == 12, result.stderr
    assert f"{shared} contient un autre carnet" in result.stderr
    outside = tmp_path / "carnet-equipe"
    assert hinted_command(result.stderr) == ["init", "--clone", str(shared), str(outside)]
    as_json = run_garefil("sync", "--json", cwd=mine / "cr")
    assert str(shared) in as_json.stdout and "../partage.git" not in as_json.stdout
    assert run_garefil(*hinted_command(result.stderr), cwd=mine / "cr").returncode == 0
    assert titles(cli, outside) == {"Note de l'équipe"}


def test_the_hints_sequence_works_when_the_identity_was_given_to_the_refused_notebook_only(
    run_garefil, cli, shared, tmp_path
):
    mine = own_notebook(cli, tmp_path / "perso")  # `config user` inside it: no global identity
    git(mine, "remote", "add", "origin", str(shared))
    refused = run_garefil("sync", cwd=mine)
    assert refused.returncode == 12, refused.stderr
    joined = run_garefil(*hinted_command(refused.stderr), cwd=mine)
    assert joined.returncode == 0 and "Xavier Roux" in joined.stderr, joined.stderr
    team = tmp_path / "carnet-equipe"
    imported = run_garefil("import", str(mine), cwd=team)
    assert imported.returncode == 0, imported.stderr
    assert titles(cli, team) == {"Note de l'équipe", "Note de x"}
    assert (
        git(team, "log", "-1", "--format=%an <%ae>").strip() == "Xavier Roux <xavier@example.org>"
    )


def refused_by_sync(cli, shared: Path, mine: Path, shared_before: bool) -> list[str]:
    """`sync` refuses `shared` set by hand as the address of `mine` (after `mine` was shared
    elsewhere, with `shared_before`); the refusal's lines (message, hint)."""
    if shared_before:
        own = mine.parent / "perso.git"
        git(mine.parent, "init", "-q", "--bare", str(own))
        cli("-C", mine, "remote", str(own))
        cli("-C", mine, "sync")
        git(mine, "remote", "set-url", "origin", str(shared))
    else:
        git(mine, "remote", "add", "origin", str(shared))
    refused = cli("-C", mine, "sync", code=12).stderr.strip().splitlines()
    assert len(refused) == 2 and "contient un autre carnet" in refused[0], refused
    return [line.removeprefix("erreur : ").strip() for line in refused]


@pytest.mark.parametrize("shared_before", [False, True], ids=["never-shared", "shared-elsewhere"])
def test_after_a_refused_sync_status_and_home_say_the_remote_holds_another_notebook(
    cli, shared, tmp_path, shared_before
):
    mine = own_notebook(cli, tmp_path / "x")
    message, hint = refused_by_sync(cli, shared, mine, shared_before)
    status = cli("-C", mine, "status").stdout
    # Two unrelated histories: counting what one has and the other lacks means nothing.
    assert "à partager" not in status and "à récupérer" not in status, status
    assert message in status and hint in status, status
    report = json.loads(cli("-C", mine, "status", "--json").stdout)
    assert report["another_notebook"] is True, report
    assert (report["ahead"], report["behind"]) == (None, None), report
    home = cli("-C", mine).stdout
    assert message in home and hint in home, home
    assert "Rien n'est encore partagé" not in home and "À partager" not in home, home
    assert "garefil sync" not in home and "garefil remote" not in home, home


@pytest.mark.parametrize("shared_before", [False, True], ids=["never-shared", "shared-elsewhere"])
def test_a_new_address_forgets_the_refused_notebook(cli, shared, tmp_path, shared_before):
    mine = own_notebook(cli, tmp_path / "x")
    message, _hint = refused_by_sync(cli, shared, mine, shared_before)
    empty = tmp_path / "neuf.git"
    git(tmp_path, "init", "-q", "--bare", str(empty))
    cli("-C", mine, "remote", str(empty))
    # What was fetched from the old address is not the new repository's: an empty one holds
    # no other notebook, and everything recorded here waits to be shared there.
    report = json.loads(cli("-C", mine, "status", "--json").stdout)
    assert report["another_notebook"] is False, report
    recorded = int(git(mine, "rev-list", "--count", "HEAD"))
    assert (report["ahead"], report["behind"]) == (recorded, 0), report
    assert "contient un autre carnet" not in cli("-C", mine, "status").stdout
    assert "contient un autre carnet" not in cli("-C", mine).stdout
    cli("-C", mine, "sync")
    assert git(empty, "rev-parse", "main") == git(mine, "rev-parse", "HEAD")
    assert titles(cli, mine) == {"Note de x"}  # nothing lost, nothing of the team's merged


def test_a_new_empty_address_after_sharing_elsewhere_says_everything_waits(cli, shared, tmp_path):
    karim = tmp_path / "karim"
    cli("init", "--clone", str(shared), karim)
    cli("-C", karim, "config", "user", "Karim Benali", "karim@example.org")
    empty = tmp_path / "neuf.git"
    git(tmp_path, "init", "-q", "--bare", str(empty))
    cli("-C", karim, "remote", str(empty))
    # The old repository's branch still said « up to date »: the new one has nothing yet.
    report = json.loads(cli("-C", karim, "status", "--json").stdout)
    recorded = int(git(karim, "rev-list", "--count", "HEAD"))
    assert (report["ahead"], report["behind"]) == (recorded, 0), report
    home = cli("-C", karim).stdout
    assert f"À partager : {recorded} changements enregistrés — `garefil sync`" in home, home
    assert "Tout est partagé" not in home and "garefil remote" not in home, home


def test_an_address_set_before_the_first_sync_sends_the_coach_to_sync(cli, tmp_path):
    empty = tmp_path / "neuf.git"
    git(tmp_path, "init", "-q", "--bare", str(empty))
    mine = tmp_path / "x"
    cli("init", mine, "--remote", str(empty))
    cli("-C", mine, "config", "user", "Xavier Roux", "xavier@example.org")
    home = cli("-C", mine).stdout
    # The address is set: `remote` is no longer the way, `sync` is.
    assert "garefil remote" not in home and "Rien n'est encore partagé" not in home, home
    assert "À partager : 1 changement enregistré — `garefil sync`" in home, home
