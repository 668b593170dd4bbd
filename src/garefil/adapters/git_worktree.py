"""What git says of the notebook's work tree, for the index's freshness (core/freshness.py).

git itself, not GitPython (whose import costs more than these questions), and nothing written:
`--no-optional-locks` keeps `git status` from refreshing git's own index, which a `git` or a
`sync` running beside it may hold. Whenever git cannot vouch for every note file, the answer is
None and the notebook is walked as before: git missing or failing, no commit yet, a `.git` that
is not a folder at the notebook's root (a notebook inside a larger repository, a linked work
tree), a submodule or nested repository (git does not list the files inside them), a folder git
ignores or does not track as a whole (it names the folder, not the notes in it).
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from garefil.core.freshness import TreeState
from garefil.core.notebook import is_hidden_path

# Variables that would point git at another repository or index than the notebook's own.
_REDIRECTING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")
_STATUS = (
    "--no-optional-locks",
    "status",
    "--porcelain=v2",
    "--branch",
    "-z",
    "--untracked-files=all",
    "--ignored=matching",
    "--no-renames",
)


class GitWorkTree:
    """The work tree at `root`, as git sees it (implements core WorkTree)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def state(self) -> TreeState | None:
        """HEAD and the paths that are not clean; None when git cannot vouch for every file."""
        if not (self.root / ".git").is_dir() or (self.root / ".gitmodules").exists():
            return None
        status = self._git(*_STATUS)
        return None if status is None else read_status(status)

    def changed_between(self, old: str, new: str) -> frozenset[str] | None:
        """The paths that differ between commits `old` and `new`; None if git cannot say (the
        old commit is gone) or a folder changed as a whole (a nested repository)."""
        names = self._git("diff", "--name-only", "-z", "--no-renames", old, new, "--")
        if names is None:
            return None
        paths = frozenset(filter(None, names.split("\0")))
        if any(os.path.isdir(self.root / path) for path in paths):
            return None
        return paths

    def _git(self, *args: str) -> str | None:
        """git's output for `args` in the work tree, or None when it fails or is missing."""
        env = {k: v for k, v in os.environ.items() if k not in _REDIRECTING}
        try:
            done = subprocess.run(
                ["git", "-C", str(self.root), *args],
                capture_output=True,
                env=env | {"LC_ALL": "C"},
                check=False,
            )
        except OSError:
            return None
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", "surrogateescape")


def read_status(text: str) -> TreeState | None:
    """HEAD and the unclean paths from `status --porcelain=v2 --branch -z`; None when a
    submodule, a nested repository or a whole folder stands in the way, or there is no commit."""
    head, unsettled = None, set()
    for record in text.split("\0"):
        if record.startswith("# branch.oid "):
            head = record.split(" ", 2)[2]
        elif record[:2] in ("1 ", "u "):
            fields = record.split(" ", 8 if record[0] == "1" else 10)
            if fields[2].startswith("S"):  # a submodule: its files are not listed
                return None
            unsettled.add(fields[-1])
        elif record[:2] in ("? ", "! "):
            path = record[2:]
            if path.endswith("/"):  # a folder named as a whole: its notes are not listed
                if is_hidden_path(path.rstrip("/")):
                    continue  # .garefil/index/ and the like: never notes
                return None
            unsettled.add(path)
        elif record.startswith("2 "):  # renames are off; kept safe all the same
            return None
    if head is None or not head.isalnum():  # "(initial)": no commit yet
        return None
    return TreeState(head, frozenset(unsettled))
