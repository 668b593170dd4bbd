"""What a sync brought in from the team, told as the coach knows each note.

The commits a merge brought are read as file changes (adapters/git_history.py); this names each
one as the coach had it: a deleted note as it was here, a note this coach deleted but a teammate
changed meanwhile as back (one this coach renamed, as changed where it is now: both told against
what the coach had when the teammate changed it), a page garefil rebuilds as generated (nobody's
note), a conflict copy a teammate removed as the resolution of that note's conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .conflict_copies import COPY_ID_MARK, conflict_pairs, is_conflict_copy
from .errors import GarefilError, NotInNotebook
from .frontmatter_text import FrontMatterError
from .import_sources import MAX_SOURCE_BYTES
from .model import Note
from .notebook import NOTE_SUFFIX, Notebook
from .notefile import read_note
from .renames import paired_by_id
from .settlement import with_settlements
from .sharing_model import Conflict, FileChange

if TYPE_CHECKING:
    from .sharing import SharingRepository


def brought_in(
    notebook: Notebook,
    repo: SharingRepository,
    start: str | None,
    conflicts: Sequence[Conflict],
    generated: Sequence[str],
    upstream: str | None = None,
) -> list[FileChange]:
    """The files the team's commits changed since `start` (this coach's commit before the
    sync, `upstream` the team's it merged), each named as the coach knows it."""
    end = repo.head()
    incoming = repo.changes(start, end, notebook.root) if end != start else []
    incoming = [
        _as_it_was(notebook, repo, start, c) for c in _not_kept(notebook, repo, incoming, conflicts)
    ]
    incoming = _mark_generated(notebook, _paired_by_id(notebook, incoming), generated)
    incoming = _restored(notebook, repo, start, incoming)
    incoming = _resolved(_renamed_both_ways(notebook, repo, upstream, incoming))
    incoming = _gone_here_too(notebook, repo, start, incoming)
    incoming = _renamed_by_resolution(notebook, repo, start, incoming)
    incoming = _renamed_here_too(notebook, repo, start, end, incoming)
    incoming = _clashing(notebook, repo, incoming, conflicts)
    incoming = with_settlements(notebook, repo, start, incoming)
    return _in_conflict(notebook, repo, incoming, conflicts)


def _not_kept(
    notebook: Notebook,
    repo: SharingRepository,
    incoming: list[FileChange],
    conflicts: Sequence[Conflict],
) -> list[FileChange]:
    """`incoming` but the notes deleted on one side and changed on the other: they were kept,
    which their conflict says; reported as brought in, they would read as deleted."""
    kept = {
        (repo.top / conflict.path).resolve()
        for conflict in conflicts
        if conflict.kind in ("deleted-here", "deleted-there")
    }
    if not kept:
        return incoming
    return [c for c in incoming if (notebook.root / c.path).resolve() not in kept]


def _paired_by_id(notebook: Notebook, incoming: list[FileChange]) -> list[FileChange]:
    """`incoming` with each note deleted at one path and added at another under the same id
    told as renamed (core/renames.py): git pairs them only when their texts are alike enough
    (half of a short note rewritten with its new name is not), a note's id says it is the same
    note."""
    deleted = {c.path: c for c in incoming if c.change == "deleted" and c.before}
    if not deleted:
        return incoming
    added = {c.path: _note_here(notebook, c.path) for c in incoming if c.change == "added"}
    pairs = paired_by_id(
        {path: c.before.id if c.before else None for path, c in deleted.items()},
        {path: note.id if note else None for path, note in added.items()},
    )
    gone = set(pairs.values())
    told = []
    for change in incoming:
        old = deleted[pairs[change.path]] if change.path in pairs else None
        if old is not None:
            authors = tuple(dict.fromkeys(old.authors + change.authors))
            change = replace(
                change, change="renamed", authors=authors, old_path=old.path, before=old.before
            )
        if not (change.change == "deleted" and change.path in gone):
            told.append(change)
    return told


def _renamed_here_too(
    notebook: Notebook,
    repo: SharingRepository,
    start: str | None,
    end: str | None,
    incoming: list[FileChange],
) -> list[FileChange]:
    """`incoming` without the team's renames this coach had made too: the note was already
    where they put it, and as they left it, so nothing changed here; changed by them too, it
    is told as modified (« renamed » would be news of a name it already had here)."""
    renamed = [c for c in incoming if c.change == "renamed" and c.old_path]
    if start is None or end is None or not renamed:
        return incoming
    had = repo.files_at(start, notebook.root)
    same = {c.path for c in renamed if c.path in had and c.old_path not in had}
    told = []
    for change in incoming:
        if change.change == "renamed" and change.path in same:
            target = notebook.root / change.path
            if repo.blob_id(start, target) == repo.blob_id(end, target):
                continue
            change = replace(change, change="modified", old_path=None, before=None)
        told.append(change)
    return told


def _note_here(notebook: Notebook, path: str) -> Note | None:
    """The note at `path` in the notebook now; None when there is none or it cannot be read."""
    try:
        return read_note(path, notebook.read_text(path), notebook.config, register=False)
    except (OSError, FrontMatterError, GarefilError):  # unreadable: told by its path, as added
        return None


def _mark_generated(
    notebook: Notebook, incoming: list[FileChange], generated: Sequence[str]
) -> list[FileChange]:
    """`incoming` with the pages garefil rebuilds marked: the team's notes moved them, nobody
    wrote them, and a coach reads them as one change (the sommaire), not one per page."""
    return [
        replace(c, generated=True)
        if is_generated(notebook, notebook.root / c.path, generated)
        else c
        for c in incoming
    ]


def _restored(
    notebook: Notebook,
    repo: SharingRepository,
    start: str | None,
    incoming: list[FileChange],
) -> list[FileChange]:
    """`incoming` with the notes this coach had deleted marked `restored`: a teammate changed
    them meanwhile, so their sync kept them; "modified" alone would hide the deletion undone."""
    if start is None or not any(c.change == "modified" for c in incoming):
        return incoming
    had = repo.files_at(start, notebook.root)
    return [
        _as_seen_here(notebook, repo, start, c)
        if c.change == "modified" and c.path not in had
        else c
        for c in incoming
    ]


def _as_seen_here(
    notebook: Notebook, repo: SharingRepository, start: str, change: FileChange
) -> FileChange:
    """The team's change to a note this coach did not have at its path, told against what the
    coach had when the teammate changed it (not the team's branch now: after a fast-forward,
    it holds the coach's own renames and deletions). A note this coach renamed meanwhile
    is changed where it is now; one they deleted is back only if it is here again; one that
    was never theirs (made in a teammate's merge) is new to them."""
    base = repo.merge_base(start, repo.last_change(start, notebook.root / change.path))
    if base is None or change.path not in repo.files_at(base, notebook.root):
        return replace(change, change="added")
    moved = _renamed_here(notebook, repo, base, start)
    if change.path in moved:
        return replace(change, path=moved[change.path])
    return replace(change, restored=(notebook.root / change.path).is_file())


def _renamed_here(
    notebook: Notebook, repo: SharingRepository, base: str, start: str
) -> dict[str, str]:
    """Old path → new path of the notes this coach renamed since `base`, the commit they and
    the teammate last had in common, and that are still where the coach put them."""
    mine = repo.changes(base, start, notebook.root)
    moved = {c.old_path: c.path for c in mine if c.change == "renamed" and c.old_path}
    return {old: new for old, new in moved.items() if (notebook.root / new).is_file()}


def _renamed_both_ways(
    notebook: Notebook, repo: SharingRepository, upstream: str | None, incoming: list[FileChange]
) -> list[FileChange]:
    """`incoming` with each note the team renamed but that is not here under its new name read
    as the team left it: this coach renamed it too, the team's version waits as a conflict
    copy, and the coach reads which note it is, not a path no longer in the notebook."""
    if upstream is None:
        return incoming
    return [
        replace(c, theirs=_note_at(notebook, repo, upstream, c.path))
        if c.change == "renamed" and not (notebook.root / c.path).is_file()
        else c
        for c in incoming
    ]


def _note_at(notebook: Notebook, repo: SharingRepository, commit: str, path: str) -> Note | None:
    """The note at `path` in `commit`; None when it was not there or cannot be read."""
    text = repo.text_at(commit, notebook.root / path)
    try:
        return read_note(path, text, notebook.config) if text is not None else None
    except (FrontMatterError, GarefilError):  # unreadable then: its path says it
        return None


def _resolved(incoming: list[FileChange]) -> list[FileChange]:
    """`incoming` with each deleted conflict copy marked with the note it belonged to: a
    teammate resolved that conflict, which is what the coach needs to read, not a path."""
    return [
        replace(c, resolves=conflict_pairs([c.path])[0][0])
        if c.change == "deleted" and is_conflict_copy(c.path)
        else c
        for c in incoming
    ]


def _gone_here_too(
    notebook: Notebook, repo: SharingRepository, start: str | None, incoming: list[FileChange]
) -> list[FileChange]:
    """`incoming` with each note the team deleted that this coach had deleted already marked
    `gone_here`, and named as the team had it: it came back on their side (changed while this
    coach deleted it), then went again; "deleted" alone would read as news of a note still here."""
    gone = [c for c in incoming if c.change == "deleted" and c.before is None and not c.resolves]
    if start is None or not gone:
        return incoming
    had = repo.files_at(start, notebook.root)
    gone_paths = {c.path for c in gone if c.path not in had}
    return [
        replace(c, gone_here=True, before=_as_deleted(notebook, repo, start, c.path))
        if c.path in gone_paths and c.change == "deleted"
        else c
        for c in incoming
    ]


def _as_deleted(notebook: Notebook, repo: SharingRepository, start: str, path: str) -> Note | None:
    """The note at `path` as the team had it just before they deleted it."""
    deleted_in = repo.last_change(start, notebook.root / path)
    return _note_at(notebook, repo, f"{deleted_in}^", path) if deleted_in else None


def _renamed_by_resolution(
    notebook: Notebook, repo: SharingRepository, start: str | None, incoming: list[FileChange]
) -> list[FileChange]:
    """`incoming` with a resolution whose note the team renamed (the conflict was on its
    name) told in one change: `resolves` is where the note is now, `old_path` where this coach
    had it (`resolves` itself when they had it under that name already), `before` the note as
    they had it; the rename is not told again as news of its own."""
    resolutions = [c for c in incoming if c.resolves]
    renamed = _renamed_by_id(notebook, incoming) if start and resolutions else {}
    if start is None or not renamed:
        return incoming
    had = repo.files_at(start, notebook.root)
    told, dropped = {}, set()
    for resolution in resolutions:
        copy = _as_deleted(notebook, repo, start, resolution.path)
        found = renamed.get(copy.id.removesuffix(COPY_ID_MARK)) if copy is not None else None
        if found is None:
            continue
        dropped.add(found.path)
        mine = None if found.path in had else _as_had_here(notebook, repo, start, found, had)
        where = found.path if found.path in had else mine.path if mine else resolution.resolves
        told[resolution.path] = replace(
            resolution, resolves=found.path, old_path=where, before=mine
        )
    return [told.get(c.path, c) for c in incoming if c.path not in dropped]


def _renamed_by_id(notebook: Notebook, incoming: list[FileChange]) -> dict[str, FileChange]:
    """The notes the team renamed, by the id of the note now here."""
    renamed = {}
    for change in incoming:
        now = _note_here(notebook, change.path) if change.change == "renamed" else None
        if now is not None and now.id:
            renamed[now.id] = change
    return renamed


def _as_had_here(
    notebook: Notebook, repo: SharingRepository, start: str, change: FileChange, had: set[str]
) -> Note | None:
    """The note the team renamed as this coach had it at `start`: at its old path, or where
    this coach renamed it too (a path ending with the same id's mark, its id checked)."""
    if change.before is not None:
        return change.before
    now = _note_here(notebook, change.path)
    mark = (now.id if now else "").rsplit("-", 1)[-1]
    for path in sorted(p for p in had if mark and p.endswith(f"-{mark}{NOTE_SUFFIX}")):
        found = _note_at(notebook, repo, start, path)
        if found is not None and now is not None and found.id == now.id:
            return found
    return None


def _clashing(
    notebook: Notebook,
    repo: SharingRepository,
    incoming: list[FileChange],
    conflicts: Sequence[Conflict],
) -> list[FileChange]:
    """`incoming` with each teammate's resolution that this sync kept beside this coach's own
    (conflicts.resolved_twice) marked: « conflict resolved » alone would read as settled."""
    kept_twice = {(repo.top / conflict.path).resolve() for conflict in conflicts if conflict.copy}
    if not kept_twice:
        return incoming
    return [
        replace(c, clashes=True)
        if c.resolves and (notebook.root / c.resolves).resolve() in kept_twice
        else c
        for c in incoming
    ]


def _in_conflict(
    notebook: Notebook,
    repo: SharingRepository,
    incoming: list[FileChange],
    conflicts: Sequence[Conflict],
) -> list[FileChange]:
    """`incoming` with each note this sync kept in two versions marked `in_conflict`: the
    team's change is in the copy, not in the note; « modified » would say it was merged."""
    both = [(repo.top / c.path).resolve() for c in conflicts if c.kind == "both-changed"]
    if not both:
        return incoming
    ids = {}
    for target in both:
        try:
            path = notebook.relative(target)
        except NotInNotebook:
            continue
        note = _note_here(notebook, path)
        if note is not None and note.id:
            ids[note.id] = path
    return [
        replace(c, in_conflict=True)
        if (notebook.root / c.path).resolve() in both
        else replace(c, in_conflict=True, here=ids[c.theirs.id])
        if c.theirs and c.theirs.id in ids
        else c
        for c in incoming
    ]


def _as_it_was(
    notebook: Notebook, repo: SharingRepository, start: str | None, change: FileChange
) -> FileChange:
    """`change` with the note the coach had before it, when it deleted or renamed one: the
    index, refreshed after the merge, no longer knows it."""
    if start is None or change.change not in ("deleted", "renamed"):
        return change
    before = _note_at(notebook, repo, start, change.old_path or change.path)
    return replace(change, before=before)


def oversized(notebook: Notebook, incoming: Sequence[FileChange]) -> list[tuple[FileChange, int]]:
    """(note, bytes) for each note brought in larger than any note a person types (what
    `import` refuses): the teammate's work, kept as it came, but the coach should hear of it."""
    found = []
    for change in incoming:
        if change.change == "deleted" or not change.path.endswith(NOTE_SUFFIX):
            continue
        try:
            size = (notebook.root / change.path).lstat().st_size
        except OSError:  # gone again, or unreadable: the index says why
            continue
        if size > MAX_SOURCE_BYTES:
            found.append((change, size))
    return found


def is_generated(notebook: Notebook, target: Path, generated: Sequence[str]) -> bool:
    """Whether `target` is one of the `generated` paths, or below a `generated` folder ('x/')."""
    try:
        path = notebook.relative(target)
        return any(path == g or (g.endswith("/") and path.startswith(g)) for g in generated)
    except NotInNotebook:  # elsewhere in the repository: not one of the notebook's pages
        return False
