"""Which known values a coach's first letters may mean, for shell completion.

Matching follows the rules the commands themselves apply, so that what the shell proposes is
what the command will accept: tags and note types compare folded (`pole` finds `pôle-emploi`),
people compare as `person_key` does, from the start of any of their words (`zo` and `mar` both
find "Zoé Martin"), notes by a prefix of their id, of the random part that ends it, or of their
path. Ten thousand note ids would flood a terminal: past a few dozen, the candidates are grouped
by their next part (`2024-`, `cr/2024/`), as a shell completes folders one level at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .text import fold, person_key

MOST_SHOWN = 60
_PART_END = re.compile(r"[/-]")


def words_starting(typed: str, known: Iterable[str]) -> list[str]:
    """The `known` values that begin with `typed`, without case or accents, sorted."""
    start = fold(typed)
    return sorted({value for value in known if value and fold(value).startswith(start)})


def people_starting(typed: str, known: Iterable[str]) -> list[str]:
    """The names in `known` whose full name, or a run of words in it, begins with `typed`."""
    start = person_key(typed)
    found = {name for name in known if name and _any_word_starts(person_key(name), start)}
    return sorted(found, key=person_key)


def _any_word_starts(key: str, start: str) -> bool:
    """Whether `start` begins `key` or any of its words (after a space or an apostrophe)."""
    if key.startswith(start):
        return True
    return any(key[i + 1 :].startswith(start) for i, ch in enumerate(key) if ch in " '")


def notes_starting(typed: str, notes: Iterable[tuple[str, str]]) -> list[str]:
    """The ids and paths of `notes` (path, id) that `typed` begins: an id, the random part that
    ends an id, a path; without case or accents."""
    start = fold(typed)
    if not start:
        return sorted({note_id for _path, note_id in notes if note_id})
    found: set[str] = set()
    for path, note_id in notes:
        folded = _folded(note_id)
        if folded.startswith(start) or folded.rsplit("-", 1)[-1].startswith(start):
            found.add(note_id)
        if _folded(path).startswith(start):
            found.add(path)
    return sorted(found)


def _folded(text: str) -> str:
    """`fold(text)`, at once for the ASCII ids and paths garefil writes (ten thousand a Tab)."""
    return text.lower() if text.isascii() else fold(text)


def grouped(typed: str, candidates: list[str], most: int = MOST_SHOWN) -> list[str]:
    """`candidates`, or past `most` of them, their distinct beginnings up to the next part:
    a group's beginning ends with '/' or '-', and the shell adds no space after it."""
    if len(candidates) <= most:
        return candidates
    after = len(typed)
    groups = sorted({_next_part(candidate, after) for candidate in candidates})
    if len(groups) == 1 and groups[0] not in candidates and len(groups[0]) > len(typed):
        return grouped(groups[0], candidates, most)  # one way on: take it, as a shell would
    return groups


def _next_part(candidate: str, after: int) -> str:
    """`candidate` up to the first '/' or '-' past its first `after` characters (or whole)."""
    end = _PART_END.search(candidate, after)
    return candidate[: end.end()] if end else candidate
