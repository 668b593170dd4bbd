"""Reading the notebook's history with git: who changed what, and what the team's commits bring.

A mixin of GitRepository (adapters/git_repo.py), which provides `_run`, `head` and `top`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from garefil.core.errors import GitFailure
from garefil.core.sharing import FileChange, HistoryEntry

from .git_worktree import RECORD, log_records, renames

_FULL_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # SHA-1 or SHA-256

_FIELD = "\x1f"


class HistoryReading:
    """The read-only history queries of a git work tree."""

    top: Path  # with `_run` and `head`, given by GitRepository

    def history(self, path: Path) -> list[HistoryEntry]:
        """Who changed `path` and when, newest first, following renames (not copies)."""
        spec = os.path.relpath(path, self.top)
        fields = RECORD + _FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + "\n"
        log = ("log", "--follow", "--name-status", f"--format={fields}", "--", spec)
        out = self._run(*log, strip=False)  # str.strip would take the leading separator
        entries = []
        for record in out.split(RECORD)[1:]:
            header, _, changes = record.partition("\n")
            entries.append(HistoryEntry(*header.split(_FIELD)))
            # `--follow` also follows copies: a note made from the same template as an older
            # one would take on that note's history. Its own history starts where it appeared.
            if changes.strip()[:1] in ("A", "C"):
                break
        return entries

    def commit_id(self, commit: str) -> str | None:
        """The full id of the commit `commit` names (a short id, a branch…); None if none."""
        if not commit.strip() or commit.startswith("-"):
            return None  # an option, not a commit: never handed to git as one
        return self._run("rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}", check=False)

    def path_at(self, commit: str, path: Path) -> Path | None:
        """Where the file now at `path` was in `commit` (a full id), following its renames:
        the path it had after the newest change to it at or before that commit; None when
        it had none then (it came later, or its story does not reach that commit)."""
        spec = os.path.relpath(path, self.top)
        log = ("log", "--follow", "--name-status", "-z", f"--format={RECORD}%H", "--", spec)
        records = log_records(self._run(*log, strip=False))
        # The commit's whole ancestry in one git command, not one ancestry test per change.
        reached = set(self._run("rev-list", commit).split())
        for sha, files in records:
            if files and sha in reached:
                return self.top / files[0][1][-1]  # a rename's new name comes last
        return None

    def last_author(self, commit: str, path: str) -> str:
        """Who last changed `path` (relative to the top folder) in the history of `commit`."""
        try:
            return self._run("log", "-1", "--format=%an", commit, "--", path) or "?"
        except GitFailure:
            return "?"

    def last_commit(self, commit: str, path: str) -> str:
        """The short id of the newest commit of `commit`'s history that changed `path`."""
        try:
            return self._run("log", "-1", "--format=%h", commit, "--", path) or "?"
        except GitFailure:
            return "?"

    def changes(self, since: str | None, until: str, folder: Path) -> list[FileChange]:
        """Files under `folder` changed between two commits, with who changed them: each named
        as the reader had it at `since` (a note renamed then deleted is their note, deleted)."""
        spec = os.path.relpath(folder, self.top)
        range_ = f"{since}..{until}" if since else until
        out = self._run(
            "log",
            "--reverse",  # oldest first: each change follows the file where the last one left it
            "--no-merges",
            "--name-status",
            "-M",
            "-z",  # names as they are, not quoted
            f"--format={RECORD}%an",
            range_,
            "--",
            spec,
            strip=False,
        )
        story = _Story()
        for author, files in log_records(out):
            for status, paths in files:
                story.follow(status[0], list(paths), author)
        return [
            FileChange(
                _relative(path, spec), kind, tuple(authors), _relative(old, spec) if old else None
            )
            for path, kind, authors, old in story.outcome()
        ]

    def text_at(self, commit: str, path: Path) -> str | None:
        """The text of file `path` in `commit`, or None when it has none there."""
        spec = Path(os.path.relpath(path, self.top)).as_posix()
        try:
            return self._run("cat-file", "blob", f"{commit}:{spec}", strip=False)
        except GitFailure:
            return None

    def files_at(self, commit: str, folder: Path) -> set[str]:
        """The files under `folder` in `commit`, relative to `folder`. A commit named by its
        full id never changes: its tree is listed once per process (a sync asks several
        times for the one it started from)."""
        spec = os.path.relpath(folder, self.top)
        if _FULL_ID.fullmatch(commit) is None:  # a name that may move: read each time
            return set(self._tree(commit, spec))
        trees = self.__dict__.setdefault("_trees", {})
        if (commit, spec) not in trees:
            trees[commit, spec] = self._tree(commit, spec)
        return set(trees[commit, spec])

    def _tree(self, commit: str, spec: str) -> frozenset[str]:
        out = self._run("ls-tree", "-r", "-z", "--name-only", commit, "--", spec, strip=False)
        return frozenset(_relative(path, spec) for path in out.split("\0") if path)

    def last_change(self, since: str, path: Path) -> str | None:
        """The newest commit of this branch, not in `since`'s history and not a merge, that
        changed `path`; None when there is none. Full history: git would otherwise skip the
        side of a merge whose result does not hold `path`, where it was changed."""
        spec = Path(os.path.relpath(path, self.top)).as_posix()
        log = (
            "log",
            "-1",
            "--full-history",
            "--no-merges",
            "--format=%H",
            f"{since}..HEAD",
            "--",
            spec,
        )
        return self._run(*log, check=False) or None

    def merge_base(self, commit: str, other: str | None) -> str | None:
        """The best common ancestor of two commits; None when they share no history."""
        if other is None:
            return None
        return self._run("merge-base", commit, other, check=False) or None

    def renamed_between(self, since: str, until: str, folder: Path) -> list[tuple[str, str, int]]:
        """(old path, new path, percent alike), paths relative to `folder`, of each file under
        it git finds renamed from `since` to `until`, as a merge pairs them (`-M`: alike at
        half their lines at least)."""
        spec = os.path.relpath(folder, self.top)
        diff = ("diff", "--name-status", "-z", "-M", since, until, "--", spec)
        found = renames(self._run(*diff, strip=False))
        return [(_relative(old, spec), _relative(new, spec), alike) for old, new, alike in found]

    def incoming_symlinks(self, upstream: str, folder: Path) -> list[str]:
        """Symbolic links under `folder` that merging `upstream` would bring (paths relative to
        `folder`): what the others changed since the common ancestor, or their whole tree when
        there is none."""
        head = self.head()
        return self._symlinks_brought(head, upstream, folder) if head else []

    def outgoing_symlinks(self, upstream: str | None, folder: Path) -> list[str]:
        """Symbolic links under `folder` that pushing would bring to the team: what this side
        changed since the common ancestor with `upstream` (every link when nothing is shared)."""
        head = self.head()
        return self._symlinks_brought(upstream, head, folder) if head else []

    def sent_files(self, upstream: str | None, folder: Path) -> list[str]:
        """The files under `folder` that pushing changes for the team: those that differ
        between `upstream` (nothing, when nothing is shared) and this branch; a renamed file
        once, under its new name."""
        head, spec = self.head(), os.path.relpath(folder, self.top)
        if head is None:
            return []
        base = upstream or self._run("hash-object", "-t", "tree", "/dev/null")
        out = self._run("diff", "--name-only", "-M", "-z", base, head, "--", spec, strip=False)
        return [_relative(path, spec) for path in out.split("\0") if path]

    def _symlinks_brought(self, base: str | None, other: str, folder: Path) -> list[str]:
        """Links `other` adds or changes since its common ancestor with `base`, or all of its
        links when there is none."""
        spec = os.path.relpath(folder, self.top)
        if base and self._run("merge-base", "--all", base, other, check=False):
            out = self._run(
                "diff", "--raw", "--no-renames", "-z", f"{base}...{other}", "--", spec, strip=False
            )
            fields = out.split("\0")
            pairs = zip(fields[0::2], fields[1::2], strict=False)
            links = [path for meta, path in pairs if meta.split()[1:2] == ["120000"]]
        else:
            upstream = other
            out = self._run("ls-tree", "-r", "-z", upstream, "--", spec, strip=False)
            entries = [entry.split("\t", 1) for entry in out.split("\0") if "\t" in entry]
            links = [path for meta, path in entries if meta.startswith("120000")]
        return sorted(_relative(path, spec) for path in links)


class _Story:
    """What a range of commits did to each file, followed through renames: keyed by the path
    the file has now, each remembers the path it had before the range (None: new in it)."""

    def __init__(self) -> None:
        self.now: dict[str, tuple[str | None, list[str]]] = {}  # path → (path before, authors)
        self.gone: dict[str, list[str]] = {}  # path before the range → authors, for the deleted

    def follow(self, status: str, paths: list[str], author: str) -> None:
        """One file of one commit: A, M, D, R (renamed: old, new paths) or C (copied)."""
        authors = self._moved(status, paths)
        if authors is not None and author not in authors:
            authors.append(author)

    def _moved(self, status: str, paths: list[str]) -> list[str] | None:
        """Apply one change; the authors of the file it concerns (None: none left to tell)."""
        path = paths[-1]
        if status == "R":
            self.now[path] = self.now.pop(paths[0], (paths[0], []))
        elif status in ("A", "C"):
            was_here = self.gone.pop(path, None)  # deleted, then added again: changed
            self.now[path] = (path, was_here) if was_here is not None else (None, [])
        elif status == "D":
            before, authors = self.now.pop(path, (path, []))
            if before is None:  # added then deleted in the range: never the reader's
                return None
            self.gone[before] = authors
            return authors
        else:
            self.now.setdefault(path, (path, []))
        return self.now[path][1]

    def outcome(self) -> list[tuple[str, str, list[str], str | None]]:
        """(path, added/modified/renamed/deleted, authors, path before for a rename), sorted."""
        found = [(path, "deleted", authors, None) for path, authors in self.gone.items()]
        for path, (before, authors) in self.now.items():
            if before is None:
                found.append((path, "added", authors, None))
            elif before == path:
                found.append((path, "modified", authors, None))
            else:
                found.append((path, "renamed", authors, before))
        return sorted(found)


def _relative(path: str, spec: str) -> str:
    return path if spec in ("", ".") else os.path.relpath(path, spec)
