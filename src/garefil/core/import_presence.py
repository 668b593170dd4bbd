"""What of an imported folder the notebook already holds: a note, a fiche, a decision's id.

Importing a clone of the team's own notebook (or an old copy of it) must not double it. A source
note whose id is a note's here is *already in the notebook* when its bytes are that note's, or
when git already stores those very bytes (an earlier version kept by the history, or a teammate's
version fetched and waiting to be merged). A differing version is still imported, under a fresh
id, and said: nothing is lost, nothing overwritten.

One fiche per person: a source fiche for someone who already has one here is imported as a plain
note (its type kept in `type_origine`). A decision's or action's written id (`^d-…`, `^a-…`)
already used in the notebook is given a fresh one in the imported copy, so that `decision`,
`action` and `decisions` never find two items under one id.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from . import ids
from .conflict_copies import is_conflict_copy
from .dates import day_of
from .errors import N_, GarefilError
from .fields import field_name
from .import_identity import ID_TAKEN, Identity
from .model import Note
from .notetypes import is_type
from .register import ITEM_ID_PATTERN
from .text import same_person

FROM_KEY, HASH_KEY = "imported_from", "imported_hash"  # where a note came from, its bytes
HERE = N_("already in the notebook (note {id})")
IN_HISTORY = N_("already in the notebook: a version of note {id} its history keeps")
OTHER_VERSION = N_("another version of note {id}, which stays as it is: imported as {new}")
SECOND_FICHE = N_("{entrepreneur} already has a fiche ({path}): imported as a plain note")
ITEMS_RENAMED = N_("ids already used in the notebook given fresh ones: {ids}")

_WRITTEN_ITEM = re.compile(r"\^(" + ITEM_ID_PATTERN + r")(?=[ \t]*\r?$)", re.MULTILINE)


@dataclass
class Present:
    """The notebook as an import sees it: its notes' paths by id, its fiches, its register
    ids (growing with the items an import writes), and whether git stores given bytes."""

    paths: Mapping[str, str] = field(default_factory=dict)
    ids: Mapping[str, str] = field(default_factory=dict)  # by path
    fiches: list[tuple[str, str]] = field(default_factory=list)  # (entrepreneur, path)
    items: set[str] = field(default_factory=set)
    stored: Callable[[str], bool] = lambda _blob: False
    recorded: Callable[[str], datetime | None] = lambda _path: None  # a note's last commit
    # The notes each source file became, by the path it was imported from (`imported_from`).
    sources: Mapping[str, tuple[Note, ...]] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        notes: Iterable[Note],
        stored: Callable[[str], bool],
        recorded: Callable[[str], datetime | None] = lambda _path: None,
    ) -> Present:
        """What `notes` (every note of the notebook) hold; `stored` asks git about a blob id,
        `recorded` when git last recorded a note (core/import_update.py)."""
        notes = tuple(notes)
        fiches = [(n.entrepreneur, n.path) for n in notes if is_type(n, "fiche") and n.entrepreneur]
        items = {i.id for n in notes for i in (*n.decisions, *n.actions) if i.written_id}
        paths = {n.id: n.path for n in notes}
        by_path = {n.path: n.id for n in notes}
        return cls(paths, by_path, fiches, items, stored, recorded, _by_source(notes))


def _by_source(notes: tuple[Note, ...]) -> dict[str, tuple[Note, ...]]:
    """The notes an import wrote, by the path of the file each came from (conflict copies
    are the other version of a note, never a note of their own)."""
    key = field_name(FROM_KEY)
    found: dict[str, list[Note]] = {}
    for note in notes:
        if is_conflict_copy(note.path):
            continue
        for source in (v for name, values in note.extra_fields if name == key for v in values):
            found.setdefault(source, []).append(note)
    return {source: tuple(found_notes) for source, found_notes in found.items()}


def imported_before(present: Present, relative: str, title: str, day: object) -> Note | None:
    """The note an earlier import made of the source file `relative` (its path in the source
    folder), when that note still has the title or the day the file gives now: the same file,
    edited since. A file of that name with another title and day is another file."""
    for note in present.sources.get(unicodedata.normalize("NFC", relative), ()):
        if note.title == title or day_of(note.date) == day:
            return note
    return None


def blob_id(raw: bytes) -> str:
    """The id git gives a file of these bytes (`git hash-object`)."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()


def already_here(
    present: Present, note_id: object, relative: str, raw: bytes, read: Callable[[str], bytes]
) -> tuple[str, str] | None:
    """Why a source note is already in the notebook (HERE or IN_HISTORY, with the note's id),
    or None. Its note here is the one with its id, else the one at its path (a note without
    id, as a clone has it); `read` gives a notebook file's bytes."""
    if isinstance(note_id, str) and note_id in present.paths:
        path = present.paths[note_id]
    elif relative in present.ids:
        path, note_id = relative, present.ids[relative]
    else:
        return None
    try:
        if read(path) == raw:
            return HERE, str(note_id)
    except (OSError, GarefilError):  # gone meanwhile, or a link: its history may still know
        pass
    return (IN_HISTORY, str(note_id)) if present.stored(blob_id(raw)) else None


def one_fiche(present: Present, type_name: str, entrepreneur: str | None):
    """The type a source note is imported as, and what to say: a fiche for someone who
    already has one (here, or imported before) becomes a plain note (one fiche per person,
    names compared by the rule `new` uses)."""
    if type_name != "fiche" or entrepreneur is None:
        return type_name, ()
    found = next((f for f in present.fiches if same_person(f[0], entrepreneur)), None)
    if found is None:
        return type_name, ()
    return "note", ((SECOND_FICHE, (("entrepreneur", found[0]), ("path", found[1]))),)


def record_fiche(present: Present, type_name: str, entrepreneur: str | None, path: str) -> None:
    """Remember a fiche the import writes: the next one for that person is a second fiche."""
    if type_name == "fiche" and entrepreneur is not None:
        present.fiches.append((entrepreneur, path))


def said_as_version(given: Identity, own: str | None, present: Present) -> Identity:
    """`given`, saying "another version of note X" when its own id is a note's here."""
    if given.notice == ID_TAKEN and own in present.paths:
        return replace(given, notice=OTHER_VERSION)
    return given


def fresh_items(body: str, present: Present, digest: str) -> tuple[str, tuple[str, ...]]:
    """`body` with each written item id already taken given a fresh one (drawn from `digest`,
    so that a dry run shows the same); the ids renamed. Every id kept or given is recorded."""
    draws = ids.seeded_suffixes(digest)
    renamed: dict[str, str] = {}

    def fresh(found: re.Match[str]) -> str:
        old = found.group(1)
        if old not in present.items:
            present.items.add(old)
            return found.group(0)
        if old not in renamed:
            kind = old[0]
            new = next(
                f"{kind}-{s}" for s in iter(draws, None) if f"{kind}-{s}" not in present.items
            )
            renamed[old] = new
            present.items.add(new)
        return "^" + renamed[old]

    return _WRITTEN_ITEM.sub(fresh, body), tuple(renamed)
