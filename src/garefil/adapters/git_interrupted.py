"""A merge killed while git wrote the work tree, undone from git by the next sync.

Ctrl-C never cuts a merge (git_undivided.py), but `kill -9` or a power cut can: git then
leaves some files in the team's version, some in ours, one perhaps empty, and no MERGE_HEAD.
Before each merge garefil records, in `.git/garefil-update`, the commit it merges into and
the one it brings in; the record is removed once git has finished. A record still there (and
no garefil writing: the writer's lock is free) means the merge was killed. If HEAD moved or
MERGE_HEAD exists, git had finished writing the files, and the usual recovery applies.
Otherwise, each file the merge could change is put back as HEAD has it when its content is
git's doing: missing, or the team's version or the merged one, whole or cut short (git writes
a file from its start). Anything else was written by the coach since, and is kept for sync to
record. The files git writes for the notes' merge driver (`.merge_file_…`), which a killed git
leaves at the top of the work tree, are deleted too. The merge is then made again by the same
sync, from the start.

A mixin of GitRepository (adapters/git_repo.py), which provides `_run`, `head`,
`wait_until_idle`, `repo` and `top`.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import git

from garefil.core.atomic_files import atomic_write

from . import git_locks

_RECORD = "garefil-update"
_DRIVER_TEMPORARIES = ".merge_file_??????"  # git's names for a merge driver's inputs


class Interrupted:
    """The record of a merge under way, and the undoing of one that was killed."""

    repo: git.Repo
    top: Path  # with `_run`, `head` and `wait_until_idle`, given by GitRepository

    @contextlib.contextmanager
    def update_recorded(self, incoming: str) -> Iterator[None]:
        """Record that the work tree is moved from HEAD towards `incoming` while the block
        runs; the record stays if the block fails (git killed) or the process is killed."""
        before = self.head()
        record = self._update_record()
        if before is not None:  # a first merge into nothing: nothing of ours to put back
            atomic_write(record, f"{before}\n{incoming}\n".encode())
        yield
        record.unlink(missing_ok=True)

    def update_interrupted(self) -> bool:
        """Whether a merge was killed while git wrote the files: its record is left, and no
        garefil is writing here now."""
        return self._update_record().exists() and git_locks.no_writer(Path(self.repo.git_dir))

    def undo_interrupted_update(self) -> list[str]:
        """Put back as HEAD has them the files a killed merge left half-written; the paths
        put back (relative to the work tree's top)."""
        git_dir = Path(self.repo.git_dir)
        with git_locks.one_writer(git_dir):
            # Killed alone, garefil leaves its git working on in a process group of its own:
            # the merge then ends whole, and there is nothing to undo once it has.
            self.wait_until_idle()
            record = self._update_record()
            if not record.exists() or git_locks.git_working_in(git_dir):
                return []  # another garefil undid it meanwhile, or git is still at work
            before, incoming = record.read_text(encoding="utf-8").split()
            repaired = self._temporaries_dropped()
            if self.head() == before and not (git_dir / "MERGE_HEAD").exists():
                repaired += self._put_back(before, incoming)
            record.unlink()
            return repaired

    def _temporaries_dropped(self) -> list[str]:
        """Delete the files git writes beside the notes for a merge driver (`.merge_file_…`,
        the three versions it is given), which a killed git leaves; never a recorded one."""
        left = [path.name for path in self.top.glob(_DRIVER_TEMPORARIES) if path.is_file()]
        recorded = self._run("ls-files", "-z", "--", *left, strip=False).split("\0") if left else []
        dropped = [name for name in left if name not in recorded]
        for name in dropped:
            (self.top / name).unlink(missing_ok=True)
        return dropped

    def _put_back(self, before: str, incoming: str) -> list[str]:
        """Index and work tree of the files the merge could change, as `before` has them,
        but for the files whose content is not git's doing."""
        merged = self._merged(before, incoming)
        paths = self._changed_by(before, incoming, merged)
        if not paths:
            return []
        self._run("--literal-pathspecs", "reset", "--quiet", before, "--", *paths)
        ours = self._blobs(before, paths)
        wanted = [self._blobs(incoming, paths), self._blobs(merged, paths)]
        cut = [p for p in paths if self._half_written(p, ours.get(p), wanted)]
        back = [p for p in cut if p in ours]
        if back:
            self._run("--literal-pathspecs", "checkout", before, "--", *back)
        for path in cut:
            if path not in ours:  # brought by the team, not here before
                (self.top / path).unlink(missing_ok=True)
        return cut

    def _changed_by(self, before: str, incoming: str, merged: str | None) -> list[str]:
        """The files a merge of `incoming` into `before` may write: those the team changed,
        and those the merged tree changes (a note renamed here, changed there)."""
        base = self._run("merge-base", before, incoming, check=False)
        spans = [f"{before}...{incoming}" if base else f"{before}..{incoming}"]
        spans += [f"{before}..{merged}"] if merged else []
        paths: dict[str, None] = {}
        for span in spans:
            listed = self._run("diff", "--name-only", "--no-renames", "-z", span, strip=False)
            paths.update(dict.fromkeys(path for path in listed.split("\0") if path))
        return list(paths)

    def _merged(self, before: str, incoming: str) -> str | None:
        """The tree the merge makes (the notes' merge driver included), or None when git
        cannot say (an older git than 2.38)."""
        status, out, _err = self.repo.git.execute(
            ["git", "merge-tree", "--write-tree", "--no-messages", before, incoming],
            with_extended_output=True,
            with_exceptions=False,
        )
        return out.split()[0] if status in (0, 1) and out else None  # 1: conflicts in it

    def _blobs(self, tree: str | None, paths: Sequence[str]) -> dict[str, str]:
        """Path → stored version, for the `paths` that `tree` (a commit or tree) holds."""
        if tree is None:
            return {}
        out = self._run("--literal-pathspecs", "ls-tree", "-r", "-z", tree, "--", *paths,
                        strip=False)  # fmt: skip
        entries = (line.split("\t", 1) for line in out.split("\0") if line)
        return {path: info.split()[2] for info, path in entries}

    def _half_written(self, path: str, ours: str | None, wanted: list[dict[str, str]]) -> bool:
        """Whether the file at `path` differs from our version `ours` as git leaves it when
        killed while writing: missing, or the beginning (or all) of a version it was writing."""
        try:
            content = (self.top / path).read_bytes()
        except FileNotFoundError:
            return ours is not None
        except OSError:  # a folder, a link to nowhere: no file git was writing
            return False
        if _blob_id(content) == ours:
            return False
        versions = {found[path] for found in wanted if path in found}
        return any(self._content(sha).startswith(content) for sha in versions)

    def _content(self, sha: str) -> bytes:
        return self.repo.odb.stream(bytes.fromhex(sha)).read()

    def _update_record(self) -> Path:
        return Path(self.repo.git_dir) / _RECORD


def _blob_id(content: bytes) -> str:
    """The name git gives a file of this content (SHA-1 repositories, git's default)."""
    return hashlib.sha1(b"blob %d\0" % len(content) + content).hexdigest()  # noqa: S324
