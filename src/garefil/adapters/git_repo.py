"""The Repository port over git, through GitPython.

Commits name their paths explicitly (`git commit -- PATHS`), so garefil never sweeps in files
outside the notebook or changes a coach staged for something else. Git's own error text is
translated into domain errors here, and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import git

from garefil.core.errors import GitFailure, GitIdentityMissing


class GitRepository:
    """One git work tree holding (or being) the notebook."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.top = Path(repo.working_tree_dir or ".").resolve()

    @classmethod
    def open(cls, folder: Path, create: bool = False) -> GitRepository:
        """The work tree containing `folder`; with `create`, `git init` one if there is none."""
        try:
            return cls(git.Repo(folder, search_parent_directories=True))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            if not create:
                raise GitFailure(detail=f"{folder}: not a git repository") from None
        try:
            return cls(git.Repo.init(folder, initial_branch="main"))
        except git.GitCommandError as error:
            raise GitFailure(detail=_first_line(error)) from None

    def author_name(self) -> str:
        """user.name (or GIT_AUTHOR_NAME); GitIdentityMissing when name or e-mail is unset."""
        name = os.environ.get("GIT_AUTHOR_NAME") or self._config("user.name")
        email = os.environ.get("GIT_AUTHOR_EMAIL") or self._config("user.email")
        if not name or not email:
            raise GitIdentityMissing()
        return name

    def _config(self, key: str) -> str:
        # Asked of git itself, not GitPython's reader, so GIT_CONFIG_GLOBAL and includes count.
        try:
            return self.repo.git.config("--get", key).strip()
        except git.GitCommandError:
            return ""

    def set_identity(self, name: str, email: str) -> None:
        """Store the coach's name and e-mail in this repository's own configuration."""
        with self.repo.config_writer("repository") as writer:
            writer.set_value("user", "name", name)
            writer.set_value("user", "email", email)

    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Commit exactly `paths` (new, changed or deleted); None if none of them changed."""
        self.author_name()
        specs = [os.path.relpath(p, self.top) for p in paths]
        try:
            self.repo.git.add("--all", "--", *specs)
            if not self._staged(specs):
                return None
            self.repo.git.commit("--quiet", "--no-verify", "-m", message, "--", *specs)
        except git.GitCommandError as error:
            raise GitFailure(detail=_first_line(error)) from None
        return self.repo.head.commit.hexsha

    def _staged(self, specs: Sequence[str]) -> bool:
        if not self.repo.head.is_valid():
            return bool(self.repo.git.diff("--cached", "--name-only", "--", *specs))
        return bool(self.repo.git.diff("--cached", "--name-only", "HEAD", "--", *specs))


def _first_line(error: git.GitCommandError) -> str:
    text = (error.stderr or error.stdout or str(error)).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    cleaned = [line.removeprefix("stderr: ").strip("'") for line in lines]
    return cleaned[-1] if cleaned else str(error.status)
