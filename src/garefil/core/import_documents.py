"""The documents an imported note links (`documents:`), brought along with it.

A note of another garefil notebook lists its documents as `fichier: documents/…` paths of that
notebook. Importing the note without them would leave links to nothing: each such file found in
the imported folder is copied to the same path here. Nothing is overwritten: when that path holds
other bytes (or another imported document), the copy gets a free name (`NAME-2.pdf`) and the
imported note's link is changed to it; when it holds the very same bytes, the link stays and
nothing is copied. Only plain files below the folder's `documents/` are brought: never a link,
never a path leaving the folder or leading into a hidden folder such as `.git`.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import FOLDER, digest

FILE_KEY = "fichier"


@dataclass(frozen=True)
class DocumentCopy:
    """A document to copy: its path in the imported folder and where it goes here."""

    source: str
    path: str
    origin: Path = field(compare=False, repr=False)  # the file to read


@dataclass
class Documents:
    """The documents of one import: the folder read, the notebook, what was given so far."""

    folder: Path
    root: Path
    given: dict[str, str] = field(default_factory=dict)  # source path → path here
    copies: list[DocumentCopy] = field(default_factory=list)

    def bring(self, entries: Any) -> Any:
        """The note's `documents:` value with each brought file's link set to its copy here."""
        if not isinstance(entries, list):
            return entries
        return [self._entry(entry) for entry in entries]

    def keep(self, entries: Any) -> None:
        """The documents of a note already here, whose links cannot change: each is brought
        only to its own path, when that path is free (the file went missing) or holds it."""
        for entry in entries if isinstance(entries, list) else []:
            wanted = entry.get(FILE_KEY) if isinstance(entry, dict) else None
            if isinstance(wanted, str) and wanted not in self.given and self._plain_file(wanted):
                data = self.folder.joinpath(wanted).read_bytes()
                if self._free(wanted, data):
                    self._give(wanted, wanted)

    def _entry(self, entry: Any) -> Any:
        wanted = entry.get(FILE_KEY) if isinstance(entry, dict) else None
        if not isinstance(wanted, str) or not self._plain_file(wanted):
            return entry
        if wanted not in self.given:
            self._give(wanted, self._place(wanted))
        return entry | {FILE_KEY: self.given[wanted]}

    def _give(self, relative: str, path: str) -> None:
        """Record that the document `relative` is at `path` here (copied if not there yet)."""
        if not os.path.lexists(self.root / path):
            self.copies.append(DocumentCopy(relative, path, self.folder / relative))
        self.given[relative] = path

    def _plain_file(self, relative: str) -> bool:
        """Whether `relative` is a plain file below the folder's documents/, reached through
        no link and no hidden folder."""
        parts = relative.split("/")
        if parts[0] != FOLDER or any(p in ("", ".", "..") or p.startswith(".") for p in parts):
            return False
        path = self.folder.joinpath(*parts)
        if os.path.realpath(path) != os.path.normpath(path):
            return False  # a link on the way
        try:
            return stat.S_ISREG(os.lstat(path).st_mode)
        except OSError:
            return False

    def _place(self, relative: str) -> str:
        """Where the document goes: its own path, unless other bytes (or another copy) hold it."""
        data = self.folder.joinpath(relative).read_bytes()
        stem, dot, suffix = relative.rpartition(".")
        stem, suffix = (stem, dot + suffix) if dot and "/" not in suffix else (relative, "")
        candidate, number = relative, 1
        while not self._free(candidate, data):
            number += 1
            candidate = f"{stem}-{number}{suffix}"
        return candidate

    def _free(self, candidate: str, data: bytes) -> bool:
        """Whether `candidate` can take the document: nothing there, or the very same bytes."""
        if candidate in self.given.values():
            return False
        target = self.root / candidate
        if not os.path.lexists(target):
            return True
        try:
            info = os.lstat(target)
            same_size = stat.S_ISREG(info.st_mode) and info.st_size == len(data)
            return same_size and digest(target.read_bytes()) == digest(data)
        except OSError:
            return False
