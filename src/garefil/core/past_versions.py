"""A note as it was in one version of the notebook: what `show NOTE --version VERSION` reads.

A conflict's version set aside, a note renamed or deleted since: git still holds them, and a
coach reads them with garefil, not with git. The version is a commit, by the short id that
`history` lists or that a sync's line gives. The note is named as `show` names it — then its
path in that version follows its renames — or by the path it had then (a note deleted since,
a conflict copy removed when the conflict was settled, has no other name).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .conflict_copies import CONFLICT_MARK
from .errors import NoteNotFound, NotInNotebook, NotInVersion, UnknownVersion
from .model import Listing
from .notebook import NOTE_SUFFIX, Notebook
from .references import resolve, shown

if TYPE_CHECKING:
    from .sharing import SharingRepository

_ID_LINE = re.compile(r"^id:[ \t]*['\"]?([^'\"\n]+)", re.MULTILINE)  # as the header writes it


@dataclass(frozen=True)
class PastVersion:
    """One note's text in one commit, and the path it had there."""

    commit: str  # full id
    path: str  # relative to the notebook's root, as it was in that commit
    text: str


def past_version(
    notebook: Notebook,
    repo: SharingRepository,
    ref: str,
    version: str,
    cwd: Path,
    listing: Callable[[], Listing],
) -> PastVersion:
    """The note `ref` names as it was in commit `version`; UnknownVersion when no commit has
    that name, NotInVersion when that commit holds no such note."""
    commit = repo.commit_id(version)
    if not commit:
        raise UnknownVersion(commit=shown(version))
    for path in dict.fromkeys(_places(notebook, repo, ref, commit, cwd, listing)):
        text = repo.text_at(commit, notebook.absolute(path))
        if text is not None:
            return PastVersion(commit, path, text)
    raise NotInVersion(ref=shown(ref), commit=shown(version))


def _places(
    notebook: Notebook,
    repo: SharingRepository,
    ref: str,
    commit: str,
    cwd: Path,
    listing: Callable[[], Listing],
) -> Iterator[str]:
    """Where the note may be in `commit`, likeliest first: the path `ref` spells (a file
    gone since has only that name), then the place then of the note `ref` names now."""
    yield from _written_paths(notebook, ref, cwd)
    try:
        now = resolve(notebook, ref, cwd, listing)
    except NoteNotFound:  # deleted since: named by its id, found among that commit's notes
        yield from _deleted_places(notebook, repo, ref, commit)
        return
    then = repo.path_at(commit, notebook.absolute(now))
    if then is not None:
        try:
            yield notebook.relative(then)
        except NotInNotebook:  # it was outside the notebook's folder then
            return


def _deleted_places(
    notebook: Notebook, repo: SharingRepository, ref: str, commit: str
) -> Iterator[str]:
    """The notes of `commit` that `ref` names by their id (whole, or its last part): a file
    name ends with the id's last part, and the note's own `id:` line confirms it."""
    wanted = ref.strip()
    last = wanted.rsplit("-", 1)[-1]
    if not last:
        return
    for path in sorted(repo.files_at(commit, notebook.root)):
        if not path.endswith(f"-{last}{NOTE_SUFFIX}") or CONFLICT_MARK in path:
            continue
        found = _ID_LINE.search(repo.text_at(commit, notebook.absolute(path)) or "")
        note_id = found.group(1).strip() if found else ""
        if note_id == wanted or note_id.endswith(f"-{wanted}"):
            yield path


def past_path(notebook: Notebook, repo: SharingRepository, ref: str, cwd: Path) -> str | None:
    """The path `ref` spells when git's history knows a note there, none being there now (a
    note deleted, or renamed, since): `history` tells its story up to then."""
    for path in dict.fromkeys(_written_paths(notebook, ref, cwd)):
        if path.endswith(NOTE_SUFFIX) and repo.history(notebook.absolute(path)):
            return path
    return None


def _written_paths(notebook: Notebook, ref: str, cwd: Path) -> Iterator[str]:
    """`ref` read as a note's path (from the notebook's folder or from here, with or without
    its ending), whether or not a file has it now; paths leading outside are not tried."""
    name = ref.strip()
    names = [name] if name.endswith(NOTE_SUFFIX) else [name, name + NOTE_SUFFIX]
    for candidate in names:
        for base in (notebook.root, cwd):
            try:
                yield _within(notebook, base / candidate)
            except (NotInNotebook, OSError, ValueError):
                continue


def _within(notebook: Notebook, path: Path) -> str:
    """`path`, relative to the notebook's root: NotInNotebook when it leads outside."""
    written = Path(os.path.normpath(path))
    if notebook.root != written and notebook.root not in written.parents:
        raise NotInNotebook(path=str(path), root=str(notebook.root))
    relative = written.relative_to(notebook.root).as_posix()
    notebook.absolute(relative)  # one leading into .git or through a link is refused
    return relative
