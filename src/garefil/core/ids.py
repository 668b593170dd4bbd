"""Note ids and file names that two coaches working offline can never both pick.

An id reads `2020-04-10-cr-k7m3q`: the note's day, its type, then five random characters drawn
from an alphabet without look-alikes (0/o, 1/l/i). With 31**5 ≈ 28 million suffixes per type and
day, two coaches meeting the same day collide with odds of about one in 28 million; a local
clash is also checked and redrawn. The file name repeats the suffix, so paths differ too.

An imported note draws its suffix from the source's content instead (`seeded_suffixes`): the same
file always gets the same id and name, so a dry run announces exactly what the import writes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container
from datetime import date
from itertools import count

from .notetypes import NoteType
from .text import slugify

SUFFIX_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SUFFIX_LENGTH = 5


def random_suffix(choice: Callable[[str], str] | None = None) -> str:
    """Five characters from SUFFIX_ALPHABET (drawn with `secrets` unless `choice` is given)."""
    if choice is None:
        import secrets  # imported here: only `new` draws ids, and every command starts faster

        choice = secrets.choice
    return "".join(choice(SUFFIX_ALPHABET) for _ in range(SUFFIX_LENGTH))


def seeded_suffixes(seed: str) -> Callable[[], str]:
    """Suffixes drawn from `seed`, always the same ones in the same order (for `new_id`)."""
    import hashlib  # here: it loads OpenSSL, which reading commands never need

    draws = count()

    def suffix() -> str:
        number = int.from_bytes(hashlib.sha256(f"{seed}:{next(draws)}".encode()).digest())
        letters = []
        for _ in range(SUFFIX_LENGTH):
            number, digit = divmod(number, len(SUFFIX_ALPHABET))
            letters.append(SUFFIX_ALPHABET[digit])
        return "".join(letters)

    return suffix


def new_id(
    day: date, type_name: str, taken: Container[str], suffix: Callable[[], str] = random_suffix
) -> str:
    """A fresh id for a note of `type_name` on `day`, not in `taken`."""
    while True:
        candidate = f"{day.isoformat()}-{type_name}-{suffix()}"
        if candidate not in taken:
            return candidate


def unsafe_in_a_file_name(note_id: str) -> bool:
    """Whether an id written by hand holds what a file name must not: a folder separator,
    `..` or a control character (garefil's own ids are letters, digits and hyphens)."""
    return any(part in note_id for part in ("/", "\\", "..")) or any(
        unicodedata.category(ch) == "Cc" for ch in note_id
    )


def note_path(note_type: NoteType, day: date, label: str, note_id: str) -> str:
    """Where a new note goes, e.g. `cr/2020/2020-04-10-jean-dupont-point-statut-k7m3q.md`."""
    suffix = note_id.rsplit("-", 1)[-1]
    stem = "-".join(part for part in (day.isoformat(), slugify(label), suffix) if part)
    return f"{note_folder(note_type, day)}/{stem}.md"


def note_folder(note_type: NoteType, day: date) -> str:
    """The folder a note of `note_type` dated `day` is filed in, e.g. `cr/2020`."""
    # Four digits, as in the file name: a typed year 999 must not make a folder "999".
    return f"{note_type.folder}/{day.year:04d}" if note_type.by_year else note_type.folder
