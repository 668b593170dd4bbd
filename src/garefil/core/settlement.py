"""Whose version a teammate's resolution kept, and where the other one still is.

A conflict leaves two versions: the note (the coach whose sync met it kept theirs in place) and
the copy (the other coach's, `conflict_by` in its header). The teammate who resolves it keeps
one; the other leaves the notebook but stays in git's history. « conflict resolved » alone
hides that from the coach whose text just left the note: this says whose was kept, and gives
the commit and path that still hold the other, for `garefil show PATH --version COMMIT`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .conflict_copies import conflict_pairs
from .conflict_versions import CONFLICT_BY, coach_name
from .frontmatter_text import FrontMatterError, parse
from .notebook import NOTE_SUFFIX, Notebook
from .sharing_model import Conflict, FileChange, Settlement
from .text import person_id

if TYPE_CHECKING:
    from .sharing import SharingRepository

# What marks a copy as a copy: not part of either version's text.
COPY_FIELDS = ("id", "conflict_of", CONFLICT_BY)


def with_settlements(
    notebook: Notebook, repo: SharingRepository, start: str | None, incoming: Sequence[FileChange]
) -> list[FileChange]:
    """`incoming` with each teammate's resolution of a note's conflict told whose version it
    kept, and for a conflict on its name the other name (one that met this coach's own
    resolution is told otherwise)."""
    told = [c for c in incoming if c.resolves and c.resolves.endswith(NOTE_SUFFIX)]
    told = [c for c in told if not c.clashes]
    if start is None or not told:
        return list(incoming)
    me = coach_name(repo)
    settled = {c.path: _settlement(notebook, repo, start, c, me) for c in told}
    return [replace(c, settled=settled.get(c.path)) if c.path in settled else c for c in incoming]


def with_arrived_copies(
    notebook: Notebook,
    repo: SharingRepository,
    start: str | None,
    incoming: Sequence[FileChange],
    waiting: Sequence[tuple[str, str]],
    conflicts: Sequence[Conflict],
) -> tuple[list[FileChange], tuple[str, ...]]:
    """`incoming` with each note whose conflict copy this sync brought marked with that copy
    (a teammate's sync met this coach's version, shared first, and kept it as the copy), and
    those copies: « modified » alone would hide that the coach's own text left the note. The
    copies this sync made itself are its conflicts', told by their own lines."""
    if not waiting:  # the usual sync: no copy to look at
        return list(incoming), ()
    had = repo.files_at(start, notebook.root) if start is not None else set()
    made = {(repo.top / c.copy).resolve() for c in conflicts if c.copy}
    arrived = {
        note: copy
        for note, copy in waiting
        if copy not in had and (notebook.root / copy).resolve() not in made
    }
    if not arrived:
        return list(incoming), ()
    me = coach_name(repo)
    told = [
        replace(c, copy=arrived[c.path], copy_mine=_holds_mine(notebook, arrived[c.path], me))
        if c.path in arrived and c.change in ("modified", "renamed", "added")
        else c
        for c in incoming
    ]
    return told, tuple(arrived.values())


def with_conflicts_now(
    incoming: Sequence[FileChange], waiting: Sequence[tuple[str, str]]
) -> list[FileChange]:
    """`incoming` with each note in conflict since this sync told so once, with the copy that
    holds the other version: the one a teammate's sync made and this one brought, or the one
    this sync made (found among the copies `waiting`, by where the note is here)."""
    copies = dict(waiting)
    return [
        replace(
            c,
            conflicted=True,
            other_version=c.copy or (copies.get(c.here or c.path) if c.in_conflict else None),
        )
        if c.in_conflict or c.copy
        else c
        for c in incoming
    ]


def _holds_mine(notebook: Notebook, copy: str, me: str | None) -> bool:
    """Whether the conflict copy at `copy` holds the version of `me`, as its header says."""
    try:
        author = _copy_author(notebook.read_text(copy))
    except (OSError, UnicodeDecodeError):
        return False
    return bool(me and author and person_id(author) == person_id(me))


def _settlement(
    notebook: Notebook, repo: SharingRepository, start: str, change: FileChange, me: str | None
) -> Settlement | None:
    """Whose version the resolution that removed the copy at `change.path` kept."""
    copy, now = notebook.root / change.path, notebook.root / (change.resolves or "")
    # Where the note was beside its copy: the resolution may have renamed it since.
    note = notebook.root / conflict_pairs([change.path])[0][0]
    resolution = repo.last_change(start, copy)
    if resolution is None or not now.is_file():
        return None
    before = f"{resolution}^"
    copy_text, note_text = repo.text_at(before, copy), repo.text_at(before, note)
    if copy_text is None or note_text is None:
        return None
    copy_by = _copy_author(copy_text) or "?"
    note_by = repo.last_author(before, _in_repo(repo, note))
    took_copy = _same_version(notebook.read_text(change.resolves or ""), copy_text)
    kept_by, aside_by, aside = (copy_by, note_by, note) if took_copy else (note_by, copy_by, copy)
    where = _in_repo(repo, aside)
    ref = f"{repo.last_commit(before, where)}:{where}"
    settled = Settlement(
        kept_by, aside_by, ref, notebook.relative(aside), _which_mine(me, kept_by, aside_by)
    )
    kept_text, aside_text = (copy_text, note_text) if took_copy else (note_text, copy_text)
    had = repo.text_at(start, notebook.root / (change.old_path or change.resolves or ""))
    return _with_names(settled, _title(kept_text), _title(aside_text), _title(had or ""))


def _with_names(
    settled: Settlement, kept: str | None, aside: str | None, had: str | None
) -> Settlement:
    """`settled` with the name set aside, when the two versions had two names (one coach
    renamed the note), and whether the note's name here changed with it (`had`: this coach's)."""
    if not (kept and aside) or kept == aside:
        return settled
    return replace(settled, set_aside_title=aside, renamed_here=bool(had) and had != kept)


def _in_repo(repo: SharingRepository, path: Path) -> str:
    """`path` as git names it: relative to the repository's top folder."""
    return path.resolve().relative_to(repo.top.resolve()).as_posix()


def _same_version(text: str, copy_text: str) -> bool:
    """Whether the note's `text` is the copy's version: the same text and header, but for
    the fields that marked the copy as one."""
    try:
        now, copy = parse(text), parse(copy_text)
    except FrontMatterError:
        return text.strip() == copy_text.strip()
    fields = {k: v for k, v in copy.metadata.items() if k not in COPY_FIELDS}
    mine = {k: v for k, v in now.metadata.items() if k not in COPY_FIELDS}
    return now.body.strip() == copy.body.strip() and fields == mine


def _title(text: str) -> str | None:
    """The title a version's header gives its note: the name the coach knows it by."""
    try:
        found = parse(text).metadata.get("title")
    except FrontMatterError:
        return None
    return str(found).strip() or None if found else None


def _copy_author(text: str) -> str | None:
    """Whose version a copy holds, as its header says it."""
    try:
        found = parse(text).metadata.get(CONFLICT_BY)
    except FrontMatterError:
        return None
    return str(found).strip() or None if found else None


def _which_mine(me: str | None, kept_by: str, aside_by: str) -> str | None:
    """ "kept" or "set_aside": the reader's own version; None when it was neither."""
    if me is None:
        return None
    if person_id(kept_by) == person_id(me):
        return "kept"
    return "set_aside" if person_id(aside_by) == person_id(me) else None
