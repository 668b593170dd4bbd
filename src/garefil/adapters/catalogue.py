"""The catalogue: what the index knows of every note file, kept beside the Whoosh index.

One row per file in a SQLite database (the standard library's sqlite3): size, mtime, ctime,
content hash, whether its body was cut, and the note's fields as a JSON array (or why the file
cannot be read). Read commands answer from it (`list`, `tags`, references) and compare it with
the disk, without importing Whoosh or reading a note. A note's fields are decoded only when the
note is asked for: a search builds its twenty hits, not ten thousand notes.

An update writes only the rows of the files that changed, in one transaction: a pull of ten
notes writes ten rows, whatever the notebook's size, and a crash leaves the previous state.
SQLite's default rollback journal is kept (not WAL), so that reading needs no write access: a
read-only notebook still answers from its catalogue.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from garefil.adapters.catalogue_rows import TAG_SEPARATOR, entry_of, note_of, row_of
from garefil.adapters.catalogue_times import moment_of, record_history
from garefil.core.conflict_copies import CONFLICT_MARK, is_conflict_copy
from garefil.core.errors import IndexDamaged
from garefil.core.freshness import History
from garefil.core.index_model import Entry
from garefil.core.indexing import FileState
from garefil.core.model import Note, NoteFilter, Problem
from garefil.core.notetypes import canonical_type

FILE = "catalogue.sqlite"
# 5: the reader's remarks (core/remarks.py); 6: decisions, actions and roles read from the body,
# the `register` table; 7: id, folded type, day and tags in columns of their own, for filters;
# 8: the `tags` table and the indexes of the few unreadable, cut and conflict files, so that a
# fresh index answers `tags` and every read command's warnings without a scan of every row;
# 9: when git first and last recorded each file (`recorded`, `seconds`), so that no read
# command asks git for it; 10: each commit's place in its second (`commits`, for `seconds`),
# the same on every clone; 11: each file's ctime, which no restore of an mtime sets back;
# 12: the key of each body's words among the remarks (`text`), for jardin's duplicates, and
# the type a note's `type:` designates in the type column (« compte-rendu » is `cr`)
FORMAT = 12
# Word for word the condition of the `copies` index, which SQLite uses only for that very text.
_COPIES = f"instr(path, '{CONFLICT_MARK}') > 0"
_TABLES = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entries (
    path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, ctime INTEGER, digest TEXT,
    note TEXT, problem TEXT, cut INTEGER,
    id TEXT, type TEXT, day TEXT, tags TEXT
) WITHOUT ROWID;
CREATE TABLE register (path TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE tags (tag TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (tag, path)) WITHOUT ROWID;
CREATE INDEX tags_by_path ON tags (path);
CREATE TABLE recorded (path TEXT PRIMARY KEY, first INTEGER, last INTEGER) WITHOUT ROWID;
CREATE TABLE commits (id TEXT PRIMARY KEY, second INTEGER, place INTEGER) WITHOUT ROWID;
CREATE INDEX unreadable ON entries (path) WHERE problem IS NOT NULL;
CREATE INDEX cut_notes ON entries (path) WHERE cut;
CREATE INDEX copies ON entries (path) WHERE {_COPIES};
"""
_COLUMNS = "path, size, mtime, ctime, digest, note, problem, cut, id, type, day, tags"
# The filter columns are not loaded.
_LOADED = "path, size, mtime, ctime, digest, note, problem, cut"
_CHUNK = 500  # paths asked at once with `IN (…)`: well under SQLite's limit of bound values


class Catalogue:
    """Reads and writes the catalogue of one index folder; once opened, answers the refresh's
    and the read commands' questions from SQLite, decoding only the notes asked for."""

    def __init__(self, folder: Path, schema: int) -> None:
        self.path = folder / FILE
        self.schema = schema
        self.problem: str | None = None
        self.whoosh = 0  # the Whoosh commit these entries describe (see index_store.py)
        self.mark: str | None = None  # the work tree's state they match (core/freshness.py)
        self.recorded_head: str | None = None  # the commit `recorded` goes up to (None: unknown)
        # The file as last opened: opening again under the lock costs nothing when no other
        # garefil wrote meanwhile, and a mark is recorded only over the entries it was made from.
        self._signature: tuple[int, int] | None = None
        self._db: sqlite3.Connection | None = None
        self._entries: dict[str, Entry] = {}  # what `load` read, for `save` to write only changes

    def open(self) -> Catalogue | None:
        """This catalogue, ready to answer; None (and `problem` says why) when it must be
        rebuilt. Only its few settings are read: the rows are read when asked for."""
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            self.problem = "missing"
            return None
        if (info.st_mtime_ns, info.st_size) == self._signature and self._db is not None:
            return self
        self._close()
        try:
            # One connection kept open: it reads on even if another garefil's rebuild removes
            # this generation meanwhile.
            self._db = _connect(self.path, read_only=True)
            meta = dict(self._db.execute("SELECT key, value FROM meta"))
            if meta.get("format") != str(FORMAT) or meta.get("schema") != str(self.schema):
                self.problem = "outdated"
                return self._close()
            whoosh, mark = int(meta.get("whoosh", "0")), meta.get("freshness")
        except (sqlite3.Error, ValueError, TypeError):
            self.problem = "damaged"
            return self._close()
        self._signature = (info.st_mtime_ns, info.st_size)
        self.whoosh, self.mark, self.problem = whoosh, mark, None
        self.recorded_head = meta.get("recorded")
        return self

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None

    def load(self) -> dict[str, Entry] | None:
        """Every entry; None (and `problem` says why) when the catalogue must be rebuilt."""
        if self.open() is None:
            return None
        try:
            self._entries = self.entries(None)
        except IndexDamaged:
            self.problem = "damaged"
            return None
        return dict(self._entries)

    # -- the opened catalogue's answers (core/index_model.py's Catalogued) --------------------
    @property
    def version(self) -> object:
        """The file's (mtime, size) when last opened: another writer changes it."""
        return self._signature

    def count(self) -> int:
        """How many files the catalogue holds."""
        return self._rows("SELECT count(*) FROM entries")[0][0]

    def paths(self) -> list[str]:
        """The paths of the files, sorted."""
        return [path for (path,) in self._rows("SELECT path FROM entries ORDER BY path")]

    def conflict_copies(self) -> list[str]:
        """The paths of the conflict copies (`NAME.conflit-AUTHOR.md`), sorted."""
        query = f"SELECT path FROM entries WHERE {_COPIES} ORDER BY path"
        return [path for (path,) in self._rows(query) if is_conflict_copy(path)]

    def states(self, paths: Collection[str] | None) -> dict[str, FileState]:
        """The recorded (path, size, mtime, ctime) of the files at `paths` (None: of every
        file); a ctime left out (None) marks a file whose content is to be compared."""
        rows = self._some("path, size, mtime, ctime", paths)
        return {row[0]: FileState._make(row) for row in rows}

    def digests(self, paths: Collection[str]) -> dict[str, str]:
        """The content hash recorded for each of `paths` the catalogue holds."""
        return dict(self._some("path, digest", paths))

    def entries(self, paths: Collection[str] | None) -> dict[str, Entry]:
        """The entries of the files at `paths` (None: of every file), sorted by path."""
        with self._damage_said():
            return {row[0]: entry_of(row) for row in self._some(_LOADED, paths)}

    def notes(self, paths: Collection[str] | None) -> list[Note]:
        """The readable notes at `paths` (None: every one), sorted by path, without their body:
        decoded straight from their rows, no entry built."""
        rows = self._some("path, note", paths, "note IS NOT NULL")
        with self._damage_said():
            return [note_of(path, json.loads(text)) for path, text in rows]

    def ids(self) -> dict[str, str]:
        """The id of every readable note, by path, from its filter column: no note decoded."""
        return dict(self._rows("SELECT path, id FROM entries WHERE note IS NOT NULL ORDER BY path"))

    def problems(self) -> tuple[Problem, ...]:
        """Why each file that cannot be read cannot be, sorted by path."""
        query = "SELECT path, problem FROM entries WHERE problem IS NOT NULL ORDER BY path"
        rows = self._rows(query)
        with self._damage_said():
            return tuple(Problem(path, *json.loads(text)) for path, text in rows)

    def cut(self) -> tuple[str, ...]:
        """The notes whose body was indexed only in part."""
        return tuple(path for path, _size in self.cut_sizes())

    def cut_sizes(self) -> list[tuple[str, int]]:
        """(path, size in bytes) of each note whose body was indexed only in part, by path."""
        return self._rows("SELECT path, size FROM entries WHERE cut ORDER BY path")

    def recorded(self, paths: Collection[str]) -> dict[str, tuple[datetime, datetime]] | None:
        """When git first and last recorded each of `paths` (local time; a path never
        committed has none); None when the catalogue does not know (git could not tell)."""
        if self.recorded_head is None:
            return None
        rows = self._some("path, first, last", paths, table="recorded")
        return {path: (moment_of(first), moment_of(last)) for path, first, last in rows}

    @property
    def register(self) -> set[str]:
        """The notes holding decisions, actions or roles: `decisions` and `actions` decode those
        few instead of every note of the catalogue."""
        return {path for (path,) in self._rows("SELECT path FROM register")}

    def passing(self, wanted: NoteFilter) -> set[str]:
        """The paths of the readable notes whose type, tags and dates pass `wanted`, selected
        by SQLite from the filter columns (`matches` still checks each note whole)."""
        clauses, values = ["note IS NOT NULL"], []
        if wanted.types:
            clauses.append(f"type IN ({', '.join('?' * len(wanted.types))})")
            values += [canonical_type(t) for t in wanted.types]
        for tag in wanted.tags:
            clauses.append("instr(tags, ?) > 0")
            values.append(f"{TAG_SEPARATOR}{tag}{TAG_SEPARATOR}")
        for column, bound in ((">=", wanted.since), ("<=", wanted.until)):
            if bound is not None:
                clauses.append(f"day {column} ?")
                values.append(bound.isoformat())
        query = f"SELECT path FROM entries WHERE {' AND '.join(clauses)}"
        return {path for (path,) in self._rows(query, values)}

    def tag_counts(self) -> list[tuple[str, int]]:
        """Each tag with how many readable notes carry it, conflict copies left out."""
        return self._rows("SELECT tag, count(*) FROM tags GROUP BY tag")

    def _some(
        self,
        columns: str,
        paths: Collection[str] | None,
        condition: str = "1",
        table: str = "entries",
    ) -> list[tuple[Any, ...]]:
        """`columns` of the rows at `paths` (None: every row) meeting `condition`, by path."""
        if paths is None:
            return self._rows(f"SELECT {columns} FROM {table} WHERE {condition} ORDER BY path")
        wanted, rows = sorted(set(paths)), []
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ", ".join("?" * len(chunk))
            query = f"SELECT {columns} FROM {table} WHERE path IN ({marks}) AND {condition}"
            rows += self._rows(f"{query} ORDER BY path", chunk)
        return rows

    def _rows(self, query: str, values: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._damage_said():
            if self._db is None:  # asked before being opened (or after a write with none open)
                self._db = _connect(self.path, read_only=True)
            return self._db.execute(query, values).fetchall()

    @contextmanager
    def _damage_said(self) -> Iterator[None]:
        """Rows read only when asked for may turn out unreadable (a damaged file, a row not
        garefil's): the catalogue is then dropped, so that the next command rebuilds the index,
        and this one says so (IndexDamaged) rather than fail half-way."""
        try:
            yield
        except (sqlite3.DatabaseError, ValueError, TypeError) as error:
            with suppress(OSError):
                self.drop()
            raise IndexDamaged() from error

    # -- writing ------------------------------------------------------------------------------
    def drop(self) -> None:
        """Forget the catalogue, so that the next refresh rebuilds the index."""
        self.path.unlink(missing_ok=True)
        self._signature = None

    def save(
        self,
        entries: dict[str, Entry],
        whoosh: int = 0,
        mark: str | None = None,
        history: History | None = None,
    ) -> None:
        """Record `entries` as the whole catalogue, writing only the rows that changed since
        the last `load` (see `write`)."""
        loaded = self._entries
        changed = {path: e for path, e in entries.items() if loaded.get(path) is not e}
        removed = [path for path in loaded if path not in entries]
        self.write(changed, removed, whoosh, mark, history)
        self._entries = dict(entries)

    def write(
        self,
        changed: Mapping[str, Entry],
        removed: Iterable[str],
        whoosh: int = 0,
        mark: str | None = None,
        history: History | None = None,
    ) -> None:
        """Write the `changed` entries and forget the `removed` paths, as of Whoosh commit
        `whoosh` and matching the work tree's `mark` (None: none is kept), with the commits of
        `history` (None: git's times are not known), in one transaction: a pull of ten notes
        writes ten rows, and the others are never read."""
        rows = [row_of(path, entry) for path, entry in changed.items()]
        gone = [(path,) for path in removed]
        new = not self.path.exists()
        with closing(_connect(self.path)) as db, db:
            if new:
                db.executescript(_TABLES)
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("format", str(FORMAT)), ("schema", str(self.schema))],
                )
            db.executemany(
                f"INSERT OR REPLACE INTO entries ({_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                rows,
            )
            db.executemany("DELETE FROM entries WHERE path = ?", gone)
            _save_register(db, changed, gone)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('whoosh', ?)", (str(whoosh),))
            _record_mark(db, mark)
            record_history(db, history)
        self.whoosh, self.mark = whoosh, mark
        self.recorded_head = history.head if history is not None else None
        self._signature = None

    def restamp(self, states: Iterable[FileState], digests: Mapping[str, str]) -> None:
        """Record the new stat of files whose content hash is still `digests`' (touched, not
        changed): only the rows that still hold that content are written, no note re-encoded."""
        rows = [(s.size, s.mtime_ns, s.ctime_ns, s.path, digests[s.path]) for s in states]
        with closing(_connect(self.path)) as db, db:
            db.executemany(
                "UPDATE entries SET size = ?, mtime = ?, ctime = ? WHERE path = ? AND digest = ?",
                rows,
            )
        self._signature = None

    def save_mark(self, mark: str, history: History | None = None) -> None:
        """Record that the entries match the work tree's `mark`, if they are still as opened
        (the caller holds the index lock: no other garefil writes meanwhile)."""
        try:
            info = os.stat(self.path)
        except OSError:
            return
        if (info.st_mtime_ns, info.st_size) != self._signature:
            return  # another garefil wrote since: its entries may not match `mark`
        with closing(_connect(self.path)) as db, db:
            _record_mark(db, mark)
            record_history(db, history)
        self.mark = mark
        self.recorded_head = history.head if history is not None else None
        self._signature = None


def _save_register(db: sqlite3.Connection, changed: Mapping[str, Entry], removed: list) -> None:
    """Keep the `register` and `tags` tables in step with the changed and removed entries."""
    held = [(path,) for path, entry in changed.items() if _holds_register(entry)]
    gone = [(p,) for p in changed] + removed
    db.executemany("DELETE FROM register WHERE path = ?", gone)
    db.executemany("INSERT INTO register VALUES (?)", held)
    db.executemany("DELETE FROM tags WHERE path = ?", gone)
    db.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?)", _tag_rows(changed))


def _tag_rows(changed: Mapping[str, Entry]) -> Iterator[tuple[str, str]]:
    """(tag, path) of each tag of the changed readable notes, the conflict copies left out:
    the other version of a note is not a second note carrying its tags."""
    for path, entry in changed.items():
        note = entry.note
        if note is not None and not is_conflict_copy(path):
            yield from ((tag, path) for tag in note.tags)


def _record_mark(db: sqlite3.Connection, mark: str | None) -> None:
    if mark is None:
        db.execute("DELETE FROM meta WHERE key = 'freshness'")
    else:
        db.execute("INSERT OR REPLACE INTO meta VALUES ('freshness', ?)", (mark,))


def _holds_register(entry: Entry) -> bool:
    """Whether the entry's note has decisions, actions or roles (read when it was indexed)."""
    note = entry.note
    return note is not None and bool(note.decisions or note.actions or note.roles)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A connection to the catalogue at `path` (read-only: never creates nor writes it)."""
    if read_only:
        return sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)
    return sqlite3.connect(path, isolation_level="DEFERRED")
