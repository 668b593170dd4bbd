"""Saving a note edited in the editor when the note changed on disk meanwhile.

An editor stays open for minutes; meanwhile `tag` in another terminal, or a `sync` bringing a
teammate's line, may rewrite the very note. Writing the edited draft over it would silently undo
that change. So the edit is settled like a merge of two coaches' versions (core/merge.py, the
notes' merge driver): base is what the editor started from, ours is the edited draft, theirs is
the file as it is now. Changes that do not clash are merged; on a clash nothing is overwritten:
the note stays as it is now and the coach's version waits beside it as a conflict copy, which
`status` lists and `resolve` settles, as after a `sync`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .atomic_files import atomic_write
from .conflicts import free_copy_path, mark_copy  # the copies `sync` makes, named and marked
from .merge import TextMerge, merge_note
from .notebook import Notebook


@dataclass(frozen=True)
class SavedEdit:
    """What became of an edit: `changed_meanwhile` when the note changed while it was edited;
    `copy` the conflict copy holding the coach's version when it could not be merged; `gone`
    when the note was deleted (or renamed) meanwhile and the edit put it back."""

    changed_meanwhile: bool = False
    copy: str | None = None
    gone: bool = False

    def paths(self, path: str) -> list[str]:
        """The files to record: the note, and the conflict copy when there is one."""
        return [path, self.copy] if self.copy else [path]


def save_edit(
    notebook: Notebook,
    path: str,
    started: bytes,
    edited: bytes,
    author: str,
    merge_text: TextMerge,
    merge_added: TextMerge | None = None,
) -> SavedEdit:
    """Write `edited` (the draft the editor started with `started`) to the note at `path`,
    merged with whatever changed the note on disk since; on a clash, into a conflict copy."""
    now = _current(notebook, path)
    if now is None or now == started:  # unchanged (or deleted: an edited note beats a deletion)
        notebook.replace(path, edited)
        return SavedEdit(gone=now is None)
    merged = merge_note(started, edited, now, merge_text, merge_added)
    if merged is not None:
        if merged != now:
            notebook.replace(path, merged)
        return SavedEdit(changed_meanwhile=True)
    return SavedEdit(changed_meanwhile=True, copy=_keep_beside(notebook, path, edited, author))


def _current(notebook: Notebook, path: str) -> bytes | None:
    """The note's bytes on disk now, or None when it is no longer there."""
    try:
        return notebook.read_bytes(path)
    except FileNotFoundError:
        return None


def _keep_beside(notebook: Notebook, path: str, edited: bytes, author: str) -> str:
    """Write the coach's version as the note's conflict copy; its path in the notebook."""
    target = notebook.absolute(path)
    copy = free_copy_path(target, author)
    with notebook.writing():
        atomic_write(copy, mark_copy(edited, notebook, target, author), notebook.temp_dir())
    return notebook.relative(copy)
