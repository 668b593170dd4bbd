"""Which note files may differ from the index: asked of git when it can tell, else walked.

The notebook is a git work tree. A note file is as the index last read it if git shows it neither
changed between the commit recorded then and HEAD (`git diff`), nor not clean now (modified,
staged, untracked or ignored: `git status`), nor not clean then. git answers from its own index,
in C; walking and `stat`ing ten thousand files in Python costs more (docs/performance.md). Only
the few paths git names are then `stat`ed, and the usual merge-join (indexing.plan) compares them
with the index's entries for those paths alone, so the rules of what is a note, and of when a
note changed, stay those of the walk, and the ten thousand other entries are never read.

What is recorded with the index once it matches the files (a `Mark`): HEAD, the note paths git
showed as not clean, and the notes that are symbolic links (git does not watch their target, so
they are always looked at). A write to the index that was not made from such a look (git could
not tell) records no mark, so the next command walks the folder again. The work tree adapter
answers None whenever git cannot vouch for every file (no git, no commit yet, a nested
repository or submodule, a folder git ignores as a whole, a recorded commit that is gone): the
folder is then walked, as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple, Protocol


class FileState(NamedTuple):
    """What a cheap `stat` says about a note file (a tuple: ten thousand are made per command)."""

    path: str
    size: int
    mtime_ns: int
    # When its metadata last changed: every write moves it, and no tool sets it back (`cp -p`,
    # `rsync -t` and `touch -r` restore the mtime only). None in the index: see `as_recorded`.
    ctime_ns: int | None = None


# File systems stamp files from a coarse clock (a few milliseconds on Linux, a second or two on
# older or removable disks): a file written this shortly before it was read may be written again
# with the very same stamps and size.
UNSETTLED_NS = 2_000_000_000


def as_recorded(state: FileState, read_at: int) -> FileState:
    """`state` as the index records it for a file read at `read_at` (ns since the epoch): its
    ctime left out when the file may still change without its stamps moving (git's "racily
    clean" entries), so that the next look compares its content instead of trusting them."""
    if max(state.mtime_ns, state.ctime_ns or 0) >= read_at - UNSETTLED_NS:
        return state._replace(ctime_ns=None)
    return state


class TreeState(NamedTuple):
    """What git says of the work tree now."""

    head: str  # the commit checked out
    unsettled: frozenset[str]  # the files it shows as modified, staged, untracked or ignored


class Commit(NamedTuple):
    """One commit as the catalogue keeps it: when it was written (its author's time, in seconds
    since the epoch: a sync that replays a coach's commits keeps it), the files it changed,
    which of them it renamed (old path, new path: both are among `paths`), its id and its
    parents' (to place it among the commits of its second: core/commit_order.py)."""

    second: int
    paths: tuple[str, ...]
    renamed: tuple[tuple[str, str], ...] = ()
    id: str = ""
    parents: tuple[str, ...] = ()


class History(NamedTuple):
    """The commits git recorded up to `head`, oldest first: since a commit the catalogue
    already has (`whole` False), or from the very first (`whole`: every earlier time is
    forgotten and recounted)."""

    head: str
    commits: tuple[Commit, ...]
    whole: bool


class WorkTree(Protocol):
    """The notebook's git work tree, as far as git can vouch for it (an adapter)."""

    def state(self) -> TreeState | None:
        """HEAD and the files that are not clean; None when git cannot vouch for every file."""

    def changed_between(self, old: str, new: str) -> frozenset[str] | None:
        """The files that differ between commits `old` and `new` (None: `old` is unknown)."""

    def history(self, since: str | None, head: str) -> History | None:
        """The commits that lead from `since` to `head` (None for `since`, or a `since` that is
        gone or no longer in `head`'s past: the whole history); None when git cannot tell."""

    def settle(self) -> None:
        """Let git record the files' stat data, where it can without waiting (after a full
        build): a work tree checked out in the same second as git's own index is read back by
        every later `status`, which never writes that index itself."""


@dataclass(frozen=True)
class Mark:
    """The state of the work tree the index was last brought up to date with."""

    head: str
    unsettled: frozenset[str]
    links: frozenset[str] = frozenset()

    def text(self) -> str:
        """The mark as recorded with the catalogue."""
        return json.dumps([self.head, sorted(self.unsettled), sorted(self.links)])

    @classmethod
    def read(cls, text: str | None) -> Mark | None:
        """The mark `text` records; None when there is none or it is not one."""
        try:
            head, unsettled, links = json.loads(text or "")
            return cls(str(head), frozenset(map(str, unsettled)), frozenset(map(str, links)))
        except (ValueError, TypeError):
            return None


class Look(NamedTuple):
    """The note files as found, and the mark to record once the index matches them."""

    disk: list[FileState]  # sorted by path
    mark: Mark | None
    # The only paths looked at, git vouching for every other one (None: the folder was walked):
    # the index's entries are then compared for these paths alone, never all loaded.
    among: frozenset[str] | None = None


class Finder(Protocol):
    """How the notebook's files are found and `stat`ed (core/notebook.py)."""

    def file_stats(self, links_seen: set[str] | None = None) -> list[tuple[str, int, int, int]]: ...

    def file_state(self, relative: str) -> tuple[str, int, int, int] | None: ...

    def links_among(self, paths: Iterable[str]) -> frozenset[str]: ...


def look(finder: Finder, recorded: Mark | None, tree: WorkTree | None) -> Look:
    """The note files (path, size, mtime, ctime), sorted by path: only those git names are `stat`ed
    when the index's `recorded` mark lets it tell (None: there is no index, or no mark), else
    all are walked."""
    now = tree.state() if tree is not None else None
    if now is None:
        return Look(_walked(finder), None)
    maybe = _maybe_changed(recorded, now, tree)
    if maybe is None:
        links: set[str] = set()  # found by the walk: a look at each of ten thousand notes saved
        disk = _walked(finder, links)
        return Look(disk, Mark(now.head, now.unsettled, frozenset(links)))
    found: Callable[[str], tuple[str, int, int, int] | None] = finder.file_state
    disk = sorted(FileState._make(state) for path in maybe if (state := found(path)) is not None)
    return Look(disk, Mark(now.head, now.unsettled, finder.links_among(maybe)), maybe)


def _walked(finder: Finder, links_seen: set[str] | None = None) -> list[FileState]:
    return list(map(FileState._make, finder.file_stats(links_seen)))


def _maybe_changed(recorded: Mark | None, now: TreeState, tree: WorkTree) -> frozenset[str] | None:
    """Every path that may differ from the index (None: git cannot tell, walk)."""
    if recorded is None:
        return None
    committed = frozenset() if recorded.head == now.head else None
    if committed is None:
        committed = tree.changed_between(recorded.head, now.head)
        if committed is None:
            return None
    return committed | now.unsettled | recorded.unsettled | recorded.links
