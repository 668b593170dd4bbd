"""The values sharing works with: what git reports, what a sync or a status tells the coach."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import AnotherNotebookShared, IncomingSettingsRefused
from .model import Note


@dataclass(frozen=True)
class Settlement:
    """How a teammate settled a conflict: whose version the note kept, whose was set aside,
    and where git still holds the one set aside (`COMMIT:PATH`, PATH from the repository's
    top; `garefil show PATH --version COMMIT` shows it, with `path`, from the notebook's)."""

    kept_by: str
    set_aside_by: str
    set_aside: str
    path: str = ""  # the version set aside's path, relative to the notebook's folder
    mine: str | None = None  # "kept" or "set_aside": which one was the reader's; None: neither
    set_aside_title: str | None = None  # a conflict on the note's name: the name set aside
    renamed_here: bool = False  # and the note's name here is now the other one


@dataclass(frozen=True)
class FileChange:
    """A file changed by a range of commits, and who changed it."""

    path: str
    change: str  # added, modified, deleted or renamed
    authors: tuple[str, ...]
    old_path: str | None = None
    before: Note | None = None  # a deleted or renamed note as the reader had it
    theirs: Note | None = None  # a note the team renamed, kept aside here as a conflict copy
    restored: bool = False  # deleted here, back because a teammate changed it meanwhile
    generated: bool = False  # a page garefil rebuilds from the notes (the sommaire's): no note
    resolves: str | None = None  # a deleted conflict copy: the note whose conflict it settled
    clashes: bool = False  # that resolution met this coach's own, another: both versions kept
    gone_here: bool = False  # deleted by the team, and here already (it had come back there)
    in_conflict: bool = False  # kept in two versions by this sync: its conflict line says it
    settled: Settlement | None = None  # a resolution: whose version was kept, whose set aside
    copy: str | None = None  # in conflict since this sync: the copy that holds the other version
    copy_mine: bool = False  # that copy holds the reader's own version (they shared first)
    here: str | None = None  # renamed on both sides: where the note is here (`path` is theirs)
    # In conflict since this sync, whichever sync met it (`in_conflict`: this one; `copy`: a
    # teammate's, whose copy it brought), and the copy holding the other version, if found.
    conflicted: bool = False
    other_version: str | None = None


@dataclass(frozen=True)
class Unmerged:
    """A path git could not merge: the blob of each side, None where that side deleted it."""

    path: str  # relative to the repository's top folder
    ours: str | None
    theirs: str | None


@dataclass(frozen=True)
class RepoState:
    """What the repository looks like before sharing."""

    branch: str
    remote: str | None
    merging: bool
    rebasing: bool
    lock_age: float | None  # seconds since a `.git/index.lock` was left, if one is there
    updating: bool = False  # a merge was killed while git wrote the files (no MERGE_HEAD)


@dataclass(frozen=True)
class HistoryEntry:
    """One commit that touched a note."""

    commit: str
    author: str
    email: str
    date: str
    message: str

    def as_json(self) -> dict[str, str]:
        """The documented JSON shape (docs/json.md)."""
        return {
            "commit": self.commit,
            "author": self.author,
            "email": self.email,
            "date": self.date,
            "message": self.message,
        }


@dataclass(frozen=True)
class Conflict:
    """How one conflicting path was settled without losing anything."""

    path: str
    kind: str  # both-changed, deleted-here, deleted-there, generated
    copy: str | None = None  # the other version, saved beside the note
    by: str | None = None  # deleted on one side: the teammate who deleted or changed it
    old_path: str | None = None  # renamed here, deleted there: the name they deleted it under


@dataclass(frozen=True)
class SyncReport:
    """What a sync did."""

    committed: tuple[str, ...] = ()  # hand edits it recorded first
    incoming: tuple[FileChange, ...] = ()
    outgoing: int = 0  # commits shared
    conflicts: tuple[Conflict, ...] = ()
    attempts: int = 1
    recovered: tuple[str, ...] = ()  # "stale-lock", "merge"
    refused: tuple[str, ...] = ()  # symbolic links left out of the hand edits
    waiting: tuple[tuple[str, str], ...] = ()  # (note, conflict copy) still to resolve, after
    oversized: tuple[tuple[FileChange, int], ...] = ()  # (note brought in, bytes): too large
    arrived: tuple[str, ...] = ()  # the conflict copies of `waiting` this sync brought
    sent: tuple[str, ...] = ()  # the files the push changed for the team (pages rebuilt aside)
    renamed: tuple[tuple[str, str], ...] = ()  # (old, new): notes of `committed` renamed by hand

    def changed(self) -> tuple[str, ...]:
        """The files of `committed` changed, added or deleted, but not renamed."""
        return not_renamed(self.committed, self.renamed)


@dataclass(frozen=True)
class StatusReport:
    """Where the notebook stands with the team."""

    remote: str | None
    pending: tuple[str, ...]
    ahead: int
    behind: int
    conflicts: tuple[tuple[str, str], ...]  # (note, its conflict copy)
    unfinished: str | None  # "merge", "rebase" or "lock"
    # (path, who added it): symbolic links the team's changes bring, which sync refuses
    blocked: tuple[tuple[str, str], ...] = ()
    # The shared repository holds another notebook (sync refuses it): what sync says, then
    another_notebook: AnotherNotebookShared | None = None
    # The team's settings garefil refuses (sync refuses them): what sync says, then
    settings_refused: IncomingSettingsRefused | None = None
    renamed: tuple[tuple[str, str], ...] = ()  # (old, new): notes of `pending` renamed by hand
    signs: bool = True  # git knows the coach's name and e-mail (else nothing can be recorded)

    def changed(self) -> tuple[str, ...]:
        """The files of `pending` changed, added or deleted, but not renamed."""
        return not_renamed(self.pending, self.renamed)


def not_renamed(paths: tuple[str, ...], renamed: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """The `paths` that are neither name of a note `renamed` (old path, new path): a note
    renamed by hand is one change, never two files changed."""
    paired = {path for pair in renamed for path in pair}
    return tuple(path for path in paths if path not in paired)


def _hand_edits(changed: int, renamed: int) -> str:
    files = f"{changed} file{'' if changed == 1 else 's'} changed"
    notes = f"{renamed} note{'' if renamed == 1 else 's'} renamed"
    said = " and ".join(part for part, count in ((notes, renamed), (files, changed)) if count)
    return f"sync: {said} outside garefil"


def _merge_conflicts(count: int) -> str:
    conflicts = "conflict" if count == 1 else "conflicts"
    return f"sync: merged the team's work, {count} {conflicts} kept in two versions"


@dataclass(frozen=True)
class Messages:
    """Commit messages, in the team's language (the CLI passes translated ones). Those with a
    count are functions of it: the count decides the grammatical number, by each language's rule."""

    hand_edits: Callable[[int, int], str] = _hand_edits  # (files changed, notes renamed)
    merge: str = "sync: merged the team's work"
    merge_conflicts: Callable[[int], str] = _merge_conflicts
    resolved: str = "conflict resolved: {note}"
    attributes: str = "sync: garefil merges notes and settings (.gitattributes)"


DEFAULT_MESSAGES = Messages()

Progress = Callable[[int, int], None]  # (done, total): the command line may draw a bar


class MovedFiles:
    """A sync's progress through its steps (fetched, merged, pages rebuilt, shared), sized by
    the files it moves; counted only for someone to show. A merge is one git command: its
    steps are what can be seen to move."""

    STEPS = 4

    def __init__(
        self, count: Callable[[], tuple[int, int]] | None, progress: Progress | None
    ) -> None:
        self.progress = progress
        incoming, outgoing = count() if count else (0, 0)
        self.total = incoming + outgoing
        self._say(1)  # the team's work is fetched: counting it needed it

    def merged(self) -> None:
        """The team's files are merged into ours."""
        self._say(2)

    def brought_in(self) -> None:
        """The pages the merge changes are rebuilt."""
        self._say(3)

    def sent(self) -> None:
        """Ours are shared."""
        self._say(self.STEPS)

    def _say(self, step: int) -> None:
        if self.progress:
            self.progress(self.total * step // self.STEPS, self.total)
