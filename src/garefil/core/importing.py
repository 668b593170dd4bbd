"""`garefil import`: bring a folder of notes written elsewhere into the notebook, never touching it.

Each source file becomes a new note filed like `garefil new` files them (core/import_note.py):
its header keys mapped to garefil's, its body the source's text exactly. The note records where it
came from and the hash of the source's bytes: running the import again skips what is already
there, even if it was moved or renamed in the notebook since.

A note from another garefil notebook keeps its id and file name when they are free here
(core/import_identity.py); that notebook's hidden folders and own pages (sommaire, README) are
skipped.
What the notebook already holds (a clone of it imported) is never imported twice, a second
fiche for one person is kept as a plain note, and a decision's or action's id already used gets a
fresh one in the copy (core/import_presence.py).

Nothing is dropped silently: every file is imported, skipped (already there, a hidden folder) or
reported with its reason (not text, header unreadable, date impossible, a symbolic link). The
source is only read (core/import_sources.py): its symbolic links are never followed, and a source
inside the notebook is refused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import import_presence as presence
from .dates import day_of
from .documents import KEY as DOCUMENTS_KEY
from .errors import N_, GarefilError, ImportFolderMissing, ImportInterrupted, ImportIntoItself
from .frontmatter_text import FrontMatterError
from .import_documents import DocumentCopy, Documents
from .import_format import decode, split
from .import_identity import Taken
from .import_note import (
    Known,
    NewImport,
    SourceFile,
    edited_note,
    new_note,
    source_date,
    source_title,
)
from .import_presence import Present
from .import_sources import (
    CONFLICT_COPY,
    HIDDEN,
    NOTEBOOK_INSIDE,
    NOTEBOOK_PAGE,
    TOO_BIG,
    UNREADABLE,
    Passed,
    read_source,
    source_files,
)
from .import_update import EDITED, EDITED_WAITING, NEWER, copy_path, newer_version
from .import_update import beside as update_beside
from .model import Note
from .notebook import Notebook

# Why a file read is not imported (msgids, translated where they are shown).
BAD_DATE = N_("the date '{value}' is not a date")
ALREADY = N_("already imported (note {id})")
TWICE = N_("same content as {source}, imported once")
WAITING = N_("already imported: this version waits beside note {id} for `garefil resolve {path}`")

SKIPPED_FILES = (HIDDEN, NOTEBOOK_INSIDE, NOTEBOOK_PAGE, CONFLICT_COPY)
ALREADY_THERE = (ALREADY, TWICE, WAITING, presence.HERE, presence.IN_HISTORY)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportRequest:
    """What `garefil import` is asked to do."""

    source: Path
    type_by_folder: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    """What an import does: notes to write, files skipped (already there), files reported,
    and the documents the notes link, brought along (`brought` maps each to its path here)."""

    notes: tuple[NewImport, ...] = ()
    skipped: tuple[Passed, ...] = ()
    reported: tuple[Passed, ...] = ()
    documents: tuple[DocumentCopy, ...] = ()
    brought: tuple[tuple[str, str], ...] = ()


def check_source(notebook: Notebook, source: Path) -> Path:
    """The source folder, resolved; refused when missing or when it is (inside) the notebook."""
    folder = source.expanduser().resolve()
    if not folder.is_dir():
        raise ImportFolderMissing(path=str(source))
    if folder == notebook.root or notebook.root in folder.parents:
        raise ImportIntoItself(path=str(source))
    return folder


def plan_import(
    notebook: Notebook,
    request: ImportRequest,
    imported: Mapping[str, str],
    taken_ids: set[str],
    today: date,
    progress: Progress | None = None,
    present: Present | None = None,
) -> ImportPlan:
    """What importing `request.source` would do; `imported` maps the hashes already imported to
    their notes' ids, `taken_ids` holds every id of the notebook (new ones are added),
    `present` what the notebook already holds (core/import_presence.py)."""
    folder = check_source(notebook, request.source)
    files = source_files(folder, notebook.root)
    seen: dict[str, str] = dict(imported)
    taken = Taken(notebook.root, taken_ids)
    known = Known(taken, present or Present(), Documents(folder, notebook.root), today)
    notes, skipped, reported = [], [], []
    for done, (relative, found) in enumerate(files, 1):
        if isinstance(found, Passed):
            (skipped if found.reason in SKIPPED_FILES else reported).append(found)
        else:
            outcome = _one(notebook, request, relative, found, seen, known, today)
            if isinstance(outcome, NewImport):
                notes.append(outcome)
            else:
                (skipped if outcome.reason in ALREADY_THERE else reported).append(outcome)
        if progress:
            progress(done, len(files))
    brought = known.documents.given
    reported = [p for p in reported if p.source not in brought]
    documents = tuple(known.documents.copies)
    return ImportPlan(
        tuple(notes), tuple(skipped), tuple(reported), documents, tuple(brought.items())
    )


def _one(
    notebook: Notebook,
    request: ImportRequest,
    relative: str,
    path: Path,
    seen: dict[str, str],
    known: Known,
    today: date,
) -> NewImport | Passed:
    """The note one source file becomes, or why it does not."""
    try:
        raw = read_source(path)
    except OSError as error:
        return Passed(relative, UNREADABLE, (("detail", error.strerror or str(error)),))
    if raw is None:
        return Passed(relative, TOO_BIG)
    digest = hashlib.sha256(raw).hexdigest()
    if digest in seen:
        return _already(relative, seen[digest])
    try:
        source = split(decode(raw))
        when = source_date(source, relative)
    except FrontMatterError as error:
        return Passed(relative, error.detail, (), error.line)
    except ValueError as error:
        return Passed(relative, BAD_DATE, (("value", str(error)),))
    own_id = source.metadata.get("id")
    here = presence.already_here(known.present, own_id, relative, raw, notebook.read_bytes)
    if here:
        known.documents.keep(source.metadata.get(DOCUMENTS_KEY))
        return Passed(relative, here[0], (("id", here[1]),))
    beside = newer_version(
        known.present, own_id, source.metadata, path, notebook.read_bytes, known.taken
    )
    seen[digest] = f"source:{relative}"
    if beside is not None:  # the note here, left behind: the source waits beside it
        params = beside.params(str(own_id))
        title = source_title(source, relative)
        return NewImport(relative, beside.copy, str(own_id), title, decode(raw), NEWER, params)
    earlier = presence.imported_before(
        known.present, relative, source_title(source, relative), day_of(when)
    )
    found = SourceFile(relative, source, when, digest)
    if earlier is not None:  # the same file, edited since: never a second note
        return _edited(notebook, request, found, known, earlier)
    return new_note(notebook, request, found, known)


def _edited(
    notebook: Notebook, request: ImportRequest, found: SourceFile, known: Known, earlier: Note
) -> NewImport | Passed:
    """A source file imported before and edited since: its new version beside the note, as
    the other version of a conflict; reported when another version already waits there."""
    params = (("id", earlier.id), ("path", earlier.path))
    if _waiting(notebook, earlier.path, found.digest):  # this very version, imported before
        return Passed(found.relative, WAITING, params)
    copy = update_beside(earlier.path, known.taken)
    if copy is None:
        return Passed(found.relative, EDITED_WAITING, params)
    title, text = edited_note(notebook, request, found, known, earlier)
    params = copy.params(earlier.id)
    return NewImport(found.relative, copy.copy, earlier.id, title, text, EDITED, params)


def _waiting(notebook: Notebook, note: str, digest: str) -> bool:
    """Whether the version of the source with this `digest` already waits beside `note` (the
    conflict copy an earlier import wrote records it as its `imported_hash`)."""
    try:
        copy = notebook.read_bytes(copy_path(note))
    except (OSError, GarefilError):
        return False
    return digest.encode() in copy  # its `imported_hash`, however YAML quotes it


def _already(relative: str, where: str) -> Passed:
    if where.startswith("source:"):
        return Passed(relative, TWICE, (("source", where.removeprefix("source:")),))
    return Passed(relative, ALREADY, (("id", where),))


def write_plan(
    notebook: Notebook, plan: ImportPlan, progress: Progress | None = None
) -> list[Path]:
    """Write the plan's notes, then copy their documents (never overwriting a file); the files
    written, for the commit. Interrupted (Ctrl-C), it removes what it wrote: ImportInterrupted."""
    written: list[Path] = []
    try:
        for done, note in enumerate(plan.notes, 1):
            _write_one(notebook, note.path, note.text, written)
            if progress:
                progress(done, len(plan.notes))
        for document in plan.documents:
            _write_one(notebook, document.path, document.origin.read_bytes(), written)
    except KeyboardInterrupt:
        undo_import(written)
        raise ImportInterrupted() from None
    return written


def _write_one(notebook: Notebook, path: str, data: str | bytes, written: list[Path]) -> None:
    """Create one file of the import and add it to `written`, even when Ctrl-C comes as it is
    put in place (write_new creates only a file that was not there: it is the import's)."""
    target = notebook.absolute(path)
    try:
        written.append(notebook.write_new(path, data))
    except KeyboardInterrupt:
        if target.exists() and target not in written:
            written.append(target)
        raise


def undo_import(written: list[Path]) -> None:
    """Remove the files an import created and did not record: an import is one commit or
    nothing, and a note left uncommitted would be imported as « already there » next time."""
    for path in reversed(written):
        path.unlink(missing_ok=True)
