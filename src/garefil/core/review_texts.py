"""The `jardin` check for one text under two titles: a note copied by hand, then renamed.

`doublon` finds byte-identical files, `doublon-probable` one title on one day: a copy whose
title was changed is neither. The catalogue keeps a key of each body's words (the `text`
remark, core/remarks.py), so the notes that share one are found without reading any file;
only those few are read, to leave out what their template wrote (two notes left empty from
one template are no copy of each other: `cr-vide` says what to do with them) and to be sure
the words are the same, not just their key.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .conflict_copies import is_conflict_copy
from .dates import day_of
from .errors import N_, GarefilError
from .frontmatter_text import FrontMatterError, parse
from .model import Note
from .notebook import Notebook
from .review_checks import near_key
from .review_model import Finding, Garden, to_remove

N_SAME_TEXT = N_(
    "same text as {other}, under another title: one note copied? Compare them, copy into one "
    "what the other adds, then remove the other"
)


def same_texts(garden: Garden) -> Iterator[Finding]:
    """Notes whose own words are another's, under another title (the oldest is kept);
    listed, never removed: only the coach can tell which one the team uses."""
    for notes in _sharing_a_key(garden):
        by_words: dict[str, list[Note]] = defaultdict(list)
        for note in notes:
            words = garden.own_words(note)
            if words:
                by_words[words].append(note)
        for same in by_words.values():
            yield from _copies(garden, _oldest_first(garden, same))


def _oldest_first(garden: Garden, same: list[Note]) -> list[Note]:
    """`same` from the note written first (git's first record of it, else its file's), then
    by the day it is dated, then by path: the original is kept, the copy is named for `rm`."""
    written = garden.written([note.path for note in same])

    def age(note: Note) -> tuple:
        when = written.get(note.path)
        day = day_of(note.date)
        return (when is None, when.timestamp() if when else 0, day is None, day or 0, note.path)

    return sorted(same, key=age)


def _sharing_a_key(garden: Garden) -> list[list[Note]]:
    """The notes grouped by their text's key, groups of two or more only."""
    groups: dict[str, list[Note]] = defaultdict(list)
    for note in garden.notes:
        if is_conflict_copy(note.path) or garden.is_link(note.path):
            continue  # no note of its own
        key = next((detail for kind, _line, detail in note.remarks if kind == "text"), None)
        if key is not None:
            groups[key].append(note)
    return [notes for notes in groups.values() if len(notes) > 1]


def _copies(garden: Garden, same: list[Note]) -> Iterator[Finding]:
    """Each note of `same` after the first, unless another check says it already: the same
    bytes (`doublon`), or one title on one day (`doublon-probable` by near_duplicates)."""
    first, *others = same
    for note in others:
        if garden.digests.get(note.path) == garden.digests.get(first.path):
            continue
        if near_key(note) is not None and near_key(note) == near_key(first):
            continue
        params = (("other", first.path),)
        yield Finding("doublon-probable", note.path, 0, N_SAME_TEXT, params, to_remove(note.path))


def own_words(notebook: Notebook, note: Note) -> str:
    """The words of `note` that are not its template's, spaces aside, nor its title written
    as a heading; "" when none are left, or when the file cannot be read now."""
    from .boilerplate import boilerplate  # only for the few notes whose texts match

    try:
        body = parse(notebook.read_text(note.path)).body
    except (OSError, GarefilError, FrontMatterError):
        return ""
    blanked = boilerplate(note.type, notebook.templates_dir).blank(body)
    lines = [line.strip() for line in blanked.splitlines()]
    kept = [line for line in lines if line and line.lstrip("#").strip() != note.title]
    words = " ".join(" ".join(kept).split())
    return words if any(c.isalpha() for c in words) else ""
