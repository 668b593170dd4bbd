"""Git's merge must never take two notes for one note renamed.

Git pairs a file deleted on one side with one that side added when their texts are alike (half
their lines), and merges them as one file renamed. Two notes made from the same template are
alike: a coach deleting a note and writing another from that template reads to git as a
rename. Merged so, the other coach's changes to the deleted note went into the new one (and
the note they changed was gone), or the new note was said « deleted here but changed there »
by whoever wrote it. A note's id says whether it is the same note (core/renames.py): when git
would pair two notes of different ids, the merge pairs only the files more alike than the most
alike of those (`-X find-renames`: git's merge ignores `no-renames`), so that each of the two
notes is merged at its own path and a note deleted on one side but changed on the other is
kept, as always; a note truly renamed (its id kept) and less alike than that is merged at its
two paths, and kept: nothing is lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from .notebook import NOTE_SUFFIX, Notebook


class Merging(Protocol):
    """What the question needs of git (adapters/git_history.py)."""

    def head(self) -> str | None: ...
    def merge_base(self, commit: str, other: str | None) -> str | None: ...
    def renamed_between(
        self, since: str, until: str, folder: Path
    ) -> list[tuple[str, str, int]]: ...
    def text_at(self, commit: str, path: Path) -> str | None: ...


def renamed_only_above(notebook: Notebook, repo: Merging, upstream: str) -> int | None:
    """The percent two files must be alike for a merge of `upstream` to pair them, when git
    would otherwise pair two different notes (by id), on this side or the team's; None: git's
    own rule pairs no two notes."""
    head = repo.head()
    base = repo.merge_base(head, upstream) if head else None
    if head is None or base is None:
        return None
    alike = [
        score
        for side in (head, upstream)
        for old, new, score in repo.renamed_between(base, side, notebook.root)
        if _two_notes(notebook, repo, (base, old), (side, new))
    ]
    return min(max(alike) + 1, 100) if alike else None


def _two_notes(
    notebook: Notebook, repo: Merging, before: tuple[str, str], after: tuple[str, str]
) -> bool:
    """Whether the note at `before` (commit, path) and the one at `after` are two notes."""
    if not (before[1].endswith(NOTE_SUFFIX) and after[1].endswith(NOTE_SUFFIX)):
        return False
    ids = [_id(repo.text_at(commit, notebook.root / path)) for commit, path in (before, after)]
    return ids[0] != ids[1]


def _id(text: str | None) -> str | None:
    """The id the header of `text` gives its note (None: none, or an unreadable header)."""
    from .frontmatter_text import FrontMatterError, parse

    if text is None:
        return None
    try:
        found = parse(text).metadata.get("id")
    except FrontMatterError:
        return None
    return str(found) if found else None
