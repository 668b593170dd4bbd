"""The catalogue: what the index knows of every note file, kept beside the Whoosh index.

One entry per file: size, mtime, content hash, and the note's fields (or why it cannot be read),
stored as JSON arrays, which read faster than objects. Read commands answer from it (`list`,
`tags`, references) and compare it with the disk, without importing Whoosh or reading a note.

It is two files: `catalogue.json`, the whole catalogue, and `catalogue-journal.json`, the entries
changed since (a pull of ten notes rewrites a few kilobytes, not the whole catalogue). When the
journal grows past JOURNAL_LIMIT entries, both are folded into a new `catalogue.json`. The journal
names the catalogue it follows, so a journal left behind by an interrupted fold is ignored. Each
file is replaced atomically; a crash at worst leaves a few notes to index again.
"""

from __future__ import annotations

import json
import os
import secrets
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from garefil.core.dates import iso
from garefil.core.indexing import Entry, FileState
from garefil.core.model import Action, Decision, Note, Problem

BASE = "catalogue.json"
JOURNAL = "catalogue-journal.json"
JOURNAL_LIMIT = 1000
FORMAT = 5  # 4: the notes' other front-matter fields (list --champ); 5: notes cut for size
_WHOOSH = "whoosh"


class Catalogue:
    """Reads and writes the catalogue of one index folder."""

    def __init__(self, folder: Path, schema: int, journal_limit: int = JOURNAL_LIMIT) -> None:
        self.folder = folder
        self.schema = schema
        self.journal_limit = journal_limit
        self.problem: str | None = None
        # What the last load read, so that loading again under the lock costs nothing and
        # unchanged entries are written back without being encoded again.
        self._signature: tuple | None = None
        self._entries: dict[str, Entry] = {}
        self._records: dict[str, list[Any]] = {}
        self._journal: dict[str, list[Any] | None] = {}
        self._base_id: str | None = None
        self.whoosh = 0  # the Whoosh commit these entries describe (see index_store.py)

    def load(self) -> dict[str, Entry] | None:
        """The entries; None (and `problem` says why) when the catalogue must be rebuilt."""
        try:
            signature = self._file_signature()
            if signature == self._signature:
                return dict(self._entries)
            base = json.loads((self.folder / BASE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem = "missing"
            return None
        except (OSError, ValueError):
            self.problem = "damaged"
            return None
        if base.get("format") != FORMAT or base.get("schema") != self.schema:
            self.problem = "outdated"
            return None
        try:
            records = base["entries"]
            journal, whoosh = self._read_journal(base)
            for path, record in journal.items():
                if record is None:
                    records.pop(path, None)
                else:
                    records[path] = record
            entries = {path: _entry(path, record) for path, record in records.items()}
        except (KeyError, TypeError, ValueError, IndexError):
            self.problem = "damaged"
            return None
        self._signature, self._entries, self._records = signature, entries, records
        self._journal, self._base_id, self.whoosh = journal, base["id"], whoosh
        return dict(entries)

    def _file_signature(self) -> tuple:
        stats = []
        for name in (BASE, JOURNAL):
            try:
                info = os.stat(self.folder / name)
                stats.append((info.st_mtime_ns, info.st_size))
            except FileNotFoundError:
                if name == BASE:
                    raise
                stats.append(None)
        return tuple(stats)

    def _read_journal(self, base: dict[str, Any]) -> tuple[dict[str, list[Any] | None], int]:
        """The journal's entries and Whoosh commit if it follows `base`, else none and base's."""
        try:
            journal = json.loads((self.folder / JOURNAL).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}, base.get(_WHOOSH, 0)
        if journal.get("base") != base["id"]:
            return {}, base.get(_WHOOSH, 0)
        return journal["entries"], journal.get(_WHOOSH, 0)

    def drop(self) -> None:
        """Forget the catalogue, so that the next refresh rebuilds the index."""
        (self.folder / BASE).unlink(missing_ok=True)
        self._signature = None

    def save(self, entries: dict[str, Entry], whoosh: int = 0) -> None:
        """Record `entries`, as of Whoosh commit `whoosh`: in the journal when few changed since
        the load, else in full."""
        loaded = self._entries
        changes: dict[str, list[Any] | None] = {
            path: _record(entry) for path, entry in entries.items() if loaded.get(path) is not entry
        }
        changes.update({path: None for path in loaded if path not in entries})
        if self._base_id and len(self._journal) + len(changes) <= self.journal_limit:
            journal = self._journal | changes
            _write_json(
                self.folder / JOURNAL,
                {"base": self._base_id, _WHOOSH: whoosh, "entries": journal},
            )
        else:
            records = {
                path: self._records[path] if loaded.get(path) is entry else _record(entry)
                for path, entry in sorted(entries.items())
            }
            base = {
                "format": FORMAT,
                "schema": self.schema,
                "id": secrets.token_hex(8),
                _WHOOSH: whoosh,
                "entries": records,
            }
            _write_json(self.folder / BASE, base)
            (self.folder / JOURNAL).unlink(missing_ok=True)
        self._signature = None


def _write_json(target: Path, data: dict[str, Any]) -> None:
    """Replace `target` atomically (temporary file, flushed, renamed)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # C encoder: fast
    temp = target.with_name(f".{target.name}.tmp")
    with open(temp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, target)


def _record(entry: Entry) -> list[Any]:
    """[size, mtime, hash, note or null, problem or null, cut]: arrays read faster than
    objects."""
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
            [[name, list(values)] for name, values in note.extra_fields],
        ],
        None if problem is None else [problem.line, problem.detail],
        entry.cut,
    ]


def _entry(path: str, record: list[Any]) -> Entry:
    size, mtime, digest, note, problem, *cut = record
    return Entry(
        FileState(path, size, mtime),
        digest,
        problem=None if problem is None else Problem(path, problem[0], problem[1]),
        loader=None if note is None else partial(_note, path, note),
        cut=bool(cut and cut[0]),
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
        extra,
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
        extra_fields=tuple((name, tuple(values)) for name, values in extra) if extra else (),
    )


def _date(text: str | None) -> date | datetime | None:
    # The catalogue holds only dates garefil wrote itself: ISO days or minutes, parsed in C.
    if not text:
        return None
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)
