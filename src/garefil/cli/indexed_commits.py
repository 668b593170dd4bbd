"""Commits that leave the index as current as the notes they record.

Shell completion reads the catalogue read-only and never refreshes it (it must answer at each
Tab), so a request closed or a note created must reach the catalogue before the writing command
returns, or the next Tab would still propose the old state. Only an index that exists and serves
the notebook itself is updated: that costs an update of the few files the commit changed, found
by git (core/freshness.py); a missing or private one is left to the next ordinary command, which
would have to build it whole anyway.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from garefil.core.errors import GarefilError
from garefil.core.index_model import IndexStore
from garefil.core.indexing import refresh
from garefil.core.notebook import Notebook
from garefil.i18n import _


class IndexedCommits:
    """A repository whose commits bring the notebook's index up to date after them."""

    def __init__(self, inner: Any, notebook: Notebook, store: Callable[[], IndexStore]) -> None:
        self.inner, self.notebook, self.store = inner, notebook, store

    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Commit `paths`, then update the index's entries for what the commit changed."""
        made = self.inner.commit(paths, message)
        if made is not None:
            update_index(self.notebook, self.store())
        return made

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def update_index(notebook: Notebook, store: IndexStore) -> None:
    """Bring an existing index up to date, quietly: the commit is made whatever happens here,
    and an index busy or failing now is refreshed by the next command as before."""
    from .common import progress_when_long  # drawn only when a commit brought many notes

    with contextlib.suppress(GarefilError, OSError):
        if store.open() is not None and store.problem is None:
            with progress_when_long(_("Indexing")) as progress:
                refresh(notebook, store, progress)
