"""A shared repository's address: a local path means the folder where the coach typed it."""

from __future__ import annotations

from conftest import git


def test_a_relative_address_given_to_init_remote_is_stored_absolute(run_garefil, tmp_path):
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "partage.git")
    assert run_garefil("init", "--remote", "partage.git", "a", cwd=tmp_path).returncode == 0
    run_garefil("new", "note", "--title", "x", "--no-edit", cwd=tmp_path / "a")
    assert run_garefil("sync", cwd=tmp_path / "a").returncode == 0
    assert git(tmp_path / "partage.git", "log", "--oneline", "main").count("\n") >= 2


def test_remote_resolves_a_relative_path_from_where_it_was_typed(run_garefil, cli, tmp_path):
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "partage.git")
    cli("init", tmp_path / "a")
    assert run_garefil("-C", "a", "remote", "partage.git", cwd=tmp_path).returncode == 0
    assert run_garefil("remote", cwd=tmp_path / "a").stdout.strip() == str(tmp_path / "partage.git")
    assert run_garefil("sync", cwd=tmp_path / "a").returncode == 0


def test_a_local_path_that_does_not_exist_is_refused_when_set(cli, notebook, tmp_path):
    refused = cli("-C", notebook, "remote", str(tmp_path / "absent.git"), code=8)
    assert "absent.git" in refused.stderr and "vérifiez l'adresse" in refused.stderr
    assert cli("-C", notebook, "remote").stdout.strip() == ""
    cli("-C", notebook, "remote", "git@serveur.exemple:equipe/carnet.git")  # a server: as typed
    assert cli("-C", notebook, "remote").stdout.strip() == "git@serveur.exemple:equipe/carnet.git"


def test_cloning_from_a_folder_that_does_not_exist_says_to_check_the_address(cli, tmp_path):
    refused = cli("init", "--clone", str(tmp_path / "absent.git"), tmp_path / "x", code=8)
    assert "vérifiez l'adresse" in refused.stderr and "sync" not in refused.stderr
    assert not (tmp_path / "x").exists()


def test_a_new_remote_says_which_address_it_replaces(cli, notebook, tmp_path):
    for name in ("ancien.git", "nouveau.git"):
        git(tmp_path, "init", "-q", "--bare", "-b", "main", name)
    first = cli("-C", notebook, "remote", str(tmp_path / "ancien.git"))
    assert "remplace" not in first.stdout + first.stderr
    again = cli("-C", notebook, "remote", str(tmp_path / "nouveau.git"))
    assert f"remplace {tmp_path / 'ancien.git'}" in again.stdout + again.stderr
    same = cli("-C", notebook, "remote", str(tmp_path / "nouveau.git"))
    assert "remplace" not in same.stdout + same.stderr


def test_a_colleagues_notebook_or_a_plain_folder_is_refused_as_the_shared_repository(
    cli, notebook, tmp_path
):
    colleague = tmp_path / "k1"
    git(tmp_path, "clone", "-q", str(notebook), str(colleague))
    refused = cli("-C", notebook, "remote", str(colleague), code=8)
    assert "carnet de quelqu'un" in refused.stderr and "git init --bare" in refused.stderr
    (tmp_path / "vide").mkdir()
    refused = cli("-C", notebook, "remote", str(tmp_path / "vide"), code=8)
    assert f"git init --bare {tmp_path / 'vide'}" in refused.stderr
    cli("init", tmp_path / "autre", "--remote", str(colleague), code=8)
    assert not (tmp_path / "autre").exists()
    assert cli("-C", notebook, "remote").stdout.strip() == ""


def test_sync_to_a_colleagues_notebook_says_what_it_is_not_to_run_it_again(cli, notebook, tmp_path):
    colleague = tmp_path / "k1"
    git(tmp_path, "clone", "-q", str(notebook), str(colleague))
    git(notebook, "remote", "add", "origin", str(colleague))  # set by hand, or by an older garefil
    cli("-C", notebook, "new", "note", "--title", "Deux", "--no-edit")
    refused = cli("-C", notebook, "sync", code=8)
    assert "carnet de quelqu'un" in refused.stderr and "git init --bare" in refused.stderr
    assert "entre-temps" not in refused.stderr


def test_sync_to_a_plain_folder_says_how_to_make_it_a_shared_repository(cli, notebook, tmp_path):
    (tmp_path / "vide").mkdir()
    git(notebook, "remote", "add", "origin", str(tmp_path / "vide"))  # set by hand
    refused = cli("-C", notebook, "sync", code=8)
    assert f"git init --bare {tmp_path / 'vide'}" in refused.stderr
