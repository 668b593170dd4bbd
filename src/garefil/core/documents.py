"""Documents filed one way: a copy in the notebook, linked from a note, never twice.

The convention: `documents/<entrepreneur>/<date>-<name>.<ext>` when the document concerns an
entrepreneur (given, or the note's), else `documents/<subject>/…` with the note's first tag as
the subject, else `documents/divers/…`. Names are folded to lower-case ASCII words joined by '-'
(no accents, spaces nor '/' to trip a forge or another system) and prefixed by the day they were
filed, so that a folder reads in order. The note lists its documents under `documents:` with each
file's size and SHA-256, written line by line like every header change. A document is filed once:
the same bytes filed again point to the existing copy. A filed document is not changed in place;
a new version is filed as a new document (its text is read for the search index when its note
is indexed, see adapters/documents.py).
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .errors import DocumentExists, DocumentMissing, NotARegularFile, UnsafePath
from .model import Note
from .notebook import Notebook
from .text import slugify

FOLDER = "documents"
KEY = "documents"
OTHER_SUBJECT = "divers"
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}$")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATED = re.compile(r"(\d{4}-\d{2}-\d{2})-")


@dataclass(frozen=True)
class Filed:
    """A document in the notebook: its path, size, hash, and the note that links it."""

    path: str
    size: int | None
    sha256: str | None
    note: Note

    def summary(self) -> dict[str, object]:
        """The stable JSON shape of a document (documented in docs/json.md)."""
        dated = _DATED.match(self.path.rsplit("/", 1)[-1])
        return {
            "path": self.path,
            "date": dated.group(1) if dated else None,
            "size": self.size,
            "sha256": self.sha256,
            "note": self.note.id,
            "note_path": self.note.path,
            "entrepreneur": self.note.entrepreneur,
        }


def source_bytes(source: Path) -> bytes:
    """The bytes of the file to file; a link or anything but a plain file is refused."""
    if source.is_symlink():
        raise UnsafePath(path=str(source), root="")
    try:
        info = source.stat()
    except FileNotFoundError:
        raise DocumentMissing(path=str(source)) from None
    except OSError:
        raise NotARegularFile(path=str(source)) from None
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(path=str(source))
    return source.read_bytes()


def digest(data: bytes) -> str:
    """The SHA-256 of `data`, as recorded in the note."""
    return hashlib.sha256(data).hexdigest()


def target_path(source_name: str, note: Note | None, entrepreneur: str | None, today: date) -> str:
    """Where a document goes by the convention (its folder, then a dated, safe name)."""
    person = entrepreneur or (note.entrepreneur if note else None)
    subject = note.tags[0] if note and note.tags else OTHER_SUBJECT
    folder = slugify(person) if person else subject
    found = _SUFFIX.search(source_name)
    suffix = found.group(0).lower() if found else ""
    stem = slugify(source_name[: found.start()] if found else source_name) or "document"
    return f"{FOLDER}/{folder or OTHER_SUBJECT}/{today.isoformat()}-{stem}{suffix}"


def free_path(notebook: Notebook, wanted: str) -> str:
    """`wanted`, or `NAME-2.EXT`, `NAME-3.EXT`… when another document took that name."""
    found = _SUFFIX.search(wanted)
    stem, suffix = (wanted[: found.start()], found.group(0)) if found else (wanted, "")
    candidate, number = wanted, 1
    while os.path.lexists(notebook.root / candidate):
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    return candidate


def existing_copy(notebook: Notebook, data: bytes) -> str | None:
    """The document already filed with exactly these bytes: only files of the same size are
    hashed, and links are never followed."""
    size, wanted = len(data), None
    for path in _filed_files(notebook.root / FOLDER):
        if path.stat(follow_symlinks=False).st_size == size:
            wanted = wanted or digest(data)
            if digest(path.read_bytes()) == wanted:
                return path.relative_to(notebook.root).as_posix()
    return None


def _filed_files(folder: Path) -> list[Path]:
    found = []
    for top, dirs, files in os.walk(folder):  # os.walk never enters a linked folder
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(top) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def file_document(notebook: Notebook, data: bytes, path: str) -> str:
    """Copy `data` to `path` (never over a file); DocumentExists when the same bytes are
    filed already. The path written."""
    copy = existing_copy(notebook, data)
    if copy is not None:
        raise DocumentExists(path=copy)
    path = free_path(notebook, path)
    notebook.write_new(path, data)
    return path


def linked(note: Note | None, path: str, data: bytes) -> list[dict[str, Any]]:
    """The note's `documents:` list (a new note's: empty) with the new document added."""
    current = note.metadata.get(KEY) if note is not None else None
    entries = list(current) if isinstance(current, list) else []
    entries.append({"fichier": path, "taille": len(data), "sha256": digest(data)})
    return entries


def linked_paths(note: Note | None) -> list[str]:
    """The documents a note links, as the catalogue keeps them (paths below documents/)."""
    if note is None:
        return []
    values = next((v for name, v in note.extra_fields if name == KEY), ())
    return [value for value in values if value.startswith(FOLDER + "/")]


def filed(notes: tuple[Note, ...] | list[Note], root: Path | None = None) -> list[Filed]:
    """Every document the notes link, from the catalogue's fields, by path."""
    found = []
    for note in notes:
        values = next((v for name, v in note.extra_fields if name == KEY), ())
        for index, value in enumerate(values):
            if value.startswith(FOLDER + "/"):
                after = values[index + 1] if index + 1 < len(values) else ""
                sha = after if _SHA256.fullmatch(after) else None
                found.append(Filed(value, _size(root, value), sha, note))
    return sorted(found, key=lambda d: (d.path, d.note.id))


def _size(root: Path | None, path: str) -> int | None:
    if root is None:
        return None
    try:
        info = os.lstat(root / path)
    except OSError:
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None
