"""What the search index holds and answers: its entries, the changes a refresh plans, the
report a read command asks, and the store they are kept in (a port, core/indexing.py keeps it
in step with the notes; adapters/index_store.py is the store)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import NamedTuple, Protocol

from .conflict_copies import conflict_pairs, is_conflict_copy
from .freshness import FileState, History, Mark, WorkTree
from .model import Listing, Note, NoteFilter, Problem
from .notebook import DEAD_LINK, FOLDER_LINK, UNSAFE_LINK

Progress = Callable[[int, int], None]


class Entry(NamedTuple):
    """What the index knows of one file: its state when read, its hash, and what it held."""

    state: FileState
    digest: str
    parsed: Note | None = None  # the note without its body, or None when unreadable
    problem: Problem | None = None
    # Builds the note on demand: a search needs only its hits, not 10,000 Note objects.
    loader: Callable[[], Note] | None = None
    cut: bool = False  # only the first MAX_INDEXED_CHARS (core/indexing.py) of its body are indexed

    @property
    def note(self) -> Note | None:
        """The note (without its body), or None when the file cannot be read."""
        return self.loader() if self.loader is not None else self.parsed


@dataclass(frozen=True)
class Upsert:
    """A file to (re)index, with its full body for the full-text index."""

    entry: Entry
    body: str


@dataclass(frozen=True)
class Plan:
    """What the merge-join found."""

    added: tuple[FileState, ...] = ()
    changed: tuple[FileState, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


class Tally(NamedTuple):
    """What the indexed files are: notes as `list` counts them, and the other files apart."""

    notes: int
    unreadable: int
    links: int  # symbolic links leading outside the notebook, to folders or nowhere: never read
    conflict_copies: int  # the other versions of notes, waiting to be resolved
    cut: int


class Catalogued(Protocol):
    """The index's record of every file (an adapter: the catalogue), asked only what a command
    needs: a fresh index answers `list --tag` without building ten thousand entries."""

    @property
    def version(self) -> object:
        """Changes whenever the record is written."""

    def count(self) -> int:
        """How many files the index holds."""

    def paths(self) -> list[str]:
        """Every file's path, sorted."""

    def conflict_copies(self) -> list[str]:
        """The paths of the conflict copies (sharing.is_conflict_copy), sorted."""

    def states(self, paths: Collection[str] | None) -> dict[str, FileState]:
        """The recorded states of the files at `paths` (None: of every file)."""

    def entries(self, paths: Collection[str] | None) -> dict[str, Entry]:
        """The entries of the files at `paths` (None: of every file), sorted by path."""

    def notes(self, paths: Collection[str] | None) -> list[Note]:
        """The readable notes at `paths` (None: every one), without their body, by path."""

    def ids(self) -> dict[str, str]:
        """The id of every readable note, by path: no note decoded."""

    def digests(self, paths: Collection[str]) -> dict[str, str]:
        """The content hash recorded for each of `paths` the index holds."""

    def problems(self) -> tuple[Problem, ...]:
        """Why each unreadable file cannot be read, sorted by path."""

    def cut(self) -> tuple[str, ...]:
        """The notes too long to be indexed whole."""

    def cut_sizes(self) -> list[tuple[str, int]]:
        """(path, size in bytes) of each note too long to be indexed whole, by path."""

    @property
    def recorded_head(self) -> str | None:
        """The commit up to which `recorded` knows git's times (None: it does not know)."""

    def recorded(self, paths: Collection[str]) -> dict[str, tuple[datetime, datetime]] | None:
        """When git first and last recorded each of `paths` (local time; none for a path
        never committed); None when the catalogue cannot say."""


@dataclass(frozen=True)
class IndexReport:
    """What a refresh did; `rebuilt_because` is set when the whole index was rebuilt.

    Its questions are answered by the fresh catalogue, decoding only what each one needs.
    `files` counts every file the index holds; `tally()` says which of them are notes."""

    catalogue: Catalogued = field(repr=False, compare=False)
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged_content: int = 0
    rebuilt_because: str | None = None
    store: IndexStore | None = field(default=None, repr=False, compare=False)
    head: str | None = None  # the commit checked out, as git said while refreshing (None: unsure)

    @property
    def files(self) -> int:
        """How many files the index holds, notes or not."""
        return self.catalogue.count()

    @cached_property
    def entries(self) -> dict[str, Entry]:
        """Every file's entry, sorted by path (read once: for the commands that need all)."""
        return self.catalogue.entries(None)

    def listing(self, only: Collection[str] | None = None) -> Listing:
        """The notebook's notes and problems, as the index knows them (no file is read); with
        `only`, just the notes at those paths (the others are never decoded)."""
        if "entries" in self.__dict__:  # read whole already
            chosen = self.entries if only is None else sorted(set(only) & self.entries.keys())
            notes = tuple(note for p in chosen if (note := self.entries[p].note) is not None)
        else:
            notes = tuple(self.catalogue.notes(only))
        return Listing(notes, self.problems())

    def ids(self) -> dict[str, str]:
        """The id of every readable note, by path, as the index knows it: what a reference to
        a note is matched against (core/references.py), without decoding ten thousand notes."""
        if "entries" in self.__dict__:  # read whole already
            return {p: e.note.id for p, e in self.entries.items() if e.note is not None}
        return self.catalogue.ids()

    def passing(self, wanted: NoteFilter) -> set[str] | None:
        """The paths of the notes whose type, tags and dates pass `wanted`, as the catalogue's
        columns say (no note decoded); None when the store cannot say."""
        return self.store.passing(wanted) if self.store is not None else None

    def tag_counts(self) -> list[tuple[str, int]]:
        """Each tag with how many readable notes carry it, the conflict copies left out: from
        the catalogue's table when it has one, no note decoded."""
        counted = self.store.tag_counts() if self.store is not None else None
        if counted is None:
            notes = self.listing().notes
            counted = Counter(t for n in notes if not is_conflict_copy(n.path) for t in n.tags)
            counted = list(counted.items())
        return counted

    def conflicts(self) -> list[tuple[str, str]]:
        """(note, conflict copy) for every conflict copy the index holds."""
        return conflict_pairs(self.catalogue.conflict_copies())

    @property
    def notes(self) -> int:
        """How many notes the notebook holds, counted as `list` counts them."""
        return self.tally().notes

    def tally(self) -> Tally:
        """The indexed files sorted into notes, unreadable files, links and conflict copies."""
        copies = {copy for _note, copy in self.conflicts()}
        problems = [p for p in self.problems() if p.path not in copies]
        links = sum(p.detail in (UNSAFE_LINK, FOLDER_LINK, DEAD_LINK) for p in problems)
        unreadable = len(problems) - links
        notes = self.files - len(copies) - len(problems)
        return Tally(notes, unreadable, links, len(copies), len(self.cut()))

    def problems(self) -> tuple[Problem, ...]:
        """The files that could not be read, without building every note."""
        return self.catalogue.problems()

    def cut(self) -> tuple[str, ...]:
        """The notes too long to be indexed whole (only their beginning is searchable)."""
        return self.catalogue.cut()

    def cut_sizes(self) -> list[tuple[str, int]]:
        """(path, size in bytes) of each note too long to be indexed whole: a search that
        finds nothing names them, as the places it could not look into."""
        return self.catalogue.cut_sizes()

    def recorded(self, paths: Collection[str]) -> dict[str, tuple[datetime, datetime]] | None:
        """When git first and last recorded each of `paths`, as the index keeps it (no git
        asked); None when it cannot say: git could not vouch for the work tree, or the times
        kept are not those of the commit checked out (another garefil held the index)."""
        if self.head is None or self.catalogue.recorded_head != self.head:
            return None
        return self.catalogue.recorded(paths) if paths else {}

    def note(self, path: str) -> Note | None:
        """The note at `path`, if the index knows it and it is readable."""
        if "entries" in self.__dict__:
            entry = self.entries.get(path)
        else:
            entry = self.catalogue.entries((path,)).get(path)
        return entry.note if entry is not None else None


class IndexStore(Protocol):
    """Where the index lives (an adapter: a catalogue plus a full-text engine)."""

    def open(self) -> Catalogued | None:
        """The catalogue, ready to answer, or None if the index is missing, foreign or
        unreadable (why: `problem`)."""

    @property
    def problem(self) -> str | None:
        """Why the last `open` returned None: 'missing', 'outdated' or 'damaged'; or, from any
        call on, 'unsafe' or 'read-only' when a private, temporary index stands in for the
        notebook's (which is then never written)."""

    def locked(self) -> AbstractContextManager[None]:
        """Hold the index for writing; waits for another garefil, then IndexBusy. What killed
        builds left is removed first."""

    def tidy(self) -> None:
        """Remove what killed builds left, only if that needs no wait (else the writer will)."""

    def passing(self, wanted: NoteFilter) -> set[str] | None:
        """The paths of the notes whose type, tags and dates pass `wanted`, after the last open
        or apply; None when the store cannot say (every note is then checked)."""

    def tag_counts(self) -> list[tuple[str, int]] | None:
        """Each tag with how many readable notes (not conflict copies) carry it, without
        decoding them; None if unknown."""

    def work_tree(self) -> WorkTree | None:
        """The notebook's work tree, to ask which files may have changed (None: walk them)."""

    def recorded_mark(self) -> Mark | None:
        """The work tree's state the catalogue last opened matches, if one was recorded."""

    def remember(self, mark: Mark | None, history: History | None = None) -> None:
        """Record `mark` with unchanged entries, and the commits of `history` (None: git's
        times are unknown), if it moved and that needs no wait."""

    def restamp(self, states: Collection[FileState], digests: Mapping[str, str]) -> None:
        """Record the new `states` of files whose content is still that of `digests`, if that
        needs no wait (else the next command compares them again)."""

    def apply(
        self,
        upserts: Iterator[Upsert],
        removed: tuple[str, ...],
        entries: dict[str, Entry],
        rebuild: bool,
        expected: int = 0,
        mark: Mark | None = None,
        history: History | None = None,
    ) -> None:
        """Write the changes: the full text of `upserts`, then the `entries` read (filled in as
        `upserts` are consumed; every entry if `rebuild`) and the `removed` paths, which then
        match the work tree's `mark` (None: no mark is kept, the next refresh walks), and the
        commits of `history`, when git recorded each file (None: unknown, git is asked)."""
