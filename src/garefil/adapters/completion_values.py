"""What shell completion proposes, read from the catalogue (catalogue.py) and nothing else.

A completion request runs at each Tab a coach presses, so it must answer at once: it reads the
current generation's catalogue read-only with a few SQL queries and never builds, refreshes or
locks the index. No catalogue yet, an outdated or damaged one, a private index: no proposals,
never an error (the next ordinary command rebuilds the index). The note's fields are a JSON
array in the order catalogue._fields writes them; SQLite's json functions pick the few asked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

# catalogue.py's file name, format and places in its _fields array, repeated here because
# importing that module (and the core's model through it) would cost more than the whole
# answer; tests/test_completion.py checks that they agree.
FILE, FORMAT = "catalogue.sqlite", 12
_TITLE, _ENTREPRENEUR, _REFERENT, _AUTHOR, _STATUS = 2, 4, 5, 6, 9
_DECISIONS, _ACTIONS, _EXTRA = 10, 11, 12
_TAG_SEPARATOR = "\x1f"


class CompletionValues:
    """The values of one notebook's catalogue that completion proposes (empty without one)."""

    def __init__(self, root: Path) -> None:
        from .index_folder import current_generation  # only when values are asked

        generation = current_generation(root / ".garefil" / "index")
        self.path = generation / FILE if generation is not None else None

    def _rows(self, query: str, values: Iterable[object] = ()) -> list[tuple]:
        if self.path is None:
            return []
        try:
            with closing(sqlite3.connect(self.path.as_uri() + "?mode=ro", uri=True)) as db:
                (version,) = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
                if version != str(FORMAT):
                    return []  # another layout: the next ordinary command rebuilds it
                return db.execute(query, tuple(values)).fetchall()
        except (sqlite3.Error, TypeError, ValueError):
            return []

    def tags(self) -> set[str]:
        """Every tag some readable note carries."""
        found: set[str] = set()
        for (tags,) in self._rows("SELECT DISTINCT tags FROM entries WHERE note IS NOT NULL"):
            found.update(tags.split(_TAG_SEPARATOR))
        found.discard("")
        return found

    def entrepreneurs(self) -> set[str]:
        """The entrepreneurs the notes are about."""
        return self._field(_ENTREPRENEUR)

    def referents(self) -> set[str]:
        """The référents and authors the notes name (one query: SQLite reads each note once)."""
        query = (
            f"SELECT DISTINCT json_extract(note, '$[{_REFERENT}]'),"
            f" json_extract(note, '$[{_AUTHOR}]') FROM entries WHERE note NOT NULL"
        )
        return {name for row in self._rows(query) for name in row if isinstance(name, str) and name}

    def _field(self, place: int) -> set[str]:
        query = f"SELECT DISTINCT json_extract(note, '$[{place}]') FROM entries WHERE note NOT NULL"
        return {value for (value,) in self._rows(query) if isinstance(value, str) and value}

    def notes(self, note_type: str = "", closed: str = "") -> list[tuple[str, str]]:
        """(path, id) of every note of the catalogue, unreadable ones included; or only of the
        notes of `note_type` (the catalogue keeps types folded, as the ones asked for are),
        leaving out those whose status is `closed` (case aside, as requests.is_open reads it)."""
        query = "SELECT path, id FROM entries" + (" WHERE type = ?" if note_type else "")
        if note_type and closed:  # only the notes of that type pay for reading their status
            query += f" AND lower(trim(ifnull(json_extract(note, '$[{_STATUS}]'), ''))) != ?"
        values = [note_type, closed] if note_type and closed else [note_type] if note_type else []
        rows = self._rows(query, values)
        return [(path, note_id or "") for path, note_id in rows]

    def fields(self) -> set[str]:
        """The other front-matter keys the notes have (`lieu`, `envoye_le`…)."""
        query = (
            f"SELECT DISTINCT json_extract(field.value, '$[0]') FROM entries,"
            f" json_each(entries.note, '$[{_EXTRA}]') field WHERE note NOT NULL"
        )
        return {key for (key,) in self._rows(query) if isinstance(key, str) and key}

    def titles(self, wanted: list[str]) -> dict[str, str]:
        """The title of each note whose id or path is in `wanted` (a few dozen at most)."""
        marks = ", ".join("?" * len(wanted))
        query = (
            f"SELECT path, id, json_extract(note, '$[{_TITLE}]') FROM entries"
            f" WHERE id IN ({marks}) OR path IN ({marks})"
        )
        rows = self._rows(query, [*wanted, *wanted]) if wanted else []
        return {key: title or "" for path, note_id, title in rows for key in (path, note_id)}

    def decisions(self) -> list[tuple[str, str]]:
        """(id, text) of every decision of the register."""
        return self._items(_DECISIONS, "$[2]", "$[0]", "1")

    def open_actions(self) -> list[tuple[str, str]]:
        """(id, what) of every action not done yet."""
        return self._items(_ACTIONS, "$[4]", "$[0]", "NOT json_extract(item.value, '$[3]')")

    def _items(self, place: int, id_at: str, text_at: str, condition: str) -> list[tuple[str, str]]:
        query = (
            f"SELECT json_extract(item.value, '{id_at}'), json_extract(item.value, '{text_at}')"
            f" FROM register JOIN entries USING (path), json_each(entries.note, '$[{place}]') item"
            f" WHERE {condition}"
        )
        return [(i, text or "") for i, text in self._rows(query) if isinstance(i, str) and i]
