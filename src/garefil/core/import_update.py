"""A more recent version of a note the notebook has, imported from another copy of it: offered
beside the note, for `garefil resolve`, instead of as a second note.

A source note whose id is a note's here, with other bytes, is another version of it. Without the
source's history, which is the newer cannot be known for sure; it is taken as the newer when the
note here is as git recorded it (nobody changed it since) and the source was changed after that
record (its `updated` or `modified` header, else its file's time). The coach most likely left
this copy behind and wrote in it meanwhile: the source is written, as it is, beside the note as
the other version of a conflict (`NAME.conflit-import.md`), which `garefil resolve` settles as
any other (keep the note, or `--take-other`). Nothing is overwritten, nothing is doubled, and
the note keeps its id and its links. Any other version is imported under a fresh id, as before
(core/import_presence.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from .conflict_copies import CONFLICT_MARK, copies_beside
from .errors import N_, GarefilError
from .import_format import header_date
from .import_identity import Taken
from .import_presence import Present, blob_id

NEWER = N_(
    "a more recent version of note {id}: put beside it as {copy}; `garefil resolve {path} "
    "--take-other` takes it, `garefil resolve {path}` keeps the note as it is"
)
EDITED = N_(
    "already imported (note {id}), modified since: its new version waits beside the note as "
    "{copy}; `garefil resolve {path} --take-other` takes it, `garefil resolve {path}` keeps the "
    "note as it is"
)
EDITED_WAITING = N_(
    "already imported (note {id}), modified since, and another version already waits beside "
    "it: settle that one first with `garefil resolve {path}`, then import again"
)
UPDATE_KEYS = ("updated", "modified", "mis_a_jour", "modifie")
COPY_AUTHOR = "import"  # the copy's name says where the other version comes from


@dataclass(frozen=True)
class Beside:
    """Where a newer version goes: the note it updates, and the copy's path beside it."""

    note: str
    copy: str

    def params(self, note_id: str) -> tuple[tuple[str, str], ...]:
        """The notice's parameters."""
        return (("id", note_id), ("copy", self.copy), ("path", self.note))


def newer_version(
    present: Present,
    own_id: object,
    metadata: Mapping[str, Any],
    source: Path,
    read: Callable[[str], bytes],
    taken: Taken,
) -> Beside | None:
    """Where the source file `source` goes as a newer version of the note with its id, or
    None when it is not one (no such note, changed here since git recorded it, or older)."""
    if not isinstance(own_id, str) or own_id not in present.paths:
        return None
    here = present.paths[own_id]
    try:
        unchanged = present.stored(blob_id(read(here)))
    except (OSError, GarefilError):  # gone meanwhile, or a link: not a note to update
        return None
    recorded = present.recorded(here)
    if not unchanged or recorded is None or not _changed_after(metadata, source, recorded):
        return None
    return beside(here, taken)


def beside(note: str, taken: Taken) -> Beside | None:
    """The conflict copy `NAME.conflit-import.md` for the note at `note` (recorded in `taken`),
    or None when a conflict already waits there: the coach settles that one first."""
    copy = copy_path(note)
    if copies_beside(taken.root / note) or taken.has_path(copy):
        return None
    taken.paths.add(copy)
    return Beside(note, copy)


def _changed_after(metadata: Mapping[str, Any], source: Path, recorded: datetime) -> bool:
    """Whether the source was changed after `recorded`: its header's day of update (a later
    day; the same day cannot tell), else its file's time."""
    for key in UPDATE_KEYS:
        try:
            given = header_date(metadata.get(key))
        except ValueError:  # not a date: the file's time tells instead
            continue
        if isinstance(given, datetime):  # another time zone's: compared in local time
            return (given.astimezone().replace(tzinfo=None) if given.tzinfo else given) > recorded
        if isinstance(given, date):
            return given > recorded.date()
    # Git keeps whole seconds: a file written in the second of the record is not after it.
    return datetime.fromtimestamp(int(source.stat().st_mtime)) > recorded


def copy_path(note: str) -> str:
    """`NAME.conflit-import.md` beside the note `NAME.md`."""
    path = PurePosixPath(note)
    return str(path.with_name(f"{path.stem}{CONFLICT_MARK}{COPY_AUTHOR}{path.suffix}"))
