"""The composition root: the one place that picks adapters and hands them to commands.

Adapters are imported inside the methods so that `garefil --help` and commands that never touch
git or the editor do not pay for importing GitPython.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

# Each command imports only what it asks for: the core modules below are named here for the
# type annotations, and imported inside the methods that use them (`list` needs neither the
# site, the bilan nor the home screen, and importing them all cost it a third of its time).
if TYPE_CHECKING:
    from garefil.core.bilan import Charts
    from garefil.core.events import Calendar
    from garefil.core.home import GitGlance
    from garefil.core.index_model import IndexReport
    from garefil.core.mail import Mailer
    from garefil.core.merge import TextMerge
    from garefil.core.model import Listing
    from garefil.core.notebook import Notebook
    from garefil.core.pads import PadFetcher
    from garefil.core.ports import Editor
    from garefil.core.search import SearchStore
    from garefil.core.settings import Origin, Setting, SmtpSettings
    from garefil.core.sharing import SharingRepository
    from garefil.core.site import Preview, SiteWriter
    from garefil.core.summary import PageRenderer


def notebook_folder(given: str | None) -> Path | None:
    """The folder -C names; NotebookFolderBlank when its value is empty or blank (`-C ""`,
    which Path would read as the current folder)."""
    if given is not None and not given.strip():
        from garefil.core.errors import NotebookFolderBlank

        raise NotebookFolderBlank()
    return Path(given) if given is not None else None


@dataclass
class Services:
    """What a command may ask for; built once per invocation from the global options."""

    explicit_notebook: Path | None = None
    debug: bool = False
    # The notes as the index last gave them to this command (cli/common.py keeps it): the
    # sommaire is regenerated from it, with only the notes a command wrote read again.
    last_listing: Listing | None = None
    # A command that reports the conflicts itself (`sync`): the index refreshed on its way,
    # for the sommaire's pages too, does not say them a second time.
    reports_conflicts: bool = False
    # The index as this command last brought it up to date (cli/common.py keeps it): it knows
    # when git recorded each note, without asking git.
    last_report: IndexReport | None = None

    def notebook(self, despite_settings: bool = False) -> Notebook:
        """The notebook chosen by -C, $GAREFIL_NOTEBOOK or the current folder (its settings
        refused kept aside with `despite_settings`: the commands that must run anyway)."""
        from garefil.core.notebook import locate

        return locate(self.explicit_notebook, os.environ, Path.cwd(), despite_settings)

    def repository(
        self, folder: Path, create: bool = False, own: bool = False
    ) -> SharingRepository:
        """The git repository holding `folder` (created with `create`); in a notebook, each of
        its commits also records the sommaire's pages the change moved, and brings the index
        up to date with it (shell completion reads the index as it is)."""
        from garefil.adapters.git_repo import GitRepository
        from garefil.core import clock
        from garefil.core.notebook import Notebook, find_root
        from garefil.core.summary import SummaryOnCommit

        repository = GitRepository.open(folder, create=create, own=own)
        root = None if create else find_root(folder)
        if root is None:
            return repository
        from .indexed_commits import IndexedCommits

        notebook = Notebook.open(root, despite_settings=True)
        if notebook.refused is not None:  # the notes cannot be read as the team set them:
            return repository  # git alone, which is what receives the fix (sync)
        summary = SummaryOnCommit(
            repository,
            notebook,
            lambda: self.listing(notebook),
            self.pages(),
            clock.today(),
            lambda paths: self.written_times(notebook, paths),
            clock.now(),  # the meeting held today is the last one once its slot is over
        )
        # Never waiting: an index another garefil is writing is caught up by the next command.
        return IndexedCommits(summary, notebook, lambda: self.index(notebook, wait=0))  # type: ignore[return-value]

    def enclosing_repository(self, folder: Path) -> Path | None:
        """The top of another git repository `folder` is inside, if there is one."""
        from garefil.adapters.git_repo import GitRepository

        return GitRepository.top_above(folder)

    def reading_repository(self, folder: Path) -> SharingRepository:
        """The git repository holding `folder`, for commands that never commit (`status`,
        `history`): without the sommaire's pages and rules, which only a commit needs."""
        from garefil.adapters.git_repo import GitRepository

        return GitRepository.open(folder)

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

    def foreign_notebook(self, url: str, folder: Path) -> bool:
        """Whether `url` holds a notebook with no history in common with `folder`'s."""
        from garefil.adapters.git_foreign import foreign_notebook

        return foreign_notebook(url, folder)

    def set_global_identity(self, name: str, email: str) -> None:
        """Tell git who the coach is for every repository (git's global configuration)."""
        from garefil.adapters.git_repo import set_global_identity

        set_global_identity(name, email)

    def purge_history(
        self, root: Path, replacements: dict[str, str], renames: dict[str, str]
    ) -> None:
        """Rewrite the whole history of the notebook at `root` (git filter-repo)."""
        from garefil.adapters.history_purge import purge_history

        purge_history(root, replacements, renames)

    def text_merge(self, keeping_added: bool = False) -> TextMerge:
        """Git's three-way merge of texts (for the notes' merge driver); `keeping_added`: the
        lines both sides added at one place are all kept rather than a clash."""
        from garefil.adapters.git_merge import merge_text, merge_text_keeping_added

        return merge_text_keeping_added if keeping_added else merge_text

    def index(self, notebook: Notebook, wait: float | None = None) -> SearchStore:
        """The notebook's search index (catalogue + Whoosh, imported only when searching),
        waiting `wait` seconds for another garefil writing it ($GAREFIL_INDEX_WAIT, or 30)."""
        from garefil.adapters.index_store import WAIT_SECONDS, IndexStore

        if wait is None:
            said = os.environ.get("GAREFIL_INDEX_WAIT", "")
            wait = float(said) if said.replace(".", "", 1).isdigit() else WAIT_SECONDS
        return IndexStore(notebook, wait)

    def recorded_times(
        self, notebook: Notebook, paths: Sequence[str]
    ) -> dict[str, tuple[datetime, datetime]]:
        """When git first and last recorded each of `paths` (empty if it cannot tell): as the
        index this command refreshed keeps it, else (git could not vouch for the work tree,
        no index refreshed) as git says now."""
        known = self.last_report.recorded(paths) if self.last_report is not None else None
        if known is not None:
            return known
        from garefil.adapters.git_times import recorded_times

        return recorded_times(notebook.root, paths)

    def written_times(self, notebook: Notebook, paths: Sequence[str]) -> dict[str, datetime]:
        """When each of a few notes was written: when git first recorded it, else (not committed
        yet) when its file last changed; a note found nowhere is left out."""
        first = {path: times[0] for path, times in self.recorded_times(notebook, paths).items()}
        for path in paths:
            state = None if path in first else notebook.note_state(path)
            if state is not None:
                first[path] = datetime.fromtimestamp(state[2] / 1e9)
        return first

    def last_recorded(self, notebook: Notebook, path: str) -> datetime | None:
        """When git last recorded the note at `path` (None if it cannot tell)."""
        from garefil.adapters.git_times import last_recorded

        return last_recorded(notebook.root, path)

    def glance(self, notebook: Notebook) -> GitGlance:
        """What git says at a glance, without GitPython (for the home screen)."""
        from garefil.adapters.git_glance import glance

        return glance(notebook.root)

    def pad_fetcher(self) -> PadFetcher:
        """Fetches pads' text exports over HTTP(S) (urllib3, imported only then)."""
        from garefil.adapters.pads import HttpPadFetcher

        return HttpPadFetcher()

    def editor(self) -> Editor:
        """The coach's editor (the `editeur` setting, else nano or vi); EditorNotChosen when
        it would be nano or vi without a terminal, where they wait for ever. An editor the coach
        chose runs all the same: it may be graphical (`code --wait`) or a script."""
        from garefil.adapters.editor import TerminalEditor
        from garefil.core.errors import EditorNotChosen

        chosen = self.settings(keys=("editeur",))["editeur"]
        if chosen.origin.kind == "default" and not sys.stdin.isatty():
            raise EditorNotChosen()
        return TerminalEditor(command=str(chosen.value))

    def charts(self) -> Charts:
        """The bilan's charts (matplotlib is imported only to draw one)."""
        from garefil.adapters.charts import MatplotlibCharts

        return MatplotlibCharts()

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

    def mailer(self) -> Mailer:
        """Messages made by the standard library, sent over SMTP."""
        from garefil.adapters.mailer import SmtpMailer

        return SmtpMailer()

    def settings(
        self,
        notebook: Notebook | None = None,
        options: Mapping[str, object] | None = None,
        keys: Iterable[str] | None = None,
    ) -> dict[str, Setting]:
        """The coach's settings (`keys`, by default all), each with its origin: option >
        environment > the coach's own file > the notebook's config > default."""
        from garefil.core.coach_file import read_settings
        from garefil.core.settings import Layers, coach_file, notebook_settings, resolve

        keys = None if keys is None else tuple(keys)  # looked at twice below
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
            self._defaults(keys),
        )
        return resolve(layers, keys)

    def smtp_settings(self, notebook: Notebook | None = None) -> SmtpSettings:
        """How to send mail as this coach; SmtpNotSet when the server or sender is missing."""
        from garefil.core.settings import SMTP_KEYS, smtp_settings

        return smtp_settings(self.settings(notebook, keys=SMTP_KEYS))

    def _defaults(self, keys: Iterable[str] | None) -> dict[str, tuple[object, Origin]]:
        from garefil.core.settings import Origin
        from garefil.i18n import system_language

        default = Origin("default")
        defaults: dict[str, tuple[object, Origin]] = {
            "langue": (system_language(os.environ), default)
        }
        # Looking for an editor searches the PATH: only when the editor is asked for (the home
        # screen asks who is at the keyboard, nothing else).
        if keys is None or "editeur" in keys:
            from garefil.adapters.editor import fallback_editor

            defaults["editeur"] = (fallback_editor(), default)
        return defaults
