"""A person's documents under RGPD: renamed with them when they are anonymised, copied into
their export.

Documents are filed as `documents/<entrepreneur>/<date>-<name>.<ext>` (core/documents.py): the
folder, and often the file name, carry the person's name. Anonymising them renames those paths
to the pseudonym's and rewrites every link to them; a file is moved by a rename (same bytes,
same SHA-256), never copied over another one.
"""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .documents import FOLDER, KEY, digest, free_path, linked_paths
from .model import Note
from .notebook import Notebook


def document_moves(notebook: Notebook, old_slug: str, new_slug: str) -> dict[str, str]:
    """Old path → new path of every file below documents/ whose path holds `old_slug`."""
    if not old_slug:
        return {}
    moves: dict[str, str] = {}
    for path in _every_file(notebook.root / FOLDER, notebook.root):
        if old_slug in path:
            moves[path] = path.replace(old_slug, new_slug)
    return moves


def _every_file(folder: Path, root: Path) -> list[str]:
    found = []
    for top, dirs, files in os.walk(folder):  # os.walk never enters a linked folder
        dirs.sort()
        found.extend(Path(top, name).relative_to(root).as_posix() for name in sorted(files))
    return found


def move_documents(notebook: Notebook, moves: dict[str, str]) -> dict[str, str]:
    """Rename the files of `moves` (a link is renamed, never followed); a name already taken
    gets `-2`, `-3`… The moves as done; emptied folders are removed."""
    done: dict[str, str] = {}
    for old, wanted in moves.items():
        new = free_path(notebook, wanted)
        target = notebook.root / new
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(notebook.root / old, target)
        done[old] = new
    for old in done:
        _remove_empty_parents(notebook.root / old, notebook.root / FOLDER)
    return done


def _remove_empty_parents(path: Path, stop: Path) -> None:
    folder = path.parent
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()  # only an empty folder goes
        except OSError:
            return
        folder = folder.parent


def relinked(text: str, moves: dict[str, str]) -> str:
    """`text` with every moved document's path (also inside relative links) replaced."""
    for old in sorted(moves, key=len, reverse=True):  # a longer path before its prefix
        text = text.replace(old, moves[old])
    return text


@dataclass(frozen=True)
class Attached:
    """A document of an export: its notebook path and bytes, or why it was left out."""

    path: str
    data: bytes | None

    def described(self) -> dict[str, object]:
        """Its entry in the export's manifest."""
        assert self.data is not None
        return {"path": self.path, "size": len(self.data), "sha256": digest(self.data)}


def attached(notebook: Notebook, notes: Iterable[Note]) -> list[Attached]:
    """Every document the notes link, read; `data` None for one refused (a link, a path out
    of the notebook, anything but a plain file) or missing."""
    # `documents/x/../y.pdf` is `documents/y.pdf`: one entry, and no `..` in the ZIP's names
    paths = sorted({posixpath.normpath(path) for note in notes for path in _linked(note)})
    return [Attached(path, _plain_file(notebook, path)) for path in paths]


def _linked(note: Note) -> list[str]:
    """The documents a note read whole (`documents:` entries) or from the catalogue links."""
    entries = note.metadata.get(KEY)
    found = [
        str(entry.get("fichier"))
        for entry in (entries if isinstance(entries, list) else [])
        if isinstance(entry, dict) and str(entry.get("fichier", "")).startswith(FOLDER + "/")
    ]
    return found or linked_paths(note)


def _plain_file(notebook: Notebook, path: str) -> bytes | None:
    """The bytes of a plain file inside the notebook reached through no link at all."""
    root = os.path.realpath(notebook.root)
    written = os.path.normpath(os.path.join(root, path))
    if not written.startswith(os.path.join(root, FOLDER) + os.sep):
        return None
    try:
        if os.path.realpath(written) != written or not stat.S_ISREG(os.lstat(written).st_mode):
            return None
        with open(written, "rb") as handle:
            return handle.read()
    except OSError:
        return None
