"""When a note deleted at one path and a note added at another are one note, renamed.

`sync`'s report (core/incoming.py) and the home screen's glance (adapters/git_glance.py) both
pair them by this rule, so that they never tell one rename two ways: the note's id, which
a rename keeps, whatever its file is called (a note from another tool has no id in its name).
"""

from __future__ import annotations

from collections.abc import Mapping

from .conflict_copies import is_conflict_copy


def paired_by_id(
    deleted: Mapping[str, str | None], added: Mapping[str, str | None]
) -> dict[str, str]:
    """New path → old path of each note added under the id of one deleted (path → id each;
    None: no id to pair by). A conflict copy holds its note's id: removed, it settled that
    conflict, no rename; each deleted note pairs once."""
    gone: dict[str, str] = {}
    for path, note_id in deleted.items():
        if note_id and not is_conflict_copy(path):
            gone.setdefault(note_id, path)
    pairs: dict[str, str] = {}
    for path, note_id in added.items():
        old = gone.pop(note_id, None) if note_id else None
        if old is not None:
            pairs[path] = old
    return pairs
