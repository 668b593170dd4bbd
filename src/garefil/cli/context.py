"""The composition root: the one place that picks adapters and hands them to commands.

Adapters are imported inside the methods so that `garefil --help` and commands that never touch
git or the editor do not pay for importing GitPython.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from garefil.core.events import Calendar
from garefil.core.merge import TextMerge
from garefil.core.notebook import Notebook, locate
from garefil.core.ports import Editor
from garefil.core.search import SearchStore
from garefil.core.sharing import SharingRepository
from garefil.core.site import Preview, SiteWriter


@dataclass
class Services:
    """What a command may ask for; built once per invocation from the global options."""

    explicit_notebook: Path | None = None
    debug: bool = False

    def notebook(self) -> Notebook:
        """The notebook chosen by -C, $GAREFIL_NOTEBOOK or the current folder."""
        return locate(self.explicit_notebook, os.environ, Path.cwd())

    def repository(self, folder: Path, create: bool = False) -> SharingRepository:
        """The git repository holding `folder` (created with `create`)."""
        from garefil.adapters.git_repo import GitRepository

        return GitRepository.open(folder, create=create)

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

    def editor(self) -> Editor:
        """The coach's editor ($VISUAL, $EDITOR, nano, vi)."""
        from garefil.adapters.editor import TerminalEditor

        return TerminalEditor()

    def calendar(self) -> Calendar:
        """Invitations in iCalendar (the library is imported only to write one)."""
        from garefil.adapters.calendar import ICalendar

        return ICalendar()

    def site_writer(self, notebook: Notebook, folder: Path, name: str) -> SiteWriter:
        """The HTML site's folder (Jinja2, markdown-it and nh3 imported only to build one)."""
        from garefil.adapters.pages.html_site import SiteWriter

        return SiteWriter(notebook, folder, name)

    def preview(self, folder: Path, port: int) -> Preview:
        """A web server for `folder` on this computer only (127.0.0.1)."""
        from garefil.adapters.pages.preview import LocalPreview

        return LocalPreview(folder, port)
