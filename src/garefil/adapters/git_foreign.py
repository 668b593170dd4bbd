"""Whether a shared repository already holds another notebook, one this notebook has no history
in common with.

Pointing a notebook at the team's repository by `remote` (rather than joining it by
`init --clone`) would merge two notebooks made apart, and the second coach's first sync would
replace the team's settings (its members) by their own. So `remote` and `init --remote` look
first: the shared repository's branches are fetched into a scratch namespace (never into
`origin`'s, so a refused address leaves no trace) and compared with this notebook's history.
A repository that cannot be reached now is not refused: `sync` checks again before merging.

Servers reached over HTTP(S) are left to `sync`: a fetch the server refuses makes git forget
the password its credential helper kept, and the coach would then read "no password kept"
instead of "your password was refused" at the sync that follows.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import git

from garefil.core.config import holds_notebook

from .git_remote import NETWORK_TIMEOUT, global_config, network_env

_SCRATCH = "refs/garefil-check/"


def foreign_notebook(url: str, folder: Path) -> bool:
    """Whether `url` holds a notebook unrelated to the history of the repository at `folder`
    (any notebook, when `folder` has no history yet); False when `url` cannot be reached,
    or is an HTTP(S) server (checked by `sync`)."""
    if url.lower().startswith(("http://", "https://")):
        return False
    try:
        repo = git.Repo(folder, search_parent_directories=True, expand_vars=False)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        repo = None
    if repo is None or not _has_head(repo.git):
        with tempfile.TemporaryDirectory(prefix="garefil-check-") as scratch:
            runner = git.Git(scratch)
            runner.execute(["git", "init", "--quiet", "--bare"])
            return _unrelated_notebooks(runner, url, head=False)
    try:
        return _unrelated_notebooks(repo.git, url, head=True)
    finally:
        _drop_scratch(repo.git)


def _unrelated_notebooks(runner: git.Git, url: str, head: bool) -> bool:
    try:
        runner.execute(
            [
                "git",
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-write-fetch-head",
                url,
                f"+refs/heads/*:{_SCRATCH}*",
            ],
            env={**os.environ, **network_env(global_config("core.sshCommand"))},
            kill_after_timeout=NETWORK_TIMEOUT,
        )
    except git.GitCommandError:
        return False  # offline, or not there yet: `sync` checks before it merges anything
    return any(
        _holds_notebook(runner, ref) and not (head and _related(runner, ref))
        for ref in _scratch_refs(runner)
    )


def _scratch_refs(runner: git.Git) -> list[str]:
    out = runner.execute(["git", "for-each-ref", "--format=%(refname)", _SCRATCH])
    return [line for line in out.splitlines() if line.strip()]


def _holds_notebook(runner: git.Git, ref: str) -> bool:
    listing = runner.execute(["git", "ls-tree", "-r", "--name-only", ref])
    return holds_notebook(listing.splitlines())


def _related(runner: git.Git, ref: str) -> bool:
    try:
        return bool(runner.execute(["git", "merge-base", "HEAD", ref]).strip())
    except git.GitCommandError:
        return False


def _has_head(runner: git.Git) -> bool:
    try:
        runner.execute(["git", "rev-parse", "--verify", "--quiet", "HEAD"])
        return True
    except git.GitCommandError:
        return False


def _drop_scratch(runner: git.Git) -> None:
    """The scratch refs deleted: the fetched commits are no branch of this notebook."""
    for ref in _scratch_refs(runner):
        runner.execute(["git", "update-ref", "-d", ref])
