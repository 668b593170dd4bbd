"""Merging the team's commits into a notebook's git work tree, and what a conflict leaves.

A mixin of GitRepository (adapters/git_repo.py), which provides `_run`, `_config`, `head`,
`repo` and `top`. Notes merge key by key through garefil's own merge driver
(adapters/git_merge.py), recorded here before every merge.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import git

from garefil.core.errors import GitFailure
from garefil.core.sharing import Unmerged

from . import git_locks, git_merge, git_undivided
from .git_worktree import name_status


class Merging:
    """The merge commands of a git work tree."""

    repo: git.Repo
    top: Path  # with `_run`, `_config`, `head` and `update_recorded`, given by GitRepository

    def register_merge_driver(self) -> None:
        """Record (again, if missing or from another Python) the notes' merge driver here."""
        key = f"merge.{git_merge.DRIVER}.driver"
        if self._config(key) != git_merge.driver_command():
            self._run("config", key, git_merge.driver_command())
            self._run("config", f"merge.{git_merge.DRIVER}.name", git_merge.DRIVER_NAME)

    def merge(
        self, commit: str, message: str, conclude: bool = True, alike: int | None = None
    ) -> list[Unmerged]:
        """Merge `commit` into the current branch; the paths left in conflict (merge pending).
        Without `conclude`, a clean merge is left pending too, for paths settled by hand. With
        `alike`, a file deleted on a side is paired with one it added (merged as renamed) only
        when they are at least that percent alike (`-X find-renames`; git's merge ignores
        `no-renames`)."""
        self.register_merge_driver()
        stop = () if conclude else ("--no-commit", "--no-ff")
        stop += () if alike is None else ("-X", f"find-renames={alike}%")
        # Unrelated histories happen when two coaches each created the notebook, then
        # shared it: both are notebooks, and conflicts are kept in two versions as usual.
        args = ("--no-edit", "--no-verify", "--allow-unrelated-histories", *stop, "-m", message)
        # Ctrl-C waits for git to have written every file (git_undivided.py); a kill leaves
        # the record the next sync undoes the half-written files from (git_interrupted.py).
        with (
            git_locks.one_writer(Path(self.repo.git_dir)),
            git_undivided.undivided(),
            self.update_recorded(commit),
        ):
            failure = self._merge_failure("merge", *args, commit)
        if failure is None:
            return []
        unmerged = self.unmerged()
        if not unmerged:
            raise failure
        return unmerged

    def _merge_failure(self, *args: str) -> GitFailure | None:
        """Run git `args`; its failure, if it ended of its own accord (conflicts, a refusal).
        A git killed by a signal raises: it may have left the files half-written."""
        try:
            self._run(*args)
        except GitFailure as failure:
            status = getattr(failure.__cause__, "status", 0)
            if isinstance(status, int) and status < 0:
                raise
            return failure
        return None

    def unmerged(self) -> list[Unmerged]:
        """Paths in conflict, with the blob of each side (None where that side deleted it)."""
        stages: dict[str, dict[int, str]] = {}
        for line in self._run("ls-files", "--unmerged", "-z").split("\0"):
            if line:
                info, path = line.split("\t", 1)
                _mode, sha, stage = info.split()
                stages.setdefault(path, {})[int(stage)] = sha
        return [
            Unmerged(path, sides.get(2), sides.get(3)) for path, sides in sorted(stages.items())
        ]

    def gone_and_new(self, since: str, until: str, folder: Path) -> tuple[set[str], set[str]]:
        """The files under `folder` that `until` no longer holds but `since` did, and those it
        holds that `since` did not (relative to `folder`); a renamed file is in both."""
        spec = os.path.relpath(folder, self.top)
        out = self._run(
            "diff",
            "--name-status",
            "--no-renames",
            "--diff-filter=AD",
            "-z",
            since,
            until,
            "--",
            spec,
            strip=False,
        )
        gone: set[str] = set()
        new: set[str] = set()
        for status, (path,) in name_status(out.split("\0")):
            (gone if status == "D" else new).add(os.path.relpath(path, spec))
        return gone, new

    def blob_id(self, commit: str, path: Path) -> str | None:
        """The stored version of file `path` in `commit`; None when `commit` has no such file."""
        spec = Path(os.path.relpath(path, self.top)).as_posix()
        return (
            self._run("rev-parse", "--verify", "--quiet", f"{commit}:{spec}", check=False) or None
        )

    def stores(self, sha: str) -> bool:
        """Whether git already stores the file version `sha` (a blob of any commit, or fetched)."""
        try:
            return self.repo.odb.info(bytes.fromhex(sha)).type == b"blob"
        except (ValueError, OSError):  # unknown to git (GitPython says ValueError)
            return False

    def blob(self, sha: str) -> bytes:
        """The content of a stored file version."""
        return self.repo.git.execute(
            ["git", "cat-file", "blob", sha], stdout_as_string=False, strip_newline_in_stdout=False
        )

    def finish_merge(self, paths: Sequence[Path], message: str) -> str | None:
        """Record the resolved `paths` and conclude the merge in progress."""
        specs = [os.path.relpath(p, self.top) for p in paths]
        with git_locks.one_writer(Path(self.repo.git_dir)):
            specs = self._present(specs)
            if specs:
                self._run("add", "--all", "--", *specs)
            self._run("commit", "--quiet", "--no-verify", "--no-edit", "-m", message)
        return self.head()

    def _present(self, specs: Sequence[str]) -> list[str]:
        """`specs` but the paths neither in the work tree nor in the index (a path the merge
        already took away): naming one, `git add` would fail and record nothing."""
        if not specs:
            return []
        listed = self._run("ls-files", "-z", "--", *specs, strip=False).split("\0")
        known = set(listed)
        return [s for s in specs if s in known or os.path.lexists(self.top / s)]
