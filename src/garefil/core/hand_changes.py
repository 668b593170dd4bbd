"""What a coach changed outside garefil, as the next sync records it, counted as the coach
sees it: a note renamed by hand (`git mv`, a file manager) is one note renamed, not a file
deleted and another added (« 2 fichiers modifiés » for one rename).

A rename is told by the rule `sync` and the home screen follow (core/renames.py): the note's
id, which a rename keeps, in the header of the file gone (as last recorded) and of the new one;
for notes without one (written by another tool), git's own pairing of what is staged.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .config import Config
from .notebook import NOTE_SUFFIX
from .renames import paired_by_id


@dataclass(frozen=True)
class HandChanges:
    """Files changed by hand, and the notes among them renamed (each once)."""

    changed: tuple[str, ...] = ()  # changed, added or deleted: each a change of its own
    renamed: tuple[tuple[str, str], ...] = ()  # (old path, new path) of each note renamed

    def paths(self) -> tuple[str, ...]:
        """Every file the record touches (both paths of a rename)."""
        return tuple(sorted([*self.changed, *(p for pair in self.renamed for p in pair)]))

    def __bool__(self) -> bool:
        return bool(self.changed or self.renamed)


class Recorded(Protocol):
    """What the notebook's git knows of its last commit (adapters/git_repo.py)."""

    def head(self) -> str | None: ...
    def text_at(self, commit: str, path: Path) -> str | None: ...
    def files_at(self, commit: str, folder: Path) -> set[str]: ...
    def staged_renames(self, folder: Path) -> dict[str, str]: ...


def hand_changes(
    root: Path, repo: Recorded, pending: Sequence[str], config: Config | None = None
) -> HandChanges:
    """`pending` (the files under `root` git shows changed since the last commit, relative to
    it) as changes: a note gone from one path and come at another under the same id is renamed."""
    config = config or Config()
    gone = [p for p in pending if p.endswith(NOTE_SUFFIX) and not os.path.lexists(root / p)]
    if not gone or repo.head() is None:  # the usual case: nothing deleted, nothing to read
        return HandChanges(tuple(pending))
    known = repo.files_at("HEAD", root)
    came = [p for p in pending if p.endswith(NOTE_SUFFIX) and p not in known and p not in gone]
    if not came:
        return HandChanges(tuple(pending))
    before = {p: _own_id(config, p, repo.text_at("HEAD", root / p)) for p in gone}
    after = {p: _own_id(config, p, _text(root / p)) for p in came}
    pairs = paired_by_id(before, after)  # new path → old path
    pairs |= _staged_without_ids(root, repo, before, after, pairs)
    paired = set(pairs) | set(pairs.values())
    renamed = tuple(sorted((old, new) for new, old in pairs.items()))
    return HandChanges(tuple(p for p in pending if p not in paired), renamed)


def _staged_without_ids(
    root: Path,
    repo: Recorded,
    before: dict[str, str | None],
    after: dict[str, str | None],
    pairs: dict[str, str],
) -> dict[str, str]:
    """New path → old path of the notes without an id (written by another tool) that git pairs
    as renamed in what is staged (`git mv`): no id to tell, git's word is the one there is."""
    gone = {p for p, note_id in before.items() if note_id is None and p not in pairs.values()}
    came = {p for p, note_id in after.items() if note_id is None and p not in pairs}
    if not (gone and came):
        return {}
    staged = repo.staged_renames(root).items()
    return {new: old for new, old in staged if new in came and old in gone}


def _text(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as file:
            return file.read()
    except OSError:
        return None


def _own_id(config: Config, path: str, text: str | None) -> str | None:
    """The id the header of `text` gives its note (None: none written, or unreadable)."""
    if text is None:
        return None
    # Only when a note was deleted and another added by hand: the home screen reads no YAML else.
    from .errors import GarefilError
    from .frontmatter_text import FrontMatterError
    from .notefile import read_note

    try:
        note = read_note(path, text, config, register=False)
    except (FrontMatterError, GarefilError):  # a broken note: a change of its own
        return None
    return note.id if note.metadata.get("id") else None
