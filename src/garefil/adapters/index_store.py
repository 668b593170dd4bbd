"""The index on disk: `.garefil/index/` holds a catalogue and the Whoosh full-text index.

The catalogue (`catalogue.json`) lists every note file with its size, mtime, content hash and
what it holds (title, date, tags… or why it cannot be read). Read commands answer from it
(`list`, `tags`, references), and compare it with the disk to find what changed, without
importing Whoosh or reading any note. It is written after the Whoosh commit, atomically, so a
crash in between only means a few notes are indexed again next time.

Writers take `.garefil/index.lock` (an OS file lock, released even if the process dies); another
garefil waits for it, up to WAIT_SECONDS, then says the index is busy.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from datetime import date, datetime
from functools import partial
from typing import Any

from garefil.core.dates import iso
from garefil.core.errors import IndexBusy, IndexDamaged
from garefil.core.indexing import Entry, FileState, Upsert
from garefil.core.model import Action, Decision, Note, NoteFilter, Problem
from garefil.core.notebook import Notebook
from garefil.core.search import RawHit, Snippet

CATALOGUE = "catalogue.json"
FORMAT = 2  # of the catalogue itself
# Of the Whoosh fields and French analysis: bump it when they change, and every index is rebuilt
# by itself on its next use. Kept here, as a plain number, so that checking never imports Whoosh.
SCHEMA_VERSION = 1
WAIT_SECONDS = 30.0


class IndexStore:
    """Catalogue + full-text index of one notebook (implements core IndexStore and FullText)."""

    def __init__(self, notebook: Notebook, wait_seconds: float = WAIT_SECONDS) -> None:
        self.folder = notebook.meta_dir / "index"
        self.lock_path = notebook.meta_dir / "index.lock"
        self.wait_seconds = wait_seconds
        self.problem: str | None = None
        # What the last load read: its file signature, the entries and their raw records, so
        # that a second load under the lock, and the rewrite of unchanged entries, cost nothing.
        self._loaded: tuple[tuple[int, int], dict[str, Entry]] | None = None
        self._records: dict[str, list[Any]] = {}

    # -- reading ------------------------------------------------------------------------------
    def load(self) -> dict[str, Entry] | None:
        """The catalogue's entries; None (and `problem` says why) when it must be rebuilt."""
        try:
            info = os.stat(self.folder / CATALOGUE)
            signature = (info.st_mtime_ns, info.st_size)
            if self._loaded is not None and self._loaded[0] == signature:
                return dict(self._loaded[1])
            data = json.loads((self.folder / CATALOGUE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem = "missing"
            return None
        except (OSError, ValueError):
            self.problem = "damaged"
            return None
        if data.get("format") != FORMAT or data.get("schema") != SCHEMA_VERSION:
            self.problem = "outdated"
            return None
        if not any((self.folder / "whoosh").glob("_MAIN_*.toc")):
            self.problem = "missing"  # the catalogue alone cannot answer a search
            return None
        try:
            entries = {path: _entry(path, record) for path, record in data["entries"].items()}
        except (KeyError, TypeError, ValueError, IndexError):
            self.problem = "damaged"
            return None
        self._loaded, self._records = (signature, entries), data["entries"]
        return dict(entries)

    # -- writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock; wait for another garefil, then raise IndexBusy."""
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.lock_path, "a+b") as handle:
            deadline = time.monotonic() + self.wait_seconds
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise IndexBusy() from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def apply(
        self,
        upserts: Iterator[Upsert],
        removed: tuple[str, ...],
        entries: dict[str, Entry],
        rebuild: bool,
        expected: int = 0,
    ) -> None:
        """Write the full-text changes, then the catalogue (`entries` is final afterwards)."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._full_text().write(upserts, removed, rebuild, expected=expected)
        self._write_catalogue(entries)

    def _write_catalogue(self, entries: dict[str, Entry]) -> None:
        loaded = self._loaded[1] if self._loaded else {}
        records = {
            # An entry still the one loaded is written back as it was read, not re-encoded.
            path: self._records[path]
            if loaded.get(path) is entries[path]
            else _record(entries[path])
            for path in sorted(entries)
        }
        data = {"format": FORMAT, "schema": SCHEMA_VERSION, "entries": records}
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # C encoder: fast
        temp = self.folder / f".{CATALOGUE}.tmp"
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, self.folder / CATALOGUE)
        self._loaded = None

    # -- searching ----------------------------------------------------------------------------
    def search(self, text: str, wanted: NoteFilter, limit: int | None) -> list[RawHit]:
        """Ranked paths for a query; IndexDamaged (and the catalogue dropped) if unreadable."""
        try:
            return self._full_text().search(text, wanted, limit)
        except IndexDamaged:
            (self.folder / CATALOGUE).unlink(missing_ok=True)  # the next refresh rebuilds
            raise

    def snippet(self, body: str, terms: frozenset[str]) -> Snippet:
        """The passage of `body` that best shows the matched `terms`."""
        from garefil.adapters.whoosh_index import snippet

        return snippet(body, terms)

    def _full_text(self):
        from garefil.adapters.whoosh_index import WhooshFullText

        return WhooshFullText(self.folder / "whoosh")


def _record(entry: Entry) -> list[Any]:
    """[size, mtime, hash, note or null, problem or null]: arrays read faster than objects."""
    note, problem = entry.note, entry.problem
    return [
        entry.state.size,
        entry.state.mtime_ns,
        entry.digest,
        None
        if note is None
        else [
            note.id,
            note.type,
            note.title,
            iso(note.date),
            note.entrepreneur,
            note.referent,
            note.author,
            list(note.participants),
            list(note.tags),
            note.status,
            [[d.text, d.replaces] for d in note.decisions],
            [[a.what, a.who, iso(a.due), a.done] for a in note.actions],
        ],
        None if problem is None else [problem.line, problem.detail],
    ]


def _entry(path: str, record: list[Any]) -> Entry:
    size, mtime, digest, note, problem = record
    return Entry(
        FileState(path, size, mtime),
        digest,
        problem=None if problem is None else Problem(path, problem[0], problem[1]),
        loader=None if note is None else partial(_note, path, note),
    )


def _note(path: str, fields: list[Any]) -> Note:
    (
        note_id,
        kind,
        title,
        day,
        entrepreneur,
        referent,
        author,
        people,
        tags,
        status,
        decisions,
        actions,
    ) = fields
    return Note(
        path=path,
        id=note_id,
        type=kind,
        title=title,
        date=_date(day),
        entrepreneur=entrepreneur,
        referent=referent,
        author=author,
        participants=tuple(people),
        tags=tuple(tags),
        status=status,
        decisions=tuple(Decision(t, r) for t, r in decisions) if decisions else (),
        actions=tuple(Action(w, who, _date(due), done) for w, who, due, done in actions)
        if actions
        else (),
    )


def _date(text: str | None) -> date | datetime | None:
    # The catalogue holds only dates garefil wrote itself: ISO days or minutes, parsed in C.
    if not text:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
