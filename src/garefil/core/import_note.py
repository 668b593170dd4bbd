"""The note a source file becomes in `garefil import`: a header mapped to garefil's, its body kept.

The source's header keys are mapped to garefil's (`title`, `date`, `tags`, `author`,
`categories` → tags) and every other key is kept as it is; the body is the source's text exactly.
The note records where it came from (`imported_from`) and the hash of the source's bytes
(`imported_hash`), so that an import run again skips what is already there.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from . import import_presence as presence
from .dates import NoteDate, day_of
from .documents import KEY as DOCUMENTS_KEY
from .errors import UnknownNoteType
from .frontmatter_text import render
from .import_documents import Documents
from .import_format import (
    SourceText,
    author_of,
    date_in,
    first_heading,
    header_date,
    nfc,
    with_offset,
    words,
    writable,
)
from .import_identity import Taken, garefil_id, identity
from .import_presence import FROM_KEY, HASH_KEY, Present
from .model import Note
from .notebook import Notebook
from .notefile import UNDATED_KEY
from .notes import file_label
from .notetypes import find_type
from .text import fold, normalize_tags

if TYPE_CHECKING:
    from .importing import ImportRequest

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
class Known:
    """What an import has to check each note against as it goes (each grows with it)."""

    taken: Taken
    present: Present
    documents: Documents
    today: date = date.min  # the day an undated note's id and file name take


def source_date(source: SourceText, relative: str) -> NoteDate | None:
    """The header's date, else one in the file name, the first heading or the folders; None
    when the file gives none. Never the file's time: a pad downloaded today would count as
    today's report in every bilan and list."""
    given = header_date(source.metadata.get("date"))
    if given is not None:
        return given
    stem = relative.rsplit("/", 1)[-1]
    heading = first_heading(source.body) or ""
    return date_in(stem) or date_in(heading) or date_in(relative)


@dataclass(frozen=True)
class SourceFile:
    """A file of the folder imported: its path there, its text read, its day, its digest."""

    relative: str
    source: SourceText
    when: NoteDate | None
    digest: str


def new_note(
    notebook: Notebook, request: ImportRequest, found: SourceFile, known: Known
) -> NewImport:
    """The note a source file becomes: its type, title, file name, id and whole text."""
    relative, source = found.relative, found.source
    entrepreneur = source.metadata.get("entrepreneur")
    entrepreneur = entrepreneur if isinstance(entrepreneur, str) else None
    type_name = _type_name(notebook, request, relative, source)
    type_name, more = presence.one_fiche(known.present, type_name, entrepreneur)
    note_type = find_type(type_name, notebook.config.types)
    title = source_title(source, relative)
    label = file_label(note_type.name, entrepreneur, title)
    own = garefil_id(source.metadata, note_type.name)
    # An undated note's id and file name take the import's day; its header says it has no date.
    day = day_of(found.when) or known.today
    given = identity(note_type, day, label, relative, own, found.digest, known.taken)
    given = presence.said_as_version(given, own, known.present)
    presence.record_fiche(known.present, note_type.name, entrepreneur, given.path)
    metadata = _header(notebook, request, found, known, given.id, note_type.name)
    text, renamed = _fresh_text(known, metadata, source, found.digest)
    return NewImport(
        relative, given.path, given.id, title, text, given.notice, given.params, more + renamed
    )


def edited_note(
    notebook: Notebook, request: ImportRequest, found: SourceFile, known: Known, earlier: Note
) -> tuple[str, str]:
    """The title and text of the note the source file is now, as the other version of the
    note an earlier import made of it (`earlier`): its id and type, so that `garefil resolve
    --prendre-l-autre` makes it that very note, links and all; its body exactly the source's."""
    metadata = _header(notebook, request, found, known, earlier.id, earlier.type)
    return source_title(found.source, found.relative), _text(metadata, found.source)


def _header(
    notebook: Notebook,
    request: ImportRequest,
    found: SourceFile,
    known: Known,
    note_id: str,
    type_name: str,
) -> dict[str, Any]:
    """The imported note's header: the source's, completed, with where it came from, and the
    documents it links brought along (their links kept right)."""
    title = source_title(found.source, found.relative)
    metadata = _metadata(notebook, request, found.source, note_id, type_name, title, found.when)
    metadata |= {FROM_KEY: nfc(found.relative), HASH_KEY: found.digest}
    if DOCUMENTS_KEY in metadata:
        metadata[DOCUMENTS_KEY] = known.documents.bring(metadata[DOCUMENTS_KEY])
    return metadata


def _fresh_text(known: Known, metadata: dict[str, Any], source: SourceText, digest: str):
    """The note's text, its register ids free of those already in the notebook; what changed."""
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


def source_title(source: SourceText, relative: str) -> str:
    """The title a source file gives its note: its header's, its first heading, or its name."""
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
    when: NoteDate | None,
) -> dict[str, Any]:
    """garefil's keys first, then every other key of the source as it was."""
    meta = source.metadata
    own: dict[str, Any] = {"id": note_id, "type": type_name, "title": title, "date": when}
    if when is None:  # neither the import's day nor the file's: read as having no date
        del own["date"]
        own[UNDATED_KEY] = True
    if with_offset(meta.get("date")):  # read without its zone, but never stored without it
        own["date"] = meta["date"]
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
