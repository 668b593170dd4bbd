"""The index on disk: `.garefil/index/` holds a catalogue (catalogue.py) and the Whoosh
full-text index (whoosh_index.py, imported only to search or write).

The catalogue is written after the Whoosh commit, so a crash in between only means that a few
notes are indexed again next time.

Writers take `.garefil/index.lock` (an OS file lock, released even if the process dies); another
garefil waits for it, up to WAIT_SECONDS, then says the index is busy.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator

from garefil.adapters.catalogue import Catalogue
from garefil.core.errors import IndexBusy, IndexDamaged
from garefil.core.indexing import Entry, Upsert
from garefil.core.model import NoteFilter
from garefil.core.notebook import Notebook
from garefil.core.search import RawHit, Snippet

# Of the Whoosh fields and French analysis: bump it when they change, and every index is rebuilt
# by itself on its next use. Kept here, as a plain number, so that checking never imports Whoosh.
SCHEMA_VERSION = 2  # 2: person keys unify apostrophes and hyphens
WAIT_SECONDS = 30.0


class IndexStore:
    """Catalogue + full-text index of one notebook (implements core IndexStore and FullText)."""

    def __init__(self, notebook: Notebook, wait_seconds: float = WAIT_SECONDS) -> None:
        self.folder = notebook.meta_dir / "index"
        self.lock_path = notebook.meta_dir / "index.lock"
        self.wait_seconds = wait_seconds
        self.catalogue = Catalogue(self.folder, SCHEMA_VERSION)

    @property
    def problem(self) -> str | None:
        """Why the last load returned None: missing, damaged or outdated."""
        return self.catalogue.problem

    # -- reading ------------------------------------------------------------------------------
    def load(self) -> dict[str, Entry] | None:
        """The catalogue's entries; None (and `problem` says why) when it must be rebuilt."""
        entries = self.catalogue.load()
        if entries is not None and not any((self.folder / "whoosh").glob("_MAIN_*.toc")):
            self.catalogue.problem = "missing"  # the catalogue alone cannot answer a search
            return None
        return entries

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
        self.folder.mkdir(parents=True, exist_ok=True)
        os.chmod(self.folder, 0o700)  # notes can be personal: the index is for its owner only
        self._full_text().write(upserts, removed, rebuild, expected=expected)
        self.catalogue.save(entries)

    # -- searching ----------------------------------------------------------------------------
    def search(self, text: str, wanted: NoteFilter, limit: int | None) -> list[RawHit]:
        """Ranked paths for a query; IndexDamaged (and the catalogue dropped) if unreadable."""
        try:
            return self._full_text().search(text, wanted, limit)
        except IndexDamaged:
            self.catalogue.drop()  # the next refresh rebuilds
            raise

    def snippet(self, body: str, terms: frozenset[str]) -> Snippet:
        """The passage of `body` that best shows the matched `terms`."""
        from garefil.adapters.whoosh_index import snippet

        return snippet(body, terms)

    def _full_text(self):
        from garefil.adapters.whoosh_index import WhooshFullText

        return WhooshFullText(self.folder / "whoosh")
