"""Keeping the search index in step with the notes, cheaply, before every read command.

The index is derived data: it can always be deleted and rebuilt from the files. To stay cheap
it is brought up to date incrementally, the way zk does it: a merge-join of two sorted streams,
the notes on disk (path, size, mtime) and the entries in the index. Only on disk → add; only in
the index → remove; size or mtime different → read the file and compare its content hash, and
re-index only if the content really changed (a `git checkout` touches mtimes without changing
text). After a `git pull` of ten notes, ten files are read, whatever the notebook's size.
When git can tell which files may have changed since the index was last brought up to date
(core/freshness.py), only those are `stat`ed instead of walking every one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from hashlib import blake2b
from pathlib import Path
from typing import NamedTuple, Protocol

from .boilerplate import boilerplate
from .conflict_copies import is_conflict_copy
from .errors import NotInNotebook
from .freshness import FileState, Look, Mark, WorkTree, look
from .frontmatter_text import FrontMatterError
from .model import Listing, Note, NoteFilter, Problem
from .notebook import UNSAFE_LINK, Notebook, decode_text, unreadable
from .notefile import read_note
from .remarks import is_stub

Progress = Callable[[int, int], None]
# The full-text index holds at most this much of a note's body: a 50 MB note (an export, a log
# pasted by mistake) otherwise takes a minute and a gigabyte to index. Such notes are recorded as
# cut, and `index` lists them.
MAX_INDEXED_CHARS = 1_000_000
MAX_READ_BYTES = 4 * MAX_INDEXED_CHARS + 65_536  # the header, then at most 4 bytes a character


class Entry(NamedTuple):
    """What the index knows of one file: its state when read, its hash, and what it held."""

    state: FileState
    digest: str
    parsed: Note | None = None  # the note without its body, or None when unreadable
    problem: Problem | None = None
    # Builds the note on demand: a search needs only its hits, not 10,000 Note objects.
    loader: Callable[[], Note] | None = None
    cut: bool = False  # only the first MAX_INDEXED_CHARS of its body are in the full text

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
    links: int  # symbolic links leading outside the notebook, never read
    conflict_copies: int  # the other versions of notes, waiting to be resolved
    cut: int


@dataclass(frozen=True)
class IndexReport:
    """What a refresh did; `rebuilt_because` is set when the whole index was rebuilt.

    `files` counts every file the index holds; `tally()` says which of them are notes."""

    files: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged_content: int = 0
    rebuilt_because: str | None = None
    entries: Mapping[str, Entry] = field(default_factory=dict, repr=False, compare=False)
    store: IndexStore | None = field(default=None, repr=False, compare=False)

    def listing(self, only: Collection[str] | None = None) -> Listing:
        """The notebook's notes and problems, as the index knows them (no file is read); with
        `only`, just the notes at those paths (the others are never decoded)."""
        entries = self.entries.values()
        if only is not None:
            entries = [e for path, e in self.entries.items() if path in only]
        notes = tuple(note for e in entries if (note := e.note) is not None)
        return Listing(notes, self.problems())

    def passing(self, wanted: NoteFilter) -> set[str] | None:
        """The paths of the notes whose type, tags and dates pass `wanted`, as the catalogue's
        columns say (no note decoded); None when the store cannot say."""
        return self.store.passing(wanted) if self.store is not None else None

    def tag_lists(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(path, tags) of every readable note, from the catalogue's column when it has one."""
        listed = self.store.tag_lists() if self.store is not None else None
        if listed is None:
            listed = ((n.path, n.tags) for n in self.listing().notes)
        return iter(listed)

    @property
    def notes(self) -> int:
        """How many notes the notebook holds, counted as `list` counts them."""
        return self.tally().notes

    def tally(self) -> Tally:
        """The indexed files sorted into notes, unreadable files, links and conflict copies."""
        notes = unreadable = links = copies = cut = 0
        for path, entry in self.entries.items():
            cut += entry.cut
            if is_conflict_copy(path):
                copies += 1
            elif entry.problem is None:
                notes += 1
            elif entry.problem.detail == UNSAFE_LINK:
                links += 1
            else:
                unreadable += 1
        return Tally(notes, unreadable, links, copies, cut)

    def problems(self) -> tuple[Problem, ...]:
        """The files that could not be read, without building every note."""
        return tuple(e.problem for e in self.entries.values() if e.problem is not None)

    def cut(self) -> tuple[str, ...]:
        """The notes too long to be indexed whole (only their beginning is searchable)."""
        return tuple(path for path, entry in self.entries.items() if entry.cut)

    def note(self, path: str) -> Note | None:
        """The note at `path`, if the index knows it and it is readable."""
        entry = self.entries.get(path)
        return entry.note if entry is not None else None


class IndexStore(Protocol):
    """Where the index lives (an adapter: a catalogue plus a full-text engine)."""

    def load(self) -> dict[str, Entry] | None:
        """The entries, or None if the index is missing, foreign or unreadable (why: `problem`)."""

    @property
    def problem(self) -> str | None:
        """Why the last `load` returned None: 'missing', 'outdated' or 'damaged'; or, from any
        call on, 'unsafe' or 'read-only' when a private, temporary index stands in for the
        notebook's (which is then never written)."""

    def locked(self) -> AbstractContextManager[None]:
        """Hold the index for writing; waits for another garefil, then IndexBusy. What killed
        builds left is removed first."""

    def tidy(self) -> None:
        """Remove what killed builds left, only if that needs no wait (else the writer will)."""

    def passing(self, wanted: NoteFilter) -> set[str] | None:
        """The paths of the notes whose type, tags and dates pass `wanted`, after the last load
        or apply; None when the store cannot say (every note is then checked)."""

    def tag_lists(self) -> Iterable[tuple[str, tuple[str, ...]]] | None:
        """(path, tags) of every readable note, without decoding them; None if unknown."""

    def work_tree(self) -> WorkTree | None:
        """The notebook's work tree, to ask which files may have changed (None: walk them)."""

    def recorded_mark(self) -> Mark | None:
        """The work tree's state the entries of the last load match, if one was recorded."""

    def remember(self, mark: Mark | None) -> None:
        """Record `mark` with unchanged entries, if it moved and that needs no wait."""

    def apply(
        self,
        upserts: Iterator[Upsert],
        removed: tuple[str, ...],
        entries: dict[str, Entry],
        rebuild: bool,
        expected: int = 0,
        mark: Mark | None = None,
    ) -> None:
        """Write the changes (everything if `rebuild`) and the resulting `entries`, which match
        the work tree's `mark` (None: no mark is kept, the next refresh walks)."""


def plan(disk: list[FileState], indexed: Mapping[str, Entry]) -> Plan:
    """Merge-join the sorted files on disk with the sorted paths in the index."""
    added, changed, removed = [], [], []
    known = sorted(indexed)
    i = j = 0
    while i < len(disk) or j < len(known):
        if j == len(known) or (i < len(disk) and disk[i].path < known[j]):
            added.append(disk[i])
            i += 1
        elif i == len(disk) or known[j] < disk[i].path:
            removed.append(known[j])
            j += 1
        else:
            if indexed[known[j]].state != disk[i]:
                changed.append(disk[i])
            i, j = i + 1, j + 1
    return Plan(tuple(added), tuple(changed), tuple(removed))


def refresh(
    notebook: Notebook, store: IndexStore, progress: Progress | None = None, rebuild: bool = False
) -> IndexReport:
    """Bring the index up to date with the notes; cheap when nothing changed."""
    entries = None if rebuild else store.load()
    found = _look(notebook, store, entries)
    if entries is not None and plan(found.disk, entries).empty:
        store.tidy()
        store.remember(found.mark)
        return IndexReport(len(entries), entries=entries, store=store)
    with store.locked():
        # Another garefil may have done the work while we waited for the lock: start again
        # from what it wrote (the files are looked at again only then).
        current = None if rebuild else store.load()
        if current != entries:
            entries, found = current, _look(notebook, store, current)
        # A private index standing in for the notebook's (see `IndexStore.problem`) is always
        # built anew, and said so even when a rebuild was asked for.
        if rebuild:
            reason = store.problem or "asked"
        else:
            reason = None if entries is not None else store.problem
        todo = plan(found.disk, entries or {})
        if entries is not None and todo.empty:
            store.remember(found.mark)
            return IndexReport(len(entries), entries=entries, store=store)
        return _apply(notebook, store, entries or {}, todo, reason, progress, found.mark)


def _look(notebook: Notebook, store: IndexStore, entries: Mapping[str, Entry] | None) -> Look:
    """The note files on disk, as git or a walk finds them (see core/freshness.py)."""
    if entries is None:
        return look(notebook, None, None, store.work_tree())
    states = (entry.state for entry in entries.values())
    return look(notebook, states, store.recorded_mark(), store.work_tree())


def _apply(
    notebook: Notebook,
    store: IndexStore,
    old: Mapping[str, Entry],
    todo: Plan,
    reason: str | None,
    progress: Progress | None,
    mark: Mark | None,
) -> IndexReport:
    entries = {path: entry for path, entry in old.items() if path not in set(todo.removed)}
    counts = {"added": 0, "updated": 0, "same": 0}
    to_read = [*todo.added, *todo.changed]

    def upserts() -> Iterator[Upsert]:
        for done, state in enumerate(to_read, 1):
            upsert = _read(notebook, state)
            previous = old.get(state.path)
            if reason is None and previous is not None and previous.digest == upsert.entry.digest:
                counts["same"] += 1  # touched, not changed: remember the new stat only
                entries[state.path] = previous._replace(state=state)
            else:
                counts["added" if previous is None else "updated"] += 1
                entries[state.path] = upsert.entry
                yield upsert
            if progress:
                progress(done, len(to_read))

    store.apply(upserts(), todo.removed, entries, reason is not None, len(to_read), mark)
    return IndexReport(
        len(entries),
        counts["added"],
        counts["updated"],
        len(todo.removed),
        counts["same"],
        reason,
        entries=dict(sorted(entries.items())),
        store=store,
    )


def _read(notebook: Notebook, state: FileState) -> Upsert:
    """Read, hash and parse one file; an unreadable note becomes a Problem entry."""
    try:
        # Through the notebook: a note that is a link leading outside it is not read.
        digest, raw, whole = _head(notebook.absolute(state.path))
    except (OSError, NotInNotebook) as error:
        problem = Problem(state.path, 0, unreadable(error))
        return Upsert(Entry(state, "", problem=problem), "")
    try:
        note = read_note(state.path, decode_text(raw, partial=not whole), notebook.config)
    except FrontMatterError as error:
        problem = Problem(state.path, error.line, error.detail)
        return Upsert(Entry(state, digest, problem=problem), "")
    # The full-text index gets the coach's words only, not the text the template put there.
    template = boilerplate(note.type, notebook.templates_dir)
    body = template.blank(note.body)
    if is_stub(note, template, body):
        note = replace(note, remarks=(*note.remarks, ("stub", 0, "")))
    cut = not whole or len(body) > MAX_INDEXED_CHARS
    if cut:  # at a blank, so that no half word is indexed
        end = body.rfind(" ", 0, MAX_INDEXED_CHARS)
        body = body[: end if end > 0 else MAX_INDEXED_CHARS]
    return Upsert(Entry(state, digest, parsed=replace(note, body=""), cut=cut), body)


def _head(path: Path) -> tuple[str, bytes, bool]:
    """The content hash of the file at `path`, its first MAX_READ_BYTES, and whether that is
    the whole file: a huge note is hashed in pieces, never held whole in memory."""
    hasher = blake2b(digest_size=16)
    with open(path, "rb") as handle:
        head = handle.read(MAX_READ_BYTES)
        hasher.update(head)
        whole = True
        while chunk := handle.read(1 << 20):
            hasher.update(chunk)
            whole = False
    return hasher.hexdigest(), head, whole
