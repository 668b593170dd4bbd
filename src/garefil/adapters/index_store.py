"""The index on disk: `.garefil/index/` holds the current generation (index_folder.py) of a
catalogue (catalogue.py) and the Whoosh full-text index (whoosh_index.py, imported only to
search or write).

A full build is made in a new generation and switched in only once complete, so the previous
index answers until then. An update changes the current generation in place: Whoosh commits
first, then the catalogue, which records the Whoosh commit it describes; a crash in between is
seen at the next load as a disagreement, and the index is rebuilt.

Writers take `.garefil/index.lock` (index_lock.py); another garefil waits for it, up to
WAIT_SECONDS, then says the index is busy. Whoever holds the lock first removes the generations
that killed builds left (`tidy` does it for a command that finds the index fresh). When the
index folder is not a real folder of the notebook, or the notebook cannot be written, a private
temporary index serves this one command (`problem` then says 'unsafe' or 'read-only', and the
CLI says so).

The full text of a note that links documents (core/documents.py) holds their words too, read
when the note is indexed (adapters/documents.py): a PDF attached to a note is found by `search`.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import os
import re
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from pathlib import Path

from garefil.adapters import index_folder as folders
from garefil.adapters.catalogue import Catalogue
from garefil.adapters.index_lock import LockRefused, hold
from garefil.core.config import INDEX_DIR
from garefil.core.errors import GarefilError, IndexBusy, IndexDamaged, IndexWriteFailed
from garefil.core.freshness import FileState, History, Mark, WorkTree
from garefil.core.index_model import Entry, Upsert
from garefil.core.model import NoteFilter
from garefil.core.notebook import Notebook

TYPE_CHECKING = False  # the search's values are only named here: `list` need not import them
if TYPE_CHECKING:
    from garefil.core.search import RawHit, Snippet, Sought

# Of the Whoosh fields and French analysis: bump it when they change, and every index is rebuilt
# by itself on its next use. Kept here, as a plain number, so that checking never imports Whoosh.
# 5: person keys unify apostrophes; 6: pad addresses and document paths kept in the catalogue;
# 7: a key written twice is a problem; 8: the register is not read in a pad's copy, and hand-written
# due days may be French; 9: a date nobody can read is a remark; 10: nested keys are fields;
# 11: one combined text field for unfielded words; 12: the repository's pages at the root
# (README.md…) are no notes, and an index that listed them must forget them; 13: a name written
# with an elided particle (N'Diaye) is also indexed joined, person keys are spelling-blind; 14:
# imported_from is kept whole, searched by its field only; 15: ʼ (U+02BC) is an apostrophe that
# splits words, and ` is none in person keys (core/text.py APOSTROPHES); 16: a name written surname
# first in capitals (« DUPONT Jean ») has the person key of « Jean Dupont »; 17: a person's
# noun in -ateur/-atrice has a stem of its own (accompagnatrice ≠ accompagnement); 18: a part of
# the combined text counts a word 20 times at most (CombinedText.REPEATS_COUNTED); 19: an e-mail
# address that is none is a remark; 20: a note's type is stored as the type it designates
# (« Demande », « compte-rendu » are `demande`, `cr`), so that --type finds it
SCHEMA_VERSION = 20
WAIT_SECONDS = 30.0
# A snippet is looked for in this much of a note at most: a 50 MB note was otherwise analysed
# whole for each search that shows it (a minute); 20,000 characters take about 0.2 s.
SNIPPET_WINDOW = 20_000
_TOC = re.compile(r"_MAIN_(\d+)\.toc")
_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


class IndexStore:
    """Catalogue + full-text index of one notebook (implements core IndexStore and FullText)."""

    def __init__(self, notebook: Notebook, wait_seconds: float = WAIT_SECONDS) -> None:
        self.notebook = notebook
        self.home = notebook.meta_dir / INDEX_DIR
        self.lock_path = notebook.meta_dir / "index.lock"
        self.wait_seconds = wait_seconds
        self.fallback: str | None = None  # 'unsafe' or 'read-only' when a private index serves
        self.generation: Path | None = None
        self.catalogue: Catalogue | None = None
        self._problem: str | None = None
        # `.garefil` itself may be a link too: nothing is created through it either.
        if not folders.is_real_folder(notebook.meta_dir) or (
            os.path.lexists(self.home) and not folders.is_real_folder(self.home)
        ):
            self._fall_back("unsafe")

    @property
    def problem(self) -> str | None:
        """Why the last load returned None: missing, damaged, outdated, unsafe or read-only."""
        return self.fallback or self._problem

    # -- reading ------------------------------------------------------------------------------
    def open(self) -> Catalogue | None:
        """The catalogue, opened to answer (no row read yet); None (and `problem` says why) when
        the index must be rebuilt."""
        generation = folders.current_generation(self.home)
        if generation is None:
            self._problem = "outdated" if (self.home / "catalogue.json").exists() else "missing"
            return None
        if self.catalogue is None or self.generation != generation:
            self.generation = generation
            self.catalogue = Catalogue(generation, SCHEMA_VERSION)
        opened = self.catalogue.open()
        self._problem = None if opened is not None else self.catalogue.problem
        if self._problem == "missing" and (generation / "catalogue.json").exists():
            self._problem = "outdated"  # made by a garefil that kept its catalogue in JSON
        whoosh = generation / "whoosh"
        if opened is not None and (
            opened.whoosh != _whoosh_commit(whoosh) or folders.holds_links(whoosh)
        ):
            self._problem = "damaged"  # the catalogue describes another state of the full text
            return None
        return opened

    def register_paths(self) -> frozenset[str] | None:
        """The notes holding decisions, actions or roles, as of the last open or write (None
        before either: then every note must be looked at)."""
        found = self._ask(lambda catalogue: catalogue.register)
        return None if found is None else frozenset(found)

    def passing(self, wanted: NoteFilter) -> set[str] | None:
        """The paths whose catalogue columns pass `wanted`'s type, tags and dates (None if the
        catalogue cannot be read: every note is then checked)."""
        return self._ask(lambda catalogue: catalogue.passing(wanted))

    def tag_counts(self) -> list[tuple[str, int]] | None:
        """Each tag with how many readable notes (not conflict copies) carry it."""
        return self._ask(Catalogue.tag_counts)

    def work_tree(self) -> WorkTree | None:
        """The notebook's git work tree (git itself, run only to ask)."""
        from garefil.adapters.git_worktree import GitWorkTree

        return GitWorkTree(self.notebook.root)

    def recorded_mark(self) -> Mark | None:
        """The work tree's state the last loaded entries match, if one was recorded."""
        return Mark.read(self.catalogue.mark) if self.catalogue is not None else None

    def remember(self, mark: Mark | None, history: History | None = None) -> None:
        """Record `mark` with the unchanged entries, and the commits of `history` since the
        last, when it moved (a commit, a file settled) and the index can be written at once;
        else the next command looks a little wider."""
        if mark is None or self.catalogue is None or self.fallback is not None:
            return
        if self.recorded_mark() == mark:
            return
        with contextlib.suppress(IndexBusy, OSError, sqlite3.Error), hold(self.lock_path, 0):
            self.catalogue.save_mark(mark.text(), history)

    def restamp(self, states: Collection[FileState], digests: Mapping[str, str]) -> None:
        """Record the new `states` of files whose content did not change (their `digests`), if
        the index can be written at once: a row another garefil rewrote since is left alone."""
        if not states or self.catalogue is None or self.fallback is not None:
            return
        with contextlib.suppress(IndexBusy, OSError, sqlite3.Error), hold(self.lock_path, 0):
            self.catalogue.restamp(states, digests)

    def _ask(self, question):
        if self.catalogue is None:
            return None
        try:
            return question(self.catalogue)
        except sqlite3.Error:  # read just before: only a catalogue of an older format fails
            return None

    # -- writing ------------------------------------------------------------------------------
    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the write lock; wait for another garefil, then raise IndexBusy. When the index
        cannot be written where it is, this command goes on with a private one."""
        if self.fallback is None and not self._writable():
            self._fall_back("read-only")
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(hold(self.lock_path, self.wait_seconds))
            except OSError as error:
                if not isinstance(error, LockRefused) and error.errno not in _NOT_WRITABLE:
                    raise
                self._fall_back("unsafe" if isinstance(error, LockRefused) else "read-only")
                stack.enter_context(hold(self.lock_path, self.wait_seconds))
            self._sweep()
            yield

    def tidy(self) -> None:
        """Remove the generations killed builds left, if the lock is free at once: a build in
        progress keeps its folder, and a command that finds the index fresh never waits."""
        current = folders.current_generation(self.home)
        if self.fallback is not None or not folders.leftovers(self.home, current):
            return
        if not folders.probe_writable(self.home):
            return  # a read-only copy: nothing can be removed, and nothing needs a private index
        with contextlib.suppress(IndexBusy, OSError), hold(self.lock_path, 0):
            self._sweep()

    def _sweep(self) -> None:
        """Under the lock: keep only the current generation (no other build can be running)."""
        with contextlib.suppress(OSError):
            folders.sweep_abandoned(self.home, keep=folders.current_generation(self.home))

    def _writable(self) -> bool:
        """Whether the notebook's index folder can be created and written here."""
        try:
            os.mkdir(self.home, 0o700)
        except FileExistsError:
            pass
        except OSError as error:
            if error.errno in _NOT_WRITABLE:
                return False
            raise
        if not folders.is_real_folder(self.home):
            self._fall_back("unsafe")
            return True
        return folders.probe_writable(self.home)

    def _fall_back(self, reason: str) -> None:
        """Serve this command from a private temporary index, leaving the notebook's alone."""
        self.fallback = reason
        self.home = folders.private_folder()
        self.lock_path = self.home / "lock"
        self.generation = self.catalogue = None

    def apply(
        self,
        upserts: Iterator[Upsert],
        removed: tuple[str, ...],
        entries: dict[str, Entry],
        rebuild: bool,
        expected: int = 0,
        mark: Mark | None = None,
        history: History | None = None,
    ) -> None:
        """Write the full-text changes, then the catalogue's: the `entries` read (every entry
        when rebuilding, filled in as `upserts` are consumed) and the `removed` paths, with the
        work tree's `mark` they match and the commits of `history` (when git recorded what)."""
        upserts = self._with_documents(upserts)
        # The index holds the notes' words: its files, like its folder, are for their owner only.
        previous = os.umask(0o077)
        try:
            text = mark.text() if mark is not None else None
            if rebuild or self.generation is None:
                self._build(upserts, entries, expected, text, history)
            else:
                self._update(upserts, removed, entries, text, history)
        except OSError as error:
            raise IndexWriteFailed(detail=error.strerror or str(error)) from error
        finally:
            os.umask(previous)

    def _with_documents(self, upserts: Iterator[Upsert]) -> Iterator[Upsert]:
        """Each upsert, its body followed by the words of the documents its note links."""
        from garefil.core.documents import linked_paths  # only when notes are (re)indexed

        for upsert in upserts:
            paths = linked_paths(upsert.entry.parsed)
            if paths:
                from garefil.adapters.documents import document_text

                words = [document_text(self.notebook, path) for path in paths]
                upsert = replace(upsert, body="\n\n".join([upsert.body, *words]))
            yield upsert

    def _build(
        self,
        upserts: Iterator[Upsert],
        entries: dict[str, Entry],
        expected: int,
        mark: str | None,
        history: History | None,
    ) -> None:
        """A whole new generation, switched in only once complete."""
        os.chmod(self.home, 0o700)  # notes can be personal: the index is for its owner only
        generation = folders.new_generation(self.home)
        whoosh = generation / "whoosh"
        self._full_text(whoosh).write(upserts, (), True, expected=expected)
        catalogue = Catalogue(generation, SCHEMA_VERSION)
        catalogue.write(entries, (), _whoosh_commit(whoosh), mark, history)
        folders.switch_to(self.home, generation)
        self.generation, self.catalogue = generation, catalogue
        folders.sweep(self.home, keep=generation)

    def _update(
        self,
        upserts: Iterator[Upsert],
        removed: tuple[str, ...],
        entries: dict[str, Entry],
        mark: str | None,
        history: History | None,
    ) -> None:
        """Changes written into the current generation, after checking nothing there is a link."""
        assert self.generation is not None and self.catalogue is not None
        whoosh = self.generation / "whoosh"
        if not folders.is_real_folder(whoosh) or folders.holds_links(whoosh):
            raise IndexDamaged()
        first = next(upserts, None)  # reads every file when none is to be re-indexed
        if first is not None or removed:
            upserts = itertools.chain([first] if first is not None else [], upserts)
            self._full_text(whoosh).write(upserts, removed, False, expected=0)
        # else only stats changed (a `touch`, a checkout, a file read again to compare its
        # content): the full text is left as it is, and Whoosh is not even imported.
        self.catalogue.write(entries, removed, _whoosh_commit(whoosh), mark, history)

    # -- searching ----------------------------------------------------------------------------
    def search(self, text: str, wanted: NoteFilter, limit: int | None) -> list[RawHit]:
        """Ranked paths for a query; IndexDamaged (and the catalogue dropped) if unreadable."""
        try:
            if self.generation is None:
                raise IndexDamaged()
            return self._full_text(self.generation / "whoosh").search(text, wanted, limit)
        except GarefilError as error:
            if isinstance(error, IndexDamaged):
                self._drop()
            raise
        except Exception as error:  # garbage in a segment: any failure means "rebuild it"
            self._drop()
            raise IndexDamaged() from error

    def _drop(self) -> None:
        """Forget the catalogue, so that the next refresh rebuilds the index."""
        if self.catalogue is not None:
            with contextlib.suppress(OSError):
                self.catalogue.drop()

    def snippet(self, body: str, sought: Sought) -> Snippet:
        """The passage of `body` (of its first SNIPPET_WINDOW characters) that best shows what
        was `sought`."""
        from garefil.adapters.whoosh_index import snippet

        return snippet(body[:SNIPPET_WINDOW], sought)

    def _full_text(self, folder: Path):
        from garefil.adapters.whoosh_index import WhooshFullText

        return WhooshFullText(folder)


def _whoosh_commit(folder: Path) -> int:
    """The number of the latest Whoosh commit in `folder` (0 when there is none)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    return max((int(m.group(1)) for n in names if (m := _TOC.fullmatch(n))), default=0)
