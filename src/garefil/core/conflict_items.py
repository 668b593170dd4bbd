"""What `resolve` keeps of the version it sets aside: its decisions and actions.

Resolving a conflict keeps one whole version of a note. A decision or an action written only in
the other version (known by the `^d-…`/`^a-…` id written on its line) would go with it, and the
register must never lose one without a word: each is added under its heading in the version
kept, as `decision ajouter` or `action ajouter` writes one, and the coach is told which. An item
without a written id is left to the text set aside: its id comes from its note and text, so the
same item could not be told from a new one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from .frontmatter_text import body_of
from .register import ITEM_ID_PATTERN, items
from .register_edit import add_item

_WRITTEN_ID = re.compile(r"\^(" + ITEM_ID_PATTERN + r")\s*$")
_KINDS = ("decisions", "actions")


def carried_items(kept: str, set_aside: Sequence[str], path: str) -> tuple[str, tuple[str, ...]]:
    """`kept` (the text of note `path`) with the decisions and actions of the `set_aside` texts
    it has not, each under its heading; and their ids, in the order they were added."""
    known = {item_id for _kind, item_id, _text in _written(kept)}
    added: list[str] = []
    for text in set_aside:
        for kind, item_id, line in _written(text):
            if item_id not in known:
                kept = add_item(kept, path, kind, line)
                known.add(item_id)
                added.append(item_id)
    return kept, tuple(added)


def _written(text: str) -> Iterator[tuple[str, str, str]]:
    """(kind, id, text) of each decision and action of `text` whose id is written."""
    for item in items(body_of(text.removeprefix("\ufeff"))):
        found = _WRITTEN_ID.search(item.text)
        if item.kind in _KINDS and found:
            yield item.kind, found.group(1), item.text
