"""Keeping the search index in step with the notes, cheaply, before every read command.

The index is derived data: it can always be deleted and rebuilt from the files. To stay cheap
it is brought up to date incrementally, the way zk does it: a merge-join of two sorted streams,
the notes on disk (path, size, mtime) and the entries in the index. Only on disk → add; only in
the index → remove; size or mtime different → read the file and compare its content hash, and
re-index only if the content really changed (a `git checkout` touches mtimes without changing
text). After a `git pull` of ten notes, ten files are read, whatever the notebook's size.
When git can tell which files may have changed since the index was last brought up to date
(core/freshness.py), only those are `stat`ed instead of walking every one, and only their
entries are read from the catalogue: a read command then asks the catalogue (`IndexReport`) for
just what it shows, instead of building ten thousand entries to learn that nothing changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple, Protocol

from .boilerplate import boilerplate
from .conflict_copies import conflict_pairs, is_conflict_copy
from .errors import IndexDamaged, NotInNotebook
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

    def problems(self) -> tuple[Problem, ...]:
        """Why each unreadable file cannot be read, sorted by path."""

    def cut(self) -> tuple[str, ...]:
        """The notes too long to be indexed whole."""


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
        links = sum(p.detail == UNSAFE_LINK for p in problems)
        unreadable = len(problems) - links
        notes = self.files - len(copies) - len(problems)
        return Tally(notes, unreadable, links, len(copies), len(self.cut()))

    def problems(self) -> tuple[Problem, ...]:
        """The files that could not be read, without building every note."""
        return self.catalogue.problems()

    def cut(self) -> tuple[str, ...]:
        """The notes too long to be indexed whole (only their beginning is searchable)."""
        return self.catalogue.cut()

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
        """Write the changes: the full text of `upserts`, then the `entries` read (filled in as
        `upserts` are consumed; every entry if `rebuild`) and the `removed` paths, which then
        match the work tree's `mark` (None: no mark is kept, the next refresh walks)."""


def plan(disk: list[FileState], indexed: Mapping[str, FileState]) -> Plan:
    """Merge-join the sorted files on disk with the sorted paths of the index's states."""
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
            if indexed[known[j]] != disk[i]:
                changed.append(disk[i])
            i, j = i + 1, j + 1
    return Plan(tuple(added), tuple(changed), tuple(removed))


def refresh(
    notebook: Notebook, store: IndexStore, progress: Progress | None = None, rebuild: bool = False
) -> IndexReport:
    """Bring the index up to date with the notes; cheap when nothing changed: only the entries
    of the files git says may have changed are read (core/freshness.py)."""
    known = None if rebuild else store.open()
    seen = known.version if known is not None else None
    found, todo = _survey(notebook, store, known)
    if known is not None and todo.empty:
        store.tidy()
        store.remember(found.mark)
        return IndexReport(known, store=store)
    with store.locked():
        # Another garefil may have done the work while we waited for the lock: start again
        # from what it wrote (the files are looked at again only then).
        current = None if rebuild else store.open()
        if current is not known or (current is not None and current.version != seen):
            known, (found, todo) = current, _survey(notebook, store, current)
        # A private index standing in for the notebook's (see `IndexStore.problem`) is always
        # built anew, and said so even when a rebuild was asked for.
        if rebuild:
            reason = store.problem or "asked"
        else:
            reason = None if known is not None else store.problem
        if known is not None and todo.empty:
            store.remember(found.mark)
            return IndexReport(known, store=store)
        return _apply(notebook, store, known, todo, reason, progress, found.mark)


def _survey(notebook: Notebook, store: IndexStore, known: Catalogued | None) -> tuple[Look, Plan]:
    """The note files on disk, as git or a walk finds them (see core/freshness.py), and how
    they differ from the index's record of the same paths."""
    if known is None:
        found = look(notebook, None, store.work_tree())
        return found, plan(found.disk, {})
    found = look(notebook, store.recorded_mark(), store.work_tree())
    return found, plan(found.disk, known.states(found.among))


def _apply(
    notebook: Notebook,
    store: IndexStore,
    known: Catalogued | None,
    todo: Plan,
    reason: str | None,
    progress: Progress | None,
    mark: Mark | None,
) -> IndexReport:
    old = known.entries([s.path for s in todo.changed]) if known is not None else {}
    written: dict[str, Entry] = {}
    counts = {"added": 0, "updated": 0, "same": 0}
    to_read = [*todo.added, *todo.changed]

    def upserts() -> Iterator[Upsert]:
        for done, state in enumerate(to_read, 1):
            upsert = _read(notebook, state)
            previous = old.get(state.path)
            if reason is None and previous is not None and previous.digest == upsert.entry.digest:
                counts["same"] += 1  # touched, not changed: remember the new stat only
                written[state.path] = previous._replace(state=state)
            else:
                counts["added" if previous is None else "updated"] += 1
                written[state.path] = upsert.entry
                yield upsert
            if progress:
                progress(done, len(to_read))

    store.apply(upserts(), todo.removed, written, reason is not None, len(to_read), mark)
    if reason is not None and (tree := store.work_tree()) is not None:
        # A full build follows a clone (or a new version): the moment to let git settle the
        # checkout, which would otherwise cost every read's `git status` four times as much.
        tree.settle()
    catalogue = store.open()
    if catalogue is None:  # written just now, under the lock: only a vanished disk says so
        raise IndexDamaged()
    return IndexReport(
        catalogue,
        counts["added"],
        counts["updated"],
        len(todo.removed),
        counts["same"],
        reason,
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
    from hashlib import blake2b  # here: hashlib loads OpenSSL, which no unchanged index needs

    hasher = blake2b(digest_size=16)
    with open(path, "rb") as handle:
        head = handle.read(MAX_READ_BYTES)
        hasher.update(head)
        whole = True
        while chunk := handle.read(1 << 20):
            hasher.update(chunk)
            whole = False
    return hasher.hexdigest(), head, whole
