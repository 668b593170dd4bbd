"""Conflicts kept in two versions: settled when a merge meets them, resolved by the coach.

When two coaches changed the same note, the merge keeps *this* coach's version in place (so the
notebook always parses: no conflict markers ever land in a file) and saves the other version
beside it as `NAME.conflit-AUTHOR.md` (conflict_copies.py names it), committed and shared like
any note, until `resolve` settles it. A note deleted on one side and edited on the other is
kept, edited; a page garefil rebuilds takes the shared version.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic_files import atomic_write
from .config import CONFIG_DIR
from .conflict_copies import CONFLICT_MARK, COPY_ID_MARK, conflict_pairs
from .conflict_items import carried_items
from .conflict_versions import CONFLICT_BY
from .errors import AmbiguousReference, ConflictNoteMissing, GarefilError, NoConflict
from .frontmatter_text import FrontMatterError, PatchRefused, parse, patch
from .incoming import is_generated
from .manage import path_for_title
from .notebook import NOTE_SUFFIX, Notebook
from .notefile import path_id, read_note
from .references import written_id
from .sharing_model import DEFAULT_MESSAGES, Conflict, Messages, Unmerged
from .text import slugify

if TYPE_CHECKING:
    from .sharing import SharingRepository


def conclude_merge(
    notebook: Notebook,
    repo: SharingRepository,
    unmerged: Sequence[Unmerged],
    theirs: str,
    messages: Messages,
    generated: Sequence[str],
) -> list[Conflict]:
    """Settle every conflicting path, then record the merge."""
    renamed = _renamed_twice(repo, unmerged)
    paired = {u.path for pair in renamed for u in pair}
    settled = [_settle_renames(notebook, repo, ours, other, theirs) for ours, other in renamed]
    for u in unmerged:
        if u.path not in paired and (u.ours or u.theirs):  # both deleted it: gone, no clash
            settled.append(_settle(notebook, repo, u, theirs, generated))
    # Every unmerged path is recorded, those both sides deleted or renamed away included.
    touched = [repo.top / u.path for u in unmerged] + [repo.top / c.copy for c in settled if c.copy]
    kept_twice = [conflict for conflict in settled if conflict.copy]
    message = messages.merge_conflicts(len(kept_twice)) if kept_twice else messages.merge
    repo.finish_merge(touched, message)
    return settled


def resolved_twice(notebook: Notebook, repo: SharingRepository, upstream: str) -> list[Unmerged]:
    """The notes whose conflict both this coach and the team resolved since they last shared,
    each in their own way: a new conflict. git sees only the team's change (keeping one's own
    version changes nothing) and would silently take the team's resolution over ours."""
    head = repo.head()
    base = repo.merge_base(head, upstream) if head else None
    if base is None or base in (head, upstream):  # one side has nothing new: no two resolutions
        return []
    gone_here, new_here = repo.gone_and_new(base, head, notebook.root)
    gone_there, new_there = repo.gone_and_new(base, upstream, notebook.root)
    notes = dict.fromkeys(note for note, _ in conflict_pairs(sorted(gone_here & gone_there)))
    found = []
    for note in notes:
        mine = _resolution(notebook, repo, (base, head), note, new_here)
        other = _resolution(notebook, repo, (base, upstream), note, new_there)
        if mine and other and mine[1] != other[1]:
            found += _as_unmerged(notebook, repo, mine, other)
    return found


def _resolution(
    notebook: Notebook, repo: SharingRepository, commits: tuple[str, str], note: str, new: set[str]
) -> tuple[str, str] | None:
    """(path, version) of `note` as one side resolved it (`commits`: the base, that side):
    where it was, or the note with its id that side added in its folder (`resolve --take-other`
    gives the note the other version's title, and the file name that goes with it)."""
    base, side = commits
    found = repo.blob_id(side, notebook.root / note)
    if found:
        return note, found
    note_id = _note_id(repo, repo.blob_id(base, notebook.root / note))
    folder = note.rpartition("/")[0]
    for path in sorted(p for p in new if p.rpartition("/")[0] == folder):
        found = repo.blob_id(side, notebook.root / path)
        if note_id and path.endswith(NOTE_SUFFIX) and _note_id(repo, found) == note_id:
            return path, found or ""
    return None


def _as_unmerged(
    notebook: Notebook, repo: SharingRepository, mine: tuple[str, str], other: tuple[str, str]
) -> list[Unmerged]:
    """Our resolution and theirs as git leaves a conflict: at one path, or at two paths, each
    only on its side, that conclude_merge pairs by the note's id (our name is kept)."""
    path, theirs_path = (
        (notebook.root / p).relative_to(repo.top).as_posix() for p in (mine[0], other[0])
    )
    if path == theirs_path:
        return [Unmerged(path, mine[1], other[1])]
    return [Unmerged(path, mine[1], None), Unmerged(theirs_path, None, other[1])]


def _settle(
    notebook: Notebook,
    repo: SharingRepository,
    unmerged: Unmerged,
    theirs_commit: str,
    generated: Sequence[str],
) -> Conflict:
    """Resolve one path so that both versions survive and the notebook still parses."""
    target = repo.top / unmerged.path
    ours, theirs = unmerged.ours, unmerged.theirs
    if is_generated(notebook, target, generated):
        atomic_write(target, repo.blob(theirs or ours))  # rebuilt after the merge anyway
        return Conflict(unmerged.path, "generated")
    if ours is None or theirs is None:
        atomic_write(target, repo.blob(ours or theirs))  # edited beats deleted
        return _kept(notebook, repo, unmerged, theirs_commit)
    atomic_write(target, repo.blob(ours))
    author = _their_author(notebook, repo, unmerged.path, theirs_commit)
    copy = free_copy_path(target, author)
    atomic_write(copy, mark_copy(repo.blob(theirs), notebook, target, author))
    return Conflict(unmerged.path, "both-changed", copy.relative_to(repo.top).as_posix())


def _kept(notebook: Notebook, repo: SharingRepository, unmerged: Unmerged, theirs: str) -> Conflict:
    """A note deleted on one side and changed (or only renamed) on the other, kept: with who
    deleted or changed it, and the name they deleted it under when it was renamed here."""
    kind = "deleted-here" if unmerged.ours is None else "deleted-there"
    old = _renamed_from(notebook, repo, unmerged.path, theirs) if kind == "deleted-there" else None
    by = repo.last_author(theirs, old or unmerged.path)  # who deleted it, or changed it
    return Conflict(unmerged.path, kind, by=None if by == "?" else by, old_path=old)


def _their_author(notebook: Notebook, repo: SharingRepository, path: str, theirs: str) -> str:
    """Who last changed, on their side, the note at `path`: under the name they know it by
    when this coach renamed it (git merged their change into our new name)."""
    return repo.last_author(theirs, _renamed_from(notebook, repo, path, theirs) or path)


def _renamed_from(
    notebook: Notebook, repo: SharingRepository, path: str, theirs: str
) -> str | None:
    """Where the note at `path` (relative to the repository) was before this coach renamed
    it since the last commit shared with `theirs`; None when it was not renamed here."""
    head = repo.head()
    base = repo.merge_base(head, theirs) if head else None
    if base is None or repo.blob_id(theirs, repo.top / path):
        return None
    for change in repo.changes(base, head or "HEAD", notebook.root):
        here = (notebook.root / change.path).relative_to(repo.top).as_posix()
        if here == path and change.change == "renamed" and change.old_path:
            return (notebook.root / change.old_path).relative_to(repo.top).as_posix()
    return None


def _renamed_twice(
    repo: SharingRepository, unmerged: Sequence[Unmerged]
) -> list[tuple[Unmerged, Unmerged]]:
    """(our path, their path) for each note both sides renamed, each to its own name: the
    same note id arrives at a path only we have and at a path only they have."""
    ours = {_note_id(repo, u.ours): u for u in unmerged if u.ours and not u.theirs}
    pairs = []
    for other in unmerged:
        if other.theirs and not other.ours:
            note_id = _note_id(repo, other.theirs)
            if note_id is not None and note_id in ours:
                pairs.append((ours.pop(note_id), other))
    return pairs


def _note_id(repo: SharingRepository, sha: str | None) -> str | None:
    if sha is None:
        return None
    try:
        found = parse(repo.blob(sha).decode("utf-8", errors="replace")).metadata.get("id")
    except FrontMatterError:
        return None
    return str(found) if found else None


def _settle_renames(
    notebook: Notebook, repo: SharingRepository, ours: Unmerged, other: Unmerged, theirs: str
) -> Conflict:
    """Keep our name and version in place; their renamed version becomes the conflict copy."""
    target, their_path = repo.top / ours.path, repo.top / other.path
    atomic_write(target, repo.blob(ours.ours or ""))
    author = repo.last_author(theirs, other.path)
    copy = free_copy_path(target, author)
    atomic_write(copy, mark_copy(repo.blob(other.theirs or ""), notebook, target, author))
    their_path.unlink(missing_ok=True)  # one note, one id: their name lives on in the copy
    return Conflict(ours.path, "both-changed", copy.relative_to(repo.top).as_posix())


def free_copy_path(target: Path, author: str) -> Path:
    """`NAME.conflit-AUTHOR.EXT`, numbered if that name is taken."""
    base = f"{target.stem}{CONFLICT_MARK}{slugify(author) or 'autre'}"
    candidate, number = target.with_name(base + target.suffix), 1
    while candidate.exists():
        number += 1
        candidate = target.with_name(f"{base}-{number}{target.suffix}")
    return candidate


def mark_copy(data: bytes, notebook: Notebook, original: Path, author: str) -> bytes:
    """The other version, with `conflict_of` (and a distinct id) so listings tell them apart,
    and `conflict_by`: whose version it is (see conflict_versions.py)."""
    if original.suffix != ".md":
        return data
    text = data.decode("utf-8", errors="replace")
    try:
        metadata = parse(text).metadata
        changes = {"conflict_of": notebook.relative(original)}
        if author != "?":
            changes[CONFLICT_BY] = author
        if "id" in metadata:
            changes["id"] = f"{metadata['id']}{COPY_ID_MARK}"
        return patch(text, changes).encode("utf-8")
    except (FrontMatterError, PatchRefused, ValueError):
        return data  # unreadable header: keep the other version exactly as it came


def conflict_copies(notebook: Notebook) -> list[tuple[str, str]]:
    """(file, conflict copy) for every copy in the notebook, notes and settings alike."""
    found = []
    for folder, dirs, files in os.walk(notebook.root):
        relative = Path(folder).relative_to(notebook.root).as_posix()
        # The repository and the derived index never hold a coach's conflict copies.
        dirs[:] = [d for d in dirs if d != ".git" and not (relative == CONFIG_DIR and d == "index")]
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in files if CONFLICT_MARK in name]
    return [_followed(notebook, note, copy) for note, copy in conflict_pairs(sorted(found))]


def _followed(notebook: Notebook, note: str, copy: str) -> tuple[str, str]:
    """(note, copy), the note found by its id in the copy's folder when it was renamed after the
    copy was made (a coach's `mv` merged with a teammate's conflict): the pair follows it."""
    if not note.endswith(NOTE_SUFFIX) or (notebook.root / note).exists():
        return note, copy
    return _renamed_note(notebook, copy) or note, copy


def _renamed_note(notebook: Notebook, copy: str) -> str | None:
    """The one note beside `copy` whose id is the copy's without `-conflit`, if there is one."""
    copy_id = written_id(notebook, copy) or ""
    if not copy_id.endswith(COPY_ID_MARK):
        return None
    folder, _, _ = copy.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    try:
        names = sorted(os.listdir(notebook.root / folder))
    except OSError:
        return None
    wanted = copy_id.removesuffix(COPY_ID_MARK)
    found = [
        prefix + name
        for name in names
        if name.endswith(NOTE_SUFFIX) and CONFLICT_MARK not in name
        if written_id(notebook, prefix + name) == wanted
    ]
    return found[0] if len(found) == 1 else None


def resolve(
    notebook: Notebook,
    repo: SharingRepository,
    path: str,
    take_other: bool,
    messages: Messages = DEFAULT_MESSAGES,
) -> Resolution:
    """Settle the conflict of the note at `path` (or of its copy): keep the note as it is now,
    or with `take_other` replace it by the other version, with the decisions and actions only
    the other versions hold; the copies are then removed."""
    pairs = [pair for pair in conflict_copies(notebook) if path in pair]
    if not pairs:
        raise NoConflict(ref=path)
    note = pairs[0][0]
    copies = tuple(copy for original, copy in pairs if original == note)
    if not notebook.absolute(note).is_file():  # renamed or deleted since: nothing to keep
        raise ConflictNoteMissing(copy=path if path in copies else copies[0], note=note)
    if take_other and len(copies) > 1 and path == note:
        raise AmbiguousReference(ref=path, candidates=", ".join(copies))
    chosen = path if path in copies else copies[0]
    kept, taken = note, None
    if take_other:
        taken = _unmark_copy(notebook.read_text(chosen))
        kept = _kept_path(notebook, note, taken)
    taken, carried = _with_items_set_aside(
        notebook, note, copies, chosen if take_other else None, taken
    )
    with _restored_on_failure(notebook, (note, *copies), made=kept):
        _write_resolution(notebook, note, kept, taken, copies)
        commit = repo.commit(
            [notebook.absolute(p) for p in dict.fromkeys((note, kept, *copies))],
            messages.resolved.format(note=path_id(kept)),
        )
    set_aside = (note, *(c for c in copies if c != chosen)) if take_other else copies
    return Resolution(kept, copies, carried, set_aside, commit)


@dataclass(frozen=True)
class Resolution:
    """A conflict settled: the note kept, the copies removed, and the decisions and actions
    of the versions set aside added to it (conflict_items.py)."""

    note: str
    copies: tuple[str, ...]
    carried: tuple[str, ...] = ()
    # The versions no file holds any more (the note's own when another was taken), at the
    # paths the commit before `commit`, the resolution's, holds them (None: nothing committed).
    set_aside: tuple[str, ...] = ()
    commit: str | None = None


def _with_items_set_aside(
    notebook: Notebook, note: str, copies: Sequence[str], taken_copy: str | None, taken: str | None
) -> tuple[str | None, tuple[str, ...]]:
    """The text to write as the note (None: the note as it is) with the decisions and actions
    only the versions set aside hold, and their ids."""
    if not note.endswith(NOTE_SUFFIX):
        return taken, ()  # a setting in conflict: no register
    aside = [c for c in copies if c != taken_copy] + ([note] if taken_copy else [])
    try:
        texts = [notebook.read_text(p) for p in aside]
        kept = taken if taken is not None else notebook.read_text(note)
        merged, carried = carried_items(kept, texts, note)
    except (UnicodeDecodeError, GarefilError):  # unreadable: the version kept, as it is
        return taken, ()
    return (merged if carried else taken), carried


def _write_resolution(
    notebook: Notebook, note: str, kept: str, taken: str | None, copies: Sequence[str]
) -> None:
    """The note as it is kept (`taken`, if given, at `kept`: the other version, or the note with
    the items of the versions set aside); no copies."""
    if taken is not None and kept != note:
        notebook.write_new(kept, taken)
        notebook.absolute(note).unlink()
    elif taken is not None:
        notebook.replace(note, taken)
    for copy in copies:
        notebook.absolute(copy).unlink()


def _kept_path(notebook: Notebook, note: str, taken: str) -> str:
    """Where the note goes once it is the other version `taken`: the file name that goes with
    that version's title, as `mv` names files (the teammate who renamed it gave it that name),
    when the note's own name went with its own title; else, or if that name is taken, `note`."""
    if not note.endswith(NOTE_SUFFIX):
        return note  # a setting in conflict: no title to follow
    try:
        ours = read_note(note, notebook.read_text(note), notebook.config)
        theirs = read_note(note, taken, notebook.config)
    except (FrontMatterError, UnicodeDecodeError, ValueError):
        return note  # an unreadable header names nothing: the file stays where it is
    if path_for_title(ours, ours.title) != note:
        return note  # a name the coach chose, not the title's: theirs to keep
    target = path_for_title(theirs, theirs.title)
    return note if notebook.absolute(target).exists() else target


@contextmanager
def _restored_on_failure(notebook: Notebook, paths: Sequence[str], made: str) -> Iterator[None]:
    """Put `paths` back as they were, and remove `made` if it is new, when the block fails (git
    refused the commit, say): nothing of either version is lost, and the conflict still waits."""
    before = {p: notebook.read_bytes(p) for p in paths}
    try:
        yield
    except BaseException:
        for relative, data in before.items():
            notebook.replace(relative, data)
        if made not in before:
            notebook.absolute(made).unlink(missing_ok=True)
        raise


def _unmark_copy(text: str) -> str:
    try:
        metadata = parse(text).metadata
    except FrontMatterError:
        return text
    changes = {}
    if str(metadata.get("id", "")).endswith(COPY_ID_MARK):
        changes["id"] = str(metadata["id"]).removesuffix(COPY_ID_MARK)
    return patch(text, changes, remove=["conflict_of", CONFLICT_BY])
