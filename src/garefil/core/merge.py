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

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .frontmatter_text import FrontMatterError, Parsed, PatchRefused, parse, patch
from .register import ITEM_ID_PATTERN

TextMerge = Callable[[str, str, str], str | None]  # (base, ours, theirs) → merged, None on clash

MISSING = object()
# A line of the body that ends with a decision's or an action's id (core/register.py).
_ITEM_LINE = re.compile(r"^[^\n]*?\^(" + ITEM_ID_PATTERN + r")[ \t]*(?=\r?$)", re.MULTILINE)
_PLACEHOLDER = re.compile("⟦(" + ITEM_ID_PATTERN + ")⟧")  # no NUL: git would see binary
_PLAIN = (str, int, float, bool, date)


class Clash(Exception):
    """Both sides changed the same thing differently."""


def merge_note(
    base: bytes,
    ours: bytes,
    theirs: bytes,
    merge_text: TextMerge,
    merge_added: TextMerge | None = None,
) -> bytes | None:
    """The merged note, or None when it must be kept in two versions. `merge_added` merges the
    bodies when `merge_text` meets a clash, keeping the lines both sides added at one place."""
    try:
        texts = [data.decode("utf-8") for data in (base, ours, theirs)]
        parsed = [parse(text) for text in texts]
    except (UnicodeDecodeError, FrontMatterError):
        return None
    heads = [text[: len(text) - len(note.body)] for text, note in zip(texts, parsed, strict=True)]
    bodies = [note.body for note in parsed]
    body = merge_text(*bodies)
    if body is None:
        body = merge_by_item(*bodies, merge_text=merge_text)
    if body is None and merge_added is not None:
        # Two coaches each adding a line under « Points » add at one place, changing nothing
        # the other wrote: both lines are kept, as in a list. Only the body: two keys added to
        # the front-matter at one place may be the same key twice.
        body = merge_by_item(*bodies, merge_text=merge_added)
    if body is None:
        return None
    try:
        merged = _merge_heads(heads, parsed, body, merge_text)
    except (Clash, FrontMatterError, PatchRefused):
        return None
    return merged.encode("utf-8")


def merge_by_item(base: str, ours: str, theirs: str, merge_text: TextMerge) -> str | None:
    """The bodies merged with each decision or action line (known by its `^d-…`/`^a-…` id)
    taken as one unit: a decision edited on one side and another written next to it on the
    other side merge, where lines side by side are a clash for git. None on a true clash."""
    versions = [_items_apart(text) for text in (base, ours, theirs)]
    skeleton = merge_text(*(text for text, _ in versions))
    if skeleton is None:
        skeleton = _with_items_added_on_both_sides(*(t for t, _ in versions), merge_text)
    if skeleton is None:
        return None
    old, mine, other = (lines for _, lines in versions)
    try:
        merged = {i: _merge_line(old.get(i), mine.get(i), other.get(i)) for i in {*mine, *other}}
    except Clash:
        return None
    return _PLACEHOLDER.sub(lambda m: merged.get(m.group(1), m.group(0)), skeleton)


def _merge_line(base: str | None, ours: str | None, theirs: str | None) -> str | None:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    raise Clash


def _with_items_added_on_both_sides(
    base: str, ours: str, theirs: str, merge_text: TextMerge
) -> str | None:
    """The skeletons merged without the items either side added, then those put back after the
    line each followed, ours first: two coaches adding an action at the end of the same list
    is no clash (list items are independent), though git sees both insert at the same place."""
    known = set(_PLACEHOLDER.findall(base))
    mine, my_items = _without_new_items(ours, known)
    other, their_items = _without_new_items(theirs, known)
    if not (my_items and their_items):
        return None
    merged = merge_text(base, mine, other)
    return None if merged is None else _put_back(merged, [*my_items, *their_items])


def _without_new_items(text: str, known: set[str]) -> tuple[str, list[tuple[tuple[str, ...], str]]]:
    """`text` without the lines of items not in `known`, and each such line with the lines it
    followed: the last line that is not blank and the blank lines after it. A blank line alone
    is no place: a first item under a heading follows the blank line after that heading."""
    kept: list[str] = []
    added: list[tuple[tuple[str, ...], str]] = []
    for line in text.splitlines(keepends=True):
        found = _PLACEHOLDER.fullmatch(line.rstrip("\r\n"))
        if found and found.group(1) not in known:
            added.append((_anchor(kept), line))
        else:
            kept.append(line)
    return "".join(kept), added


def _anchor(kept: list[str]) -> tuple[str, ...]:
    """The last lines of `kept`, from its last line that is not blank to its end."""
    start = len(kept)
    while start > 0 and not kept[start - 1].strip():
        start -= 1
    return tuple(kept[max(start - 1, 0) :])


def _put_back(merged: str, added: list[tuple[tuple[str, ...], str]]) -> str | None:
    """`merged` with each added line after the lines it followed; None when those are not
    found exactly once (the place would be a guess)."""
    lines = merged.splitlines(keepends=True)
    after: dict[int, list[str]] = {}
    for anchor, line in added:
        places = [i for i in range(len(lines)) if tuple(lines[i : i + len(anchor)]) == anchor]
        if not anchor or not anchor[-1].endswith("\n") or len(places) != 1:
            return None
        after.setdefault(places[0] + len(anchor) - 1, []).append(line)
    return "".join(line + "".join(after.get(i, [])) for i, line in enumerate(lines))


def _items_apart(text: str) -> tuple[str, dict[str, str]]:
    """`text` with every line ending in an item id replaced by a placeholder, and those lines."""
    lines: dict[str, str] = {}

    def put_apart(match: re.Match[str]) -> str:
        lines[match.group(1)] = match.group(0)
        return f"⟦{match.group(1)}⟧"

    return _ITEM_LINE.sub(put_apart, text), lines


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
        raise Clash  # their front-matter changed beyond its values (comments, layout): keep it
    changes, removals = {}, []
    for key in [*ours, *(k for k in theirs if k not in ours), *(k for k in base if k not in ours)]:
        value = merge_value(
            base.get(key, MISSING), ours.get(key, MISSING), theirs.get(key, MISSING)
        )
        if value is MISSING:
            removals += [key] if key in ours else []
        elif key not in ours or value != ours[key]:
            changes[key] = value
    return patch(heads[1] + body, changes, removals)


def _difference(base: dict[str, Any], other: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """What `other` set and removed compared with `base`."""
    changes = {k: v for k, v in other.items() if k not in base or base[k] != v}
    return changes, [k for k in base if k not in other]


def merge_value(base: Any, ours: Any, theirs: Any) -> Any:
    """One value merged (MISSING where a side has none): the side that changed it, lists of
    plain values as sets; Clash when both changed it differently."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    if all(_is_plain_list(v) for v in (base, ours, theirs)):
        return _merge_sets(*(v if isinstance(v, list) else [] for v in (base, ours, theirs)))
    raise Clash


def _is_plain_list(value: Any) -> bool:
    return (
        value is MISSING
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
