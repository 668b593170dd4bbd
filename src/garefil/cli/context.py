"""The composition root: the one place that picks adapters and hands them to commands.

Adapters are imported inside the methods so that `garefil --help` and commands that never touch
git or the editor do not pay for importing GitPython.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from garefil.core.merge import TextMerge
from garefil.core.model import Listing
from garefil.core.notebook import Notebook, find_root, locate
from garefil.core.pads import PadFetcher
from garefil.core.ports import Editor
from garefil.core.search import SearchStore
from garefil.core.sharing import SharingRepository
from garefil.core.summary import PageRenderer, SummaryOnCommit


@dataclass
class Services:
    """What a command may ask for; built once per invocation from the global options."""

    explicit_notebook: Path | None = None
    debug: bool = False
    # The notes as the index last gave them to this command (cli/common.py keeps it): the
    # sommaire is regenerated from it, with only the notes a command wrote read again.
    last_listing: Listing | None = None

    def notebook(self) -> Notebook:
        """The notebook chosen by -C, $GAREFIL_NOTEBOOK or the current folder."""
        return locate(self.explicit_notebook, os.environ, Path.cwd())

    def repository(self, folder: Path, create: bool = False) -> SharingRepository:
        """The git repository holding `folder` (created with `create`); in a notebook, each of
        its commits also records the sommaire's pages the change moved."""
        from garefil.adapters.git_repo import GitRepository

        repository = GitRepository.open(folder, create=create)
        root = None if create else find_root(folder)
        if root is None:
            return repository
        notebook = Notebook.open(root)
        return SummaryOnCommit(  # type: ignore[return-value]
            repository, notebook, lambda: self.listing(notebook), self.pages(), date.today()
        )

    def listing(self, notebook: Notebook) -> Listing:
        """The notes as the index last gave them, or as a fresh index gives them now."""
        if self.last_listing is None:
            from .common import indexed_listing

            indexed_listing(self, notebook)
        assert self.last_listing is not None
        return self.last_listing

    def pages(self) -> PageRenderer:
        """The renderer of the sommaire's pages (Markdown)."""
        from garefil.adapters.pages.markdown import MarkdownPages

        return MarkdownPages()

    def clone(self, url: str, folder: Path) -> SharingRepository:
        """A new clone of the shared notebook at `url`."""
        from garefil.adapters.git_repo import GitRepository

        return GitRepository.clone(url, folder)

    def set_global_identity(self, name: str, email: str) -> None:
        """Tell git who the coach is for every repository (git's global configuration)."""
        from garefil.adapters.git_repo import set_global_identity

        set_global_identity(name, email)

    def text_merge(self) -> TextMerge:
        """Git's three-way merge of texts (for the notes' merge driver)."""
        from garefil.adapters.git_merge import merge_text

        return merge_text

    def index(self, notebook: Notebook) -> SearchStore:
        """The notebook's search index (catalogue + Whoosh, imported only when searching)."""
        from garefil.adapters.index_store import WAIT_SECONDS, IndexStore

        wait = os.environ.get("GAREFIL_INDEX_WAIT", "")
        return IndexStore(
            notebook, float(wait) if wait.replace(".", "", 1).isdigit() else WAIT_SECONDS
        )

    def pad_fetcher(self) -> PadFetcher:
        """Fetches pads' text exports over HTTP(S) (urllib3, imported only then)."""
        from garefil.adapters.pads import HttpPadFetcher

        return HttpPadFetcher()

    def editor(self) -> Editor:
        """The coach's editor ($VISUAL, $EDITOR, nano, vi)."""
        from garefil.adapters.editor import TerminalEditor

        return TerminalEditor()
