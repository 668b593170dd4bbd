"""Reading the notebook's history with git: who changed what, and what the team's commits bring.

A mixin of GitRepository (adapters/git_repo.py), which provides `_run`, `head` and `top`.
"""

from __future__ import annotations

import os
from pathlib import Path

from garefil.core.errors import GitFailure
from garefil.core.sharing import FileChange, HistoryEntry

_FIELD, _RECORD = "\x1f", "\x1e"


class HistoryReading:
    """The read-only history queries of a git work tree."""

    top: Path  # with `_run` and `head`, given by GitRepository

    def history(self, path: Path) -> list[HistoryEntry]:
        """Who changed `path` and when, newest first, following renames (not copies)."""
        spec = os.path.relpath(path, self.top)
        fields = _RECORD + _FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + "\n"
        log = ("log", "--follow", "--name-status", f"--format={fields}", "--", spec)
        out = self._run(*log, strip=False)  # str.strip would take the leading separator
        entries = []
        for record in out.split(_RECORD)[1:]:
            header, _, changes = record.partition("\n")
            entries.append(HistoryEntry(*header.split(_FIELD)))
            # `--follow` also follows copies: a note made from the same template as an older
            # one would take on that note's history. Its own history starts where it appeared.
            if changes.strip()[:1] in ("A", "C"):
                break
        return entries

    def last_author(self, commit: str, path: str) -> str:
        """Who last changed `path` (relative to the top folder) in the history of `commit`."""
        try:
            return self._run("log", "-1", "--format=%an", commit, "--", path) or "?"
        except GitFailure:
            return "?"

    def changes(self, since: str | None, until: str, folder: Path) -> list[FileChange]:
        """Files under `folder` changed between two commits, with who changed them."""
        spec = os.path.relpath(folder, self.top)
        range_ = f"{since}..{until}" if since else until
        out = self._run(
            "log",
            "--no-merges",
            "--name-status",
            "-M",
            f"--format={_RECORD}%an",
            range_,
            "--",
            spec,
        )
        authors: dict[str, list[str]] = {}
        kinds: dict[str, tuple[str, str | None]] = {}
        for record in out.split(_RECORD):
            lines = [line for line in record.splitlines() if line.strip()]
            if not lines:
                continue
            author = lines[0]
            for line in lines[1:]:
                status, *paths = line.split("\t")
                path = paths[-1]
                if path not in authors:  # the newest commit decides what happened to it
                    kinds[path] = (status[0], paths[0] if len(paths) > 1 else None)
                elif status[0] == "A" and kinds[path][0] == "M":
                    kinds[path] = ("A", None)  # added in the range, then changed: new to them
                elif status[0] == "A" and kinds[path][0] == "D":
                    kinds[path] = ("-", None)  # added then deleted in the range: never here
                if author not in authors.setdefault(path, []):
                    authors[path].append(author)
        return [
            FileChange(
                _relative(path, spec),
                _KINDS.get(kind, "modified"),
                tuple(authors[path]),
                _relative(old, spec) if old else None,
            )
            for path, (kind, old) in sorted(kinds.items())
            if kind != "-"
        ]

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


_KINDS = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed", "C": "added"}


def _relative(path: str, spec: str) -> str:
    return path if spec in ("", ".") else os.path.relpath(path, spec)
