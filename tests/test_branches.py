"""A notebook is one branch, whatever git's defaults and the shared repository's HEAD say.

Every test here runs with git's *default* configuration (an empty global file: no identity, no
init.defaultBranch), as on a coach's fresh computer; identities come from `garefil config user`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git

pytestmark = pytest.mark.usefixtures("git_defaults")


def bare(tmp_path: Path, head: str | None) -> Path:
    """A bare repository as `git init --bare` makes it; `head` names its HEAD branch."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", *(["-b", head] if head else []), str(remote))
    return remote


def publish(cli, tmp_path: Path, remote: Path) -> Path:
    awa = tmp_path / "awa"
    cli("init", awa)
    cli("-C", awa, "config", "user", "Awa Diallo", "awa@example.org")
    cli("-C", awa, "remote", str(remote))
    cli("-C", awa, "new", "note", "--title", "Chez Awa", "--no-edit")
    cli("-C", awa, "sync")
    return awa


def join(cli, remote: Path, folder: Path) -> Path:
    result = cli("init", "--clone", str(remote), folder)
    assert "Carnet prêt" in result.stderr
    cli("-C", folder, "config", "user", "Karim Benali", "karim@example.org")
    return folder


def titles(cli, folder: Path) -> set[str]:
    return {n["title"] for n in json.loads(cli("-C", folder, "list", "--json").stdout)}


def branches(remote: Path) -> list[str]:
    return git(remote, "for-each-ref", "--format=%(refname:short)", "refs/heads").split()


@pytest.mark.parametrize("head", [None, "main", "pas-encore"], ids=["master", "main", "absent"])
def test_the_second_coach_gets_the_notebook_and_one_branch_stays(cli, tmp_path, head):
    remote = bare(tmp_path, head)
    awa = publish(cli, tmp_path, remote)
    karim = join(cli, remote, tmp_path / "karim")
    assert titles(cli, karim) == {"Chez Awa"}
    cli("-C", karim, "new", "note", "--title", "Chez Karim", "--no-edit")
    cli("-C", karim, "sync")
    assert branches(remote) == ["main"]
    cli("-C", awa, "sync")
    assert titles(cli, awa) == {"Chez Awa", "Chez Karim"}
    assert git(awa, "rev-parse", "HEAD") == git(karim, "rev-parse", "HEAD")


def test_a_plain_git_clone_of_a_local_shared_repository_checks_the_notebook_out(cli, tmp_path):
    remote = bare(tmp_path, None)  # HEAD → master, which will never exist
    publish(cli, tmp_path, remote)
    assert git(remote, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    git(tmp_path, "clone", "-q", str(remote), str(tmp_path / "copie"))
    assert (tmp_path / "copie" / ".garefil" / "config.toml").is_file()


def test_joining_an_empty_shared_repository_starts_the_notebook_on_main(cli, tmp_path):
    remote = bare(tmp_path, None)
    karim = join(cli, remote, tmp_path / "karim")
    cli("-C", karim, "sync")
    assert branches(remote) == ["main"]


def test_a_shared_repository_holding_two_notebook_branches_is_an_error_with_the_way_out(
    cli, tmp_path
):
    remote = bare(tmp_path, None)
    awa = publish(cli, tmp_path, remote)
    git(awa, "push", "-q", str(remote), "main:master")  # what an older garefil left behind
    joined = cli("init", "--clone", str(remote), tmp_path / "karim", code=7)
    assert "main, master" in joined.stderr and "git merge origin/master" in joined.stderr
    assert not (tmp_path / "karim").exists()  # nothing half-joined: the same command can rerun
    cli("-C", awa, "new", "note", "--title", "Encore", "--no-edit")
    head = git(awa, "rev-parse", "HEAD")
    result = cli("-C", awa, "sync", code=7)
    assert "git push origin HEAD:main :master" in result.stderr
    assert git(awa, "rev-parse", "HEAD") == head and branches(remote) == ["main", "master"]


def test_a_clone_left_on_gits_default_branch_is_brought_back_to_the_notebooks(cli, tmp_path):
    remote = bare(tmp_path, None)
    awa = publish(cli, tmp_path, remote)
    karim = tmp_path / "karim"  # what an older garefil left: an empty clone on master
    git(tmp_path, "clone", "-q", str(remote), str(karim))
    git(karim, "checkout", "-q", "--orphan", "master")
    git(karim, "rm", "-rqf", ".")
    cli("init", karim)
    cli("-C", karim, "config", "user", "Karim Benali", "karim@example.org")
    cli("-C", karim, "new", "note", "--title", "Chez Karim", "--no-edit")
    # Both created a notebook: merging them would replace the team's settings by Karim's.
    refused = cli("-C", karim, "sync", code=12)
    assert "garefil init --clone" in refused.stderr
    assert branches(remote) == ["main"]
    assert git(karim, "branch", "--show-current").strip() == "main"
    joined = join(cli, remote, tmp_path / "equipe")  # the way out the error gives
    cli("-C", joined, "import", karim)
    cli("-C", joined, "sync")
    cli("-C", awa, "sync")
    assert titles(cli, awa) == titles(cli, joined) == {"Chez Awa", "Chez Karim"}
