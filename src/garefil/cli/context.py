"""The composition root: the one place that picks adapters and hands them to commands.

Adapters are imported inside the methods so that `garefil --help` and commands that never touch
git or the editor do not pay for importing GitPython.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from garefil.core.events import Calendar
from garefil.core.home import GitGlance
from garefil.core.mail import Mailer
from garefil.core.merge import TextMerge
from garefil.core.notebook import Notebook, locate
from garefil.core.pads import PadFetcher
from garefil.core.ports import Editor
from garefil.core.search import SearchStore
from garefil.core.settings import (
    SMTP_KEYS,
    Layers,
    Origin,
    Setting,
    SmtpSettings,
    coach_file,
    notebook_settings,
    resolve,
    smtp_settings,
)
from garefil.core.sharing import SharingRepository
from garefil.i18n import system_language


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

    def glance(self, notebook: Notebook) -> GitGlance:
        """What git says at a glance, without GitPython (for the home screen)."""
        from garefil.adapters.git_glance import glance

        return glance(notebook.root)

    def pad_fetcher(self) -> PadFetcher:
        """Fetches pads' text exports over HTTP(S) (urllib3, imported only then)."""
        from garefil.adapters.pads import HttpPadFetcher

        return HttpPadFetcher()

    def editor(self) -> Editor:
        """The coach's editor (the `editeur` setting, else nano or vi)."""
        from garefil.adapters.editor import TerminalEditor

        return TerminalEditor(command=str(self.settings(keys=("editeur",))["editeur"].value))

    def settings(
        self,
        notebook: Notebook | None = None,
        options: Mapping[str, object] | None = None,
        keys: Iterable[str] | None = None,
    ) -> dict[str, Setting]:
        """The coach's settings (`keys`, by default all), each with its origin: option >
        environment > the coach's own file > the notebook's config > default."""
        from garefil.core.coach_file import read_settings

        path = coach_file(os.environ)
        config = notebook.config if notebook else None
        shared = notebook_settings(config.smtp, config.default_referent) if config else {}
        layers = Layers(
            options or {},
            os.environ,
            read_settings(path),
            str(path),
            shared,
            ".garefil/config.toml",
            self._defaults(),
        )
        return resolve(layers, keys)

    def smtp_settings(self, notebook: Notebook | None = None) -> SmtpSettings:
        """How to send mail as this coach; SmtpNotSet when the server or sender is missing."""
        return smtp_settings(self.settings(notebook, keys=SMTP_KEYS))

    def _defaults(self) -> dict[str, tuple[object, Origin]]:
        from garefil.adapters.editor import fallback_editor

        default = Origin("default")
        return {
            "langue": (system_language(os.environ), default),
            "editeur": (fallback_editor(), default),
        }

    def calendar(self) -> Calendar:
        """Invitations in iCalendar (the library is imported only to write one)."""
        from garefil.adapters.calendar import ICalendar

        return ICalendar()

    def mailer(self) -> Mailer:
        """Messages made by the standard library, sent over SMTP."""
        from garefil.adapters.mailer import SmtpMailer

        return SmtpMailer()
