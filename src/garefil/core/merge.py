"""Merging two coaches' versions of one note: the front-matter key by key, the body as text.

Git merges lines; a note is more than lines. Two coaches adding different tags to the same note
change the same `tags:` line, which git calls a conflict although nothing clashes. This merge
(run by git itself through the `garefil` merge driver, see docs/sharing.md) settles what a notes
tool should settle:

- the body is merged by git's own three-way text merge (`git merge-file`);
- the front-matter is first merged as text too, so every line neither side touched stays as it
  is; when that meets a clash, it is merged key by key: a key changed on one side only takes
  that change, lists of plain values (tags, participants) are merged as sets (what either side
  removed goes, what either side added comes), and a key both sides set to different values is a
  true clash;
- on a true clash, or anything unusual (not UTF-8, unreadable YAML, a front-matter edited beyond
  its keys), `merge_note` returns None and the usual conflict handling keeps both versions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from .frontmatter_text import FrontMatterError, Parsed, PatchRefused, parse, patch

TextMerge = Callable[[str, str, str], str | None]  # (base, ours, theirs) → merged, None on clash

_MISSING = object()
_PLAIN = (str, int, float, bool, date)


class _Clash(Exception):
    """Both sides changed the same thing differently."""


def merge_note(base: bytes, ours: bytes, theirs: bytes, merge_text: TextMerge) -> bytes | None:
    """The merged note, or None when it must be kept in two versions."""
    try:
        texts = [data.decode("utf-8") for data in (base, ours, theirs)]
        parsed = [parse(text) for text in texts]
    except (UnicodeDecodeError, FrontMatterError):
        return None
    heads = [text[: len(text) - len(note.body)] for text, note in zip(texts, parsed, strict=True)]
    body = merge_text(*(note.body for note in parsed))
    if body is None:
        return None
    try:
        merged = _merge_heads(heads, parsed, body, merge_text)
    except (_Clash, FrontMatterError, PatchRefused):
        return None
    return merged.encode("utf-8")


def _merge_heads(heads: list[str], parsed: list[Parsed], body: str, merge_text: TextMerge) -> str:
    base, ours, theirs = heads
    if theirs == base or ours == theirs:
        return ours + body
    if ours == base:
        return theirs + body
    as_text = merge_text(base, ours, theirs)
    if as_text is not None and _parses(as_text + body):
        return as_text + body
    return _merge_keys(heads, [note.metadata for note in parsed], body)


def _parses(text: str) -> bool:
    try:
        parse(text)
        return True
    except FrontMatterError:
        return False


def _merge_keys(heads: list[str], metadata: list[dict[str, Any]], body: str) -> str:
    base, ours, theirs = metadata
    their_changes, their_removals = _difference(base, theirs)
    if patch(heads[0], their_changes, their_removals) != heads[2]:
        raise _Clash  # their front-matter changed beyond its values (comments, layout): keep it
    changes, removals = {}, []
    for key in [*ours, *(k for k in theirs if k not in ours), *(k for k in base if k not in ours)]:
        value = _merge_value(
            base.get(key, _MISSING), ours.get(key, _MISSING), theirs.get(key, _MISSING)
        )
        if value is _MISSING:
            removals += [key] if key in ours else []
        elif key not in ours or value != ours[key]:
            changes[key] = value
    return patch(heads[1] + body, changes, removals)


def _difference(base: dict[str, Any], other: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """What `other` set and removed compared with `base`."""
    changes = {k: v for k, v in other.items() if k not in base or base[k] != v}
    return changes, [k for k in base if k not in other]


def _merge_value(base: Any, ours: Any, theirs: Any) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if all(_is_plain_list(v) for v in (base, ours, theirs)):
        return _merge_sets(*(v if isinstance(v, list) else [] for v in (base, ours, theirs)))
    raise _Clash


def _is_plain_list(value: Any) -> bool:
    return (
        value is _MISSING
        or value is None
        or (isinstance(value, list) and all(isinstance(item, _PLAIN) for item in value))
    )


def _merge_sets(base: list[Any], ours: list[Any], theirs: list[Any]) -> list[Any]:
    """Ours in its order, then what only theirs added; what either side removed is gone."""
    removed = [item for item in base if item not in ours or item not in theirs]
    merged: list[Any] = []
    for item in [*ours, *theirs]:
        if item not in removed and item not in merged:
            merged.append(item)
    return merged
