"""The site's manifest: what the last build wrote, kept in SQLite in the site's folder.

One row per page: its key (the digest of what it shows) and, for a note page, the notes it links
to, the documents it needs, its share of the search index and the shard that share is in. A
rebuild after one change reads the keys, then updates the few rows it rewrote: nothing is
rewritten whole. A build writes in one transaction, committed after the pages are on disk, so
the manifest never vouches for a page that is not there.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from garefil.core.errors import SiteBusy

NAME = ".garefil-site.sqlite"
FORMER_NAME = ".garefil-site.json"  # the manifest of earlier versions: the folder is a site
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    is_note INTEGER NOT NULL,
    links TEXT NOT NULL DEFAULT '{}',
    documents TEXT NOT NULL DEFAULT '[]',
    shard INTEGER,
    share TEXT
);
CREATE INDEX IF NOT EXISTS pages_shard ON pages (shard);
"""


WAIT_SECONDS = 2.0  # for another build to finish with the manifest, before saying it is busy


def open_manifest(path: Path) -> Manifest:
    """The manifest at `path`, open for one build (made if missing, made anew if damaged: it is
    derived, the next build rewrites every page); SiteBusy while another build holds it."""
    try:
        return Manifest(path)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise SiteBusy(folder=str(path.parent)) from error
        damaged = error
    except sqlite3.DatabaseError as error:
        damaged = error
    path.unlink(missing_ok=True)
    try:
        return Manifest(path)
    except sqlite3.DatabaseError:
        raise SiteBusy(folder=str(path.parent)) from damaged


class Manifest:
    """The manifest of one site folder, open for one build: the first to open it holds it."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path, timeout=WAIT_SECONDS, isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=DELETE")
            self._db.executescript(_SCHEMA)
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("SELECT count(*) FROM pages").fetchone()
        except sqlite3.DatabaseError:
            self._db.close()
            raise

    def get(self, name: str) -> str | None:
        """A value of the build as a whole (version, lists' key, documents)."""
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def put(self, name: str, value: str) -> None:
        """Set a value of the build as a whole."""
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def clear(self) -> None:
        """Forget every page (a new version of the pages: all are rewritten)."""
        self._db.execute("DELETE FROM pages")
        self._db.execute("DELETE FROM meta")

    def keys(self) -> dict[str, str]:
        """Each page's key, by address."""
        return dict(self._db.execute("SELECT url, key FROM pages"))

    def list_pages(self) -> list[str]:
        """The addresses of the pages that are not a note's."""
        return [url for (url,) in self._db.execute("SELECT url FROM pages WHERE is_note = 0")]

    def links(self) -> dict[str, dict[str, bool]]:
        """For each note page that links to notes: each note it links to, and whether that note
        was published when the page was written."""
        rows = self._db.execute("SELECT url, links FROM pages WHERE links != '{}'")
        return {url: json.loads(links) for url, links in rows}

    def documents(self) -> set[str]:
        """The documents the note pages link to."""
        rows = self._db.execute("SELECT documents FROM pages WHERE documents != '[]'")
        return {path for (documents,) in rows for path in json.loads(documents)}

    def set_key(self, url: str, key: str) -> None:
        """A list page's key (or a note page's, once its note row is written)."""
        self._db.execute(
            "INSERT INTO pages (url, key, is_note) VALUES (?, ?, 0) "
            "ON CONFLICT (url) DO UPDATE SET key = excluded.key",
            (url, key),
        )

    def set_note(self, url: str, key: str, links: dict, documents: list, shard: int, share) -> None:
        """A note page's row, as just written."""
        self._db.execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, 1, ?, ?, ?, ?)",
            (url, key, _json(links), _json(documents), shard, _json(share)),
        )

    def remove(self, urls: Iterable[str]) -> None:
        """Forget pages that are gone."""
        self._db.executemany("DELETE FROM pages WHERE url = ?", ((u,) for u in urls))

    def shards_of(self, urls: Iterable[str]) -> set[int]:
        """The search-index shards the note pages at `urls` are in."""
        found = set()
        for url in urls:
            row = self._db.execute("SELECT shard FROM pages WHERE url = ?", (url,)).fetchone()
            if row and row[0] is not None:
                found.add(row[0])
        return found

    def shares(self, shard: int) -> list[dict[str, Any]]:
        """The search-index shares of the note pages in `shard`."""
        rows = self._db.execute("SELECT share FROM pages WHERE shard = ?", (shard,))
        return [json.loads(share) for (share,) in rows]

    def shards(self) -> list[int]:
        """The shards that hold at least one note, in order."""
        rows = self._db.execute("SELECT DISTINCT shard FROM pages WHERE shard IS NOT NULL")
        return sorted(shard for (shard,) in rows)

    def commit(self) -> None:
        """Make this build's rows durable (SQLite flushes them to disk)."""
        self._db.execute("COMMIT")
        self._db.close()

    def abandon(self) -> None:
        """Leave the manifest as the last complete build left it."""
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")
        self._db.close()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
