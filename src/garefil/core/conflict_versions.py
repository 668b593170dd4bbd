"""Whose each version of a conflict is, so that `status` and `resolve` name it, never guess it.

After a conflict the note keeps the version of the coach whose `sync` met it, and the copy holds
the other one. Once shared, the teammate sees the same two files the other way round: for them
the note is *not* their version. So neither is called « yours »: each is named by its author,
with « you » added to the one the coach running the command wrote. The note's author is who
last changed it (git's history); the copy's is written in its header (`conflict_by`) when the
copy is made, since the commit that adds the copy is the other coach's. A copy of the settings
has no header: its name (`config.conflit-karim-benali.toml`) says whose it is, matched against
those who changed the settings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .conflict_copies import CONFLICT_MARK
from .errors import GitIdentityMissing
from .frontmatter_text import FrontMatterError, parse
from .import_update import COPY_AUTHOR as IMPORT_COPY
from .notebook import Notebook
from .sharing_model import HistoryEntry
from .text import person_id, slugify

CONFLICT_BY = "conflict_by"


class AuthorsRepository(Protocol):
    """What this needs from git: who last changed a file, and who runs the command."""

    def last_author(self, commit: str, path: str) -> str: ...
    def author_name(self) -> str: ...
    def history(self, path: Path) -> list[HistoryEntry]: ...
    @property
    def top(self) -> Path: ...


@dataclass(frozen=True)
class Versions:
    """Who wrote the note's version and the copy's (None: unknown), and who is asking."""

    note: str | None
    copy: str | None
    me: str | None
    imported_from: str | None = None  # the copy: the new version of this imported file

    def is_mine(self, author: str | None) -> bool:
        """Whether `author` is the coach running the command."""
        return bool(author and self.me and person_id(author) == person_id(self.me))


def versions(notebook: Notebook, repo: AuthorsRepository, note: str, copy: str) -> Versions:
    """The authors of the two versions of the conflict on `note`, kept in `copy`."""
    in_repo = notebook.absolute(note).relative_to(repo.top).as_posix()
    note_author = repo.last_author("HEAD", in_repo)
    known = None if note_author == "?" else note_author
    header = _copy_header(notebook, copy)
    imported = _imported_from(header, copy)
    copy_author = _written(header.get(CONFLICT_BY))
    if copy_author is None and imported is None:
        copy_author = _named_in(repo, notebook.absolute(note), copy)
    return Versions(known, copy_author, coach_name(repo), imported)


def _copy_header(notebook: Notebook, copy: str) -> dict:
    try:
        return dict(parse(notebook.read_text(copy)).metadata)
    except (FrontMatterError, OSError, UnicodeDecodeError):
        return {}  # an unreadable copy, or a setting's: its author is not written in it


def _written(found: object) -> str | None:
    return (str(found).strip() or None) if found else None


def _imported_from(header: dict, copy: str) -> str | None:
    """The imported file whose new version `import` put in `copy` (`NAME.conflit-import.md`,
    its source recorded as `imported_from`), None for a teammate's copy."""
    named = Path(copy).stem.rpartition(CONFLICT_MARK)[2]
    if named != IMPORT_COPY or header.get(CONFLICT_BY):
        return None
    return _written(header.get("imported_from"))


def _named_in(repo: AuthorsRepository, original: Path, copy: str) -> str | None:
    """The author the copy's name gives (`….conflit-karim-benali-2.toml`: numbered when the
    name was taken), among those who changed the file; None when none of them fits."""
    named = Path(copy).stem.rpartition(CONFLICT_MARK)[2]
    if not named:
        return None
    for entry in repo.history(original):
        slug = slugify(entry.author)
        if slug and re.fullmatch(re.escape(slug) + r"(-\d+)?", named):
            return entry.author
    return None


def coach_name(repo: AuthorsRepository) -> str | None:
    """The name this coach signs with, None when git does not know it."""
    try:
        return repo.author_name()
    except GitIdentityMissing:
        return None
