"""A teammate's symbolic links: said at clone time, and removable with `garefil rm`."""

from __future__ import annotations

import os

from conftest import git


def test_links_are_said_at_clone_and_rm_removes_the_link_never_its_target(cli, tmp_path):
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", remote)
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe\n", encoding="utf-8")
    os.symlink(secret, awa / "fuite.md")  # pushed with plain git, as a hostile teammate would
    git(awa, "add", "fuite.md")
    git(awa, "commit", "-q", "-m", "lien")
    git(awa, "push", "-q", "origin", "HEAD:main")
    karim = tmp_path / "karim"
    said = cli("init", "--clone", remote, karim).stderr
    assert "fuite.md est un lien symbolique" in said and "garefil rm fuite.md" in said
    cli("-C", karim, "rm", str(karim / "fuite.md"), "--yes")
    assert not os.path.lexists(karim / "fuite.md") and secret.read_text() == "mot de passe\n"
    assert "fuite.md" not in git(karim, "ls-files") and git(karim, "status", "--porcelain") == ""
