"""Keeping the search index in step with the notes, cheaply, before every read command.

The index is derived data: it can always be deleted and rebuilt from the files. To stay cheap
it is brought up to date incrementally, the way zk does it: a merge-join of two sorted streams,
the notes on disk (path, size, mtime, ctime) and the entries in the index. Only on disk → add;
only in the index → remove; size, mtime or ctime different → read the file and compare its
content hash, and re-index only if the content really changed (a `git checkout` touches mtimes
without changing text). A file read while its stamps could still be written again unchanged is
recorded so that the next look compares its content (freshness.as_recorded). After a `git pull`
of ten notes, ten files are read, whatever the notebook's size.
When git can tell which files may have changed since the index was last brought up to date
(core/freshness.py), only those are `stat`ed instead of walking every one, and only their
entries are read from the catalogue: a read command then asks the catalogue (`IndexReport`) for
just what it shows, instead of building ten thousand entries to learn that nothing changed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from .errors import FrontMatterError, IndexDamaged, NotInNotebook
from .file_heads import read_head
from .freshness import FileState, History, Look, Mark, as_recorded, look
from .index_model import (
    Catalogued,
    Entry,
    IndexReport,
    IndexStore,
    Plan,
    Progress,
    Upsert,
)
from .model import Problem
from .notebook import Notebook, decode_text, unreadable

# The full-text index holds at most this much of a note's body: a 50 MB note (an export, a log
# pasted by mistake) otherwise takes a minute and a gigabyte to index. Such notes are recorded as
# cut, and `index` lists them.
MAX_INDEXED_CHARS = 1_000_000
MAX_READ_BYTES = 4 * MAX_INDEXED_CHARS + 65_536  # the header, then at most 4 bytes a character


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
        _remember(store, known, found.mark)
        return IndexReport(known, store=store, head=_head_of(found.mark))
    restamped = _restamped(notebook, store, known, found, todo) if known is not None else None
    if restamped is not None:
        return restamped
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
            _remember(store, known, found.mark)
            return IndexReport(known, store=store, head=_head_of(found.mark))
        history = _history(store, known if reason is None else None, found.mark)
        try:
            return _apply(notebook, store, known, todo, reason, progress, found.mark, history)
        except IndexDamaged:
            if reason is not None:
                raise
        # The full text could not be opened to be updated: rebuilt from the notes at once, as
        # `search` does; left as it was, every command would say so and stop the same way.
        found, todo = _survey(notebook, store, None)
        history = _history(store, None, found.mark)
        return _apply(notebook, store, None, todo, "damaged", progress, found.mark, history)


def _restamped(
    notebook: Notebook, store: IndexStore, known: Catalogued, found: Look, todo: Plan
) -> IndexReport | None:
    """The index as it is, when the files to look at again were touched, not changed: their new
    stamps recorded if no other garefil holds the index, never waited for; else None."""
    if todo.added or todo.removed:
        return None
    digests = known.digests([state.path for state in todo.changed])
    touched = _touched_only(notebook, digests, todo.changed)
    if touched is None:
        return None
    store.tidy()
    _remember(store, known, found.mark)
    store.restamp(touched, digests)
    head = _head_of(found.mark)
    return IndexReport(known, unchanged_content=len(touched), store=store, head=head)


def _touched_only(
    notebook: Notebook, digests: Mapping[str, str], changed: tuple[FileState, ...]
) -> list[FileState] | None:
    """The `changed` files as to be recorded, if each one's content is still the indexed one
    (their stamps moved, or could not be trusted: see freshness.as_recorded); else None. Only
    hashed, never parsed: after a `touch` or a checkout, no lock, YAML or Whoosh is needed."""
    touched = []
    for state in changed:
        recorded = as_recorded(state, time.time_ns())
        try:
            digest = _head(notebook.real_path(state.path))[0]
        except (OSError, NotInNotebook):
            return None
        if digest != digests.get(state.path):
            return None
        touched.append(recorded)
    return touched


def _remember(store: IndexStore, known: Catalogued, mark: Mark | None) -> None:
    """Record the work tree's `mark` with unchanged entries, and the commits since the last
    one, if it moved (git is asked for them only then)."""
    if mark is not None and mark != store.recorded_mark():
        store.remember(mark, _history(store, known, mark))


def _head_of(mark: Mark | None) -> str | None:
    return mark.head if mark is not None else None


def _history(store: IndexStore, known: Catalogued | None, mark: Mark | None) -> History | None:
    """The commits since those whose times the catalogue `known` keeps, up to the HEAD of the
    work tree's `mark`: none when HEAD did not move, all when the catalogue keeps none (a full
    build); None when git cannot vouch for the work tree (its times are then asked when read)."""
    tree = store.work_tree() if mark is not None else None
    if mark is None or tree is None:
        return None
    since = known.recorded_head if known is not None else None
    if since == mark.head:
        return History(mark.head, (), whole=False)
    return tree.history(since, mark.head)


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
    history: History | None,
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
                # Touched, not changed: the full text stays; the entry is the one just read,
                # with the new stat (the recorded one is never decoded for nothing).
                counts["same"] += 1
                written[state.path] = upsert.entry
            else:
                counts["added" if previous is None else "updated"] += 1
                written[state.path] = upsert.entry
                yield upsert
            if progress:
                progress(done, len(to_read))

    rebuild = reason is not None
    store.apply(upserts(), todo.removed, written, rebuild, len(to_read), mark, history)
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
        head=_head_of(mark),
    )


def _read(notebook: Notebook, state: FileState) -> Upsert:
    """Read, hash and parse one file; an unreadable note becomes a Problem entry."""
    # Here: a refresh that finds nothing changed (most read commands) never parses a note.
    from .boilerplate import boilerplate
    from .notefile import read_note
    from .remarks import is_stub

    state = as_recorded(state, time.time_ns())  # before reading: what is read is no older
    try:
        # Through the notebook: a note that is a link leading outside it is not read.
        digest, raw, whole = _head(notebook.real_path(state.path))
    except (OSError, NotInNotebook) as error:
        # A link to a folder or to nothing, wherever it leads, is said as such: never read.
        detail = notebook.link_problem(state.path) or unreadable(error)
        problem = Problem(state.path, 0, detail)
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


def _head(path: str | Path) -> tuple[str, bytes, bool]:
    """The content hash of the file at `path`, its first MAX_READ_BYTES, and whether that is
    the whole file: a huge note is hashed in pieces, never held whole in memory."""
    from hashlib import blake2b  # here: hashlib loads OpenSSL, which no unchanged index needs

    hasher = blake2b(digest_size=16)
    # Unbuffered: read_head asks for the whole note at once, a buffer would only copy it.
    with open(path, "rb", buffering=0) as handle:
        head = read_head(handle, MAX_READ_BYTES)
        hasher.update(head)
        whole = True
        # Short of the limit, read_head stopped at the file's end: no read is left to make.
        while len(head) == MAX_READ_BYTES and (chunk := handle.read(1 << 20)):
            hasher.update(chunk)
            whole = False
    return hasher.hexdigest(), head, whole
