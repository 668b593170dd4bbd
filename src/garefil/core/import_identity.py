"""Which id and file name an imported note gets.

A note that comes from another garefil notebook keeps its id and its file name (filed in this
notebook's folder for its type and year): links to it by id keep working, and the same note
has the same name in both notebooks. When its id is already a note's here, or its name a file's,
it gets a fresh one, and the import says so. Every other note gets an id whose random part is
drawn from the source's bytes (`ids.seeded_suffixes`): the same file always gets the same id and
name, so that a dry run announces exactly the files the import will write. Nothing is ever
overwritten: a name is only given when no file has it and no other imported note was given it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import ids
from .errors import N_
from .notebook import NOTE_SUFFIX
from .notetypes import NoteType

# A garefil id: the note's day, its type, then a suffix (drawn by garefil, or typed by a coach).
_GAREFIL_ID = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)-([0-9a-z]+)")
ID_TAKEN = N_("its id {id} is already a note's in the notebook: imported as {new}")
NAME_TAKEN = N_("its file name {name} is already taken in the notebook: imported as {path}")


@dataclass
class Taken:
    """The ids of the notebook and the paths given during this import (both grow as it goes)."""

    root: Path
    ids: set[str]
    paths: set[str] = field(default_factory=set)

    def has_path(self, relative: str) -> bool:
        """Whether a file (or link, or folder) is at `relative`, or an imported note goes there."""
        return relative in self.paths or os.path.lexists(self.root / relative)

    def take(self, note_id: str, relative: str) -> None:
        """Record that an imported note gets `note_id` and goes to `relative`."""
        self.ids.add(note_id)
        self.paths.add(relative)


@dataclass(frozen=True)
class Identity:
    """An imported note's id and path; `notice` (a msgid with `params`) says what changed."""

    id: str
    path: str
    notice: str = ""
    params: tuple[tuple[str, str], ...] = ()


def garefil_id(metadata: Mapping[str, Any], type_name: str) -> str | None:
    """The header's id when it is a garefil one (`DAY-TYPE-SUFFIX`, of the header's own type)."""
    given = metadata.get("id")
    if not isinstance(given, str) or metadata.get("type") != type_name:
        return None
    found = _GAREFIL_ID.fullmatch(given)
    if not found or found.group(2) != type_name:
        return None
    try:
        date.fromisoformat(found.group(1))
    except ValueError:
        return None
    return given


def identity(
    note_type: NoteType,
    day: date,
    label: str,
    relative: str,
    own: str | None,
    digest: str,
    taken: Taken,
) -> Identity:
    """The id and path of the note `relative` becomes (recorded in `taken`)."""
    if own and own not in taken.ids:
        chosen = _named(note_type, day, label, relative, own, digest, taken)
    else:
        chosen = _drawn(note_type, day, label, digest, taken)
        if own:
            chosen = Identity(chosen.id, chosen.path, ID_TAKEN, (("id", own), ("new", chosen.id)))
    taken.take(chosen.id, chosen.path)
    return chosen


def _named(
    note_type: NoteType, day: date, label: str, relative: str, own: str, digest: str, taken: Taken
) -> Identity:
    """The note's own id with its own file name; when a file has that name, a name made from
    its id, else a fresh id and name (said either way)."""
    name = relative.rsplit("/", 1)[-1]
    path = f"{ids.note_folder(note_type, day)}/{name}"
    if name.endswith(NOTE_SUFFIX) and not taken.has_path(path):
        return Identity(own, path)
    chosen = Identity(own, ids.note_path(note_type, day, label, own))
    if taken.has_path(chosen.path):
        chosen = _drawn(note_type, day, label, digest, taken)
    if not name.endswith(NOTE_SUFFIX):  # not a garefil file name: nothing to say
        return chosen
    return Identity(chosen.id, chosen.path, NAME_TAKEN, (("name", name), ("path", chosen.path)))


def _drawn(note_type: NoteType, day: date, label: str, digest: str, taken: Taken) -> Identity:
    """A fresh id and path, drawn from the source's bytes, that no note and no file has."""
    suffixes = ids.seeded_suffixes(digest)
    while True:  # the draws go on from one call to the next: a taken path draws again
        note_id = ids.new_id(day, note_type.name, taken.ids, suffixes)
        path = ids.note_path(note_type, day, label, note_id)
        if not taken.has_path(path):
            return Identity(note_id, path)
