"""How a conflict copy is named (`NAME.conflit-AUTHOR.md`), and how listings leave it out.

Every read command asks these questions before it shows anything; conflicts.py, which writes the
copies, imports git's whole vocabulary (reports, states, messages). Kept apart so that a `list`
or a `search` does not load what only a `sync` needs.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .model import Listing, Note

CONFLICT_MARK = ".conflit-"
COPY_ID_MARK = "-conflit"  # a copy's id: its note's, so that listings tell the two apart
_COPY = re.compile(re.escape(CONFLICT_MARK) + r"[a-z0-9-]+(?=\.[^.]+$)")


def conflict_pairs(paths: Sequence[str]) -> list[tuple[str, str]]:
    """(note, conflict copy) for every conflict copy among `paths`."""
    # A plain substring test first: this runs over every path before each read command.
    return [(_COPY.sub("", p), p) for p in paths if CONFLICT_MARK in p and _COPY.search(p)]


def is_conflict_copy(path: str) -> bool:
    """Whether `path` is the other version of a conflict (`NAME.conflit-AUTHOR.md`)."""
    return CONFLICT_MARK in path and _COPY.search(path) is not None


def copies_beside(note: Path) -> list[str]:
    """The names of the conflict copies of the file `note` waiting in its folder."""
    prefix = note.stem + CONFLICT_MARK
    try:  # one folder read, not a walk: `mv` and `rm` ask this before they touch a note
        names = os.listdir(note.parent)
    except OSError:
        return []
    return sorted(n for n in names if n.startswith(prefix) and _COPY.sub("", n) == note.name)


def without_conflict_copies(listing: Listing) -> Listing:
    """`listing` without the conflict copies: the other version of a note is not a second note
    (`status` lists them, and every read command says how many wait)."""
    notes = tuple(note for note in listing.notes if not is_conflict_copy(note.path))
    return Listing(notes, listing.problems)


def items_only_in_copies(notes: Sequence[Note]) -> tuple[Note, ...]:
    """For each conflict copy among `notes` holding decisions or actions its note has not, the
    copy with those items alone: until `resolve`, they are the team's as much as any other, and
    the registers and `suivi` must not look as if they were never written."""
    by_path = {note.path: note for note in notes}
    found = []
    for original, copy in conflict_pairs(list(by_path)):
        note = by_path[copy]
        there = by_path.get(original)
        known = {i.id for i in (*there.decisions, *there.actions)} if there else set()
        decisions = tuple(d for d in note.decisions if d.id not in known)
        actions = tuple(a for a in note.actions if a.id not in known)
        if decisions or actions:
            found.append(replace(note, decisions=decisions, actions=actions, roles=()))
    return tuple(found)
