"""`garefil import`: bring a folder of notes written elsewhere into the notebook, never touching it.

Each source file becomes a new note filed like `garefil new` files them; its header keys are
mapped to garefil's (`title`, `date`, `tags`, `author`, `categories` → tags) and every other key is
kept as it is. The body is the source's text exactly. The note records where it came from
(`imported_from`) and the hash of the source's bytes (`imported_hash`): running the import again
skips what is already there, even if it was moved or renamed in the notebook since.

A note from another garefil notebook keeps its id and file name when they are free here
(core/import_identity.py); that notebook's hidden folders and own pages (sommaire, README) are
skipped.
What the notebook already holds (a clone of it imported) is never imported twice, a second
fiche for one person is kept as a plain note, and a decision's or action's id already used gets a
fresh one in the copy (core/import_presence.py).

Nothing is dropped silently: every file is imported, skipped (already there, a hidden folder) or
reported with its reason (not text, header unreadable, date impossible, a symbolic link). The
source is only read: its symbolic links are never followed, and a source inside the notebook is
refused.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import import_presence as presence
from .config import CONFIG_DIR
from .conflict_copies import is_conflict_copy
from .dates import NoteDate, day_of
from .documents import KEY as DOCUMENTS_KEY
from .errors import N_, ImportFolderMissing, ImportIntoItself, UnknownNoteType
from .frontmatter_text import FrontMatterError, render
from .import_documents import DocumentCopy, Documents
from .import_format import (
    SourceText,
    author_of,
    date_in,
    decode,
    first_heading,
    header_date,
    nfc,
    split,
    words,
    writable,
)
from .import_identity import Taken, garefil_id, identity
from .import_presence import Present
from .import_update import NEWER, newer_version
from .notebook import Notebook, is_hidden_path
from .notes import file_label
from .notetypes import find_type
from .text import fold, normalize_tags

TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")
MAX_SOURCE_BYTES = 10 * 1024 * 1024  # a note is text typed by a person; beyond this, an export
FROM_KEY, HASH_KEY = "imported_from", "imported_hash"
# Folder names teams give their notes, for --type-par-dossier (else the type's name or folder).
FOLDER_TYPES = {
    "ca": "reunion",
    "conseil": "reunion",
    "bureau": "reunion",
    "comptes-rendus": "cr",
    "compte-rendus": "cr",
    "compte-rendu": "cr",
    "rendez-vous": "rdv",
    "entrepreneurs": "fiche",
}
# The source's keys that become garefil's, and the lists merged into the tags.
TITLE_KEYS, AUTHOR_KEYS = ("title", "titre"), ("author", "auteur", "authors", "auteurs")
TAG_KEYS = ("tags", "etiquettes", "étiquettes", "categories", "catégories", "keywords")
# Why a file is not imported (msgids, translated where they are shown).
NOT_TEXT = N_("not a text note (only these files are imported: {suffixes})")
TOO_BIG = N_("the file is larger than 10 MB")
LINK = N_("symbolic link: not followed")
HIDDEN = N_("hidden file or folder: skipped")
BAD_DATE = N_("the date '{value}' is not a date")
ALREADY = N_("already imported (note {id})")
TWICE = N_("same content as {source}, imported once")
NOTEBOOK_INSIDE = N_("this folder is the notebook itself: skipped")
NOTEBOOK_PAGE = N_("a page of the other notebook, not a note: skipped")
UNREADABLE = N_("the file cannot be read ({detail})")
CONFLICT_COPY = N_(
    "the other version of a note in conflict, waiting for `garefil resolve` there: not a note"
)

SKIPPED_FILES = (HIDDEN, NOTEBOOK_INSIDE, NOTEBOOK_PAGE, CONFLICT_COPY)
ALREADY_THERE = (ALREADY, TWICE, presence.HERE, presence.IN_HISTORY)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportRequest:
    """What `garefil import` is asked to do."""

    source: Path
    type_by_folder: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class NewImport:
    """A note to write: where it comes from, where it goes, and its whole text; `notice` (a
    msgid with `params`) says why a garefil note did not keep its own id or file name."""

    source: str
    path: str
    id: str
    title: str
    text: str = field(repr=False)
    notice: str = ""
    params: tuple[tuple[str, str], ...] = ()
    more: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()  # other notices, same form


@dataclass(frozen=True)
class Passed:
    """A file not imported: `reason` is a msgid formatted with `params`; `line` if known."""

    source: str
    reason: str
    params: tuple[tuple[str, str], ...] = ()
    line: int = 0

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason.format(**dict(self.params))}"


@dataclass(frozen=True)
class ImportPlan:
    """What an import does: notes to write, files skipped (already there), files reported,
    and the documents the notes link, brought along (`brought` maps each to its path here)."""

    notes: tuple[NewImport, ...] = ()
    skipped: tuple[Passed, ...] = ()
    reported: tuple[Passed, ...] = ()
    documents: tuple[DocumentCopy, ...] = ()
    brought: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Known:
    """What an import has to check each note against as it goes (each grows with it)."""

    taken: Taken
    present: Present
    documents: Documents


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
    known = Known(taken, present or Present(), Documents(folder, notebook.root))
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


def source_files(folder: Path, notebook_root: Path) -> list[tuple[str, Path | Passed]]:
    """Every file below `folder`, sorted: its path, or why it is passed over. Symbolic links
    are never followed (a file or folder that is a link is reported), hidden folders never
    entered; when `folder` is another notebook, its own pages (sommaire, README) are skipped."""
    other_notebook = (folder / CONFIG_DIR).is_dir()
    found: list[tuple[str, Path | Passed]] = []
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as error:
            found.append((prefix, Passed(prefix, UNREADABLE, (("detail", str(error)),))))
            continue
        for entry in entries:
            relative = prefix + entry.name
            if other_notebook and not entry.name.startswith(".") and is_hidden_path(relative):
                shown = relative + "/" if entry.is_dir(follow_symlinks=False) else relative
                found.append((relative, Passed(shown, NOTEBOOK_PAGE)))
            elif entry.is_symlink():
                found.append((relative, Passed(relative, LINK)))
            elif entry.is_dir():
                if entry.name.startswith("."):
                    found.append((relative, Passed(relative + "/", HIDDEN)))
                elif Path(entry.path).resolve() == notebook_root:
                    found.append((relative, Passed(relative + "/", NOTEBOOK_INSIDE)))
                else:
                    stack.append((Path(entry.path), relative + "/"))
            elif entry.name.startswith("."):
                found.append((relative, Passed(relative, HIDDEN)))
            else:
                found.append((relative, _text_file(relative, Path(entry.path))))
    return sorted(found, key=lambda item: item[0])


def _text_file(relative: str, path: Path) -> Path | Passed:
    if not path.name.lower().endswith(TEXT_SUFFIXES):
        return Passed(relative, NOT_TEXT, (("suffixes", ", ".join(TEXT_SUFFIXES)),))
    if is_conflict_copy(relative):  # its note is imported; a second copy of it would clash
        return Passed(relative, CONFLICT_COPY)
    return path


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
        raw = _read(path)
    except OSError as error:
        return Passed(relative, UNREADABLE, (("detail", error.strerror or str(error)),))
    if raw is None:
        return Passed(relative, TOO_BIG)
    digest = hashlib.sha256(raw).hexdigest()
    if digest in seen:
        return _already(relative, seen[digest])
    try:
        source = split(decode(raw))
        when = _date(source, relative, path)
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
        title = _title(source, relative)
        return NewImport(relative, beside.copy, str(own_id), title, decode(raw), NEWER, params)
    return _note(notebook, request, relative, source, when, digest, known)


def _already(relative: str, where: str) -> Passed:
    if where.startswith("source:"):
        return Passed(relative, TWICE, (("source", where.removeprefix("source:")),))
    return Passed(relative, ALREADY, (("id", where),))


def _read(path: Path) -> bytes | None:
    """The file's bytes, None when it is too large to be a note (the file is never opened for
    writing, and never read past the limit)."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_SOURCE_BYTES + 1)
    return None if len(raw) > MAX_SOURCE_BYTES else raw


def _date(source: SourceText, relative: str, path: Path) -> NoteDate:
    """The header's date, else one in the file name, the first heading or the folders, else
    the day the file was last changed (so that every note can be found by date)."""
    given = header_date(source.metadata.get("date"))
    if given is not None:
        return given
    stem = relative.rsplit("/", 1)[-1]
    heading = first_heading(source.body) or ""
    found = date_in(stem) or date_in(heading) or date_in(relative)
    return found or datetime.fromtimestamp(path.stat().st_mtime).date()


def _note(
    notebook: Notebook,
    request: ImportRequest,
    relative: str,
    source: SourceText,
    when: NoteDate,
    digest: str,
    known: Known,
) -> NewImport:
    entrepreneur = source.metadata.get("entrepreneur")
    entrepreneur = entrepreneur if isinstance(entrepreneur, str) else None
    type_name = _type_name(notebook, request, relative, source)
    type_name, more = presence.one_fiche(known.present, type_name, entrepreneur)
    note_type = find_type(type_name, notebook.config.types)
    title = _title(source, relative)
    label = file_label(note_type.name, entrepreneur, title)
    own = garefil_id(source.metadata, note_type.name)
    given = identity(note_type, day_of(when), label, relative, own, digest, known.taken)
    given = presence.said_as_version(given, own, known.present)
    presence.record_fiche(known.present, note_type.name, entrepreneur, given.path)
    metadata = _metadata(notebook, request, source, given.id, note_type.name, title, when)
    metadata |= {FROM_KEY: nfc(relative), HASH_KEY: digest}
    text, renamed = _linked_text(known, metadata, source, digest)
    return NewImport(
        relative, given.path, given.id, title, text, given.notice, given.params, more + renamed
    )


def _linked_text(known: Known, metadata: dict[str, Any], source: SourceText, digest: str):
    """The note's text, its documents brought along and its register ids free; what changed."""
    if DOCUMENTS_KEY in metadata:  # the files it links come along, their links kept right
        metadata[DOCUMENTS_KEY] = known.documents.bring(metadata[DOCUMENTS_KEY])
    body, renamed = presence.fresh_items(source.body, known.present, digest)
    said = ((presence.ITEMS_RENAMED, (("ids", ", ".join(renamed)),)),) if renamed else ()
    return _text(metadata, replace(source, body=body)), said


def _type_name(
    notebook: Notebook, request: ImportRequest, relative: str, source: SourceText
) -> str:
    """The header's type when the notebook knows it; else, if asked, the deepest folder that
    names one (`reunions/`, `cr/`, `ca/`…); else a plain note."""
    declared = source.metadata.get("type")
    if isinstance(declared, str) and declared in notebook.config.types:
        return declared
    if request.type_by_folder:
        for folder in reversed(relative.split("/")[:-1]):
            name = fold(nfc(folder)).strip().replace(" ", "-")
            name = FOLDER_TYPES.get(name, name)
            try:
                return find_type(name, notebook.config.types).name
            except UnknownNoteType:  # try the folder above
                continue
    return "note"


def _title(source: SourceText, relative: str) -> str:
    given = next((source.metadata[k] for k in TITLE_KEYS if source.metadata.get(k)), None)
    if given is not None and str(given).strip():
        return nfc(str(given).strip())
    stem = relative.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return first_heading(source.body) or nfc(stem.replace("_", " ").strip()) or stem


def _metadata(
    notebook: Notebook,
    request: ImportRequest,
    source: SourceText,
    note_id: str,
    type_name: str,
    title: str,
    when: NoteDate,
) -> dict[str, Any]:
    """garefil's keys first, then every other key of the source as it was."""
    meta = source.metadata
    own: dict[str, Any] = {"id": note_id, "type": type_name, "title": title, "date": when}
    author = author_of(meta, AUTHOR_KEYS)
    if author:
        own["author"] = author
    tags = [t for k in TAG_KEYS for t in words(meta.get(k))] + list(request.tags)
    own["tags"] = list(normalize_tags(tags, notebook.config.synonyms))
    mapped = {"id", "type", "date", *TITLE_KEYS, *AUTHOR_KEYS, *TAG_KEYS}
    kept = {k: v for k, v in meta.items() if k not in mapped}
    if meta.get("id") not in (None, note_id):
        kept["id_origine"] = meta["id"]  # the other tool's id, kept but never taken for ours
    if meta.get("type") not in (None, type_name):
        kept["type_origine"] = meta["type"]
    return own | {k: writable(v) for k, v in kept.items() if k not in own}


def _text(metadata: dict[str, Any], source: SourceText) -> str:
    """The new note's text: garefil's header (in the source's newline style), then the source's
    body exactly (the reader takes the first closing `---` as the header's end)."""
    header = render(metadata, "").rstrip("\n") + "\n"
    if source.newline == "\r\n":
        header = header.replace("\n", "\r\n")
    return header + source.body


def write_plan(
    notebook: Notebook, plan: ImportPlan, progress: Progress | None = None
) -> list[Path]:
    """Write the plan's notes, then copy their documents (never overwriting a file); the files
    written, for the commit."""
    written = []
    for done, note in enumerate(plan.notes, 1):
        written.append(notebook.write_new(note.path, note.text))
        if progress:
            progress(done, len(plan.notes))
    for document in plan.documents:
        data = document.origin.read_bytes()
        written.append(notebook.write_new(document.path, data))
    return written
