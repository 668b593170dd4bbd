"""Turn a note file's text into a `Note`, tolerating notes written by hand or by other tools.

A note without `id` gets its path as id, without `type` is a plain "note", without `title` takes
its first heading or its file name, and without `date` takes the date its file name starts with.
Decisions, actions and meeting roles are read from the body, where the coach writes them
(core/register.py); front-matter lists of that name, from older notes, are not read. Nothing here
rewrites the file: this is reading only.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

from .config import Config
from .dates import day_of, try_parse_date
from .fields import extra_fields
from .frontmatter_text import parse
from .model import Note
from .remarks import remarks
from .text import normalize_tags

_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
# A note whose date nobody knows (an imported file that gave none): its file name's date is the
# day it was imported, not its own.
UNDATED_KEY = "date_inconnue"
_DATED_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def read_note(path: str, text: str, config: Config, register: bool = True) -> Note:
    """The note stored at `path` (relative, '/'-separated) with content `text`; without its
    decisions, actions and roles unless `register` (showing a note's text needs none of them,
    and reading them costs a meeting note markdown-it's import).

    Raises FrontMatterError (with the line number) when the front-matter is not valid YAML.
    """
    parsed = parse(text)
    meta = parsed.metadata
    note_id = _text(meta.get("id")) or path_id(path)
    when = try_parse_date(meta.get("date"))
    if when is None and meta.get(UNDATED_KEY) is not True:
        when = _date_from_name(path)
    held = _register(parsed.body, note_id, day_of(when)) if register else None
    return Note(
        path=path,
        id=note_id,
        type=_text(meta.get("type")) or "note",
        title=_text(meta.get("title")) or _first_heading(parsed.body) or _stem(path),
        date=when,
        entrepreneur=_text(meta.get("entrepreneur")),
        referent=_text(meta.get("referent")),
        author=_text(meta.get("author")),
        participants=_strings(meta.get("participants")),
        tags=normalize_tags(_strings(meta.get("tags")), config.synonyms),
        status=_text(meta.get("status")),
        decisions=held.decisions if held else (),
        actions=held.actions if held else (),
        roles=held.roles if held else (),
        body=parsed.body,
        metadata=MappingProxyType(meta),
        extra_fields=extra_fields(meta),
        remarks=remarks(parsed, config, text),
    )


def _register(body: str, note_id: str, written_on):
    # Imported here: the commands that find the index fresh read no note, and need not pay
    # for the register's patterns.
    from .register import read_register

    return read_register(body, note_id, written_on)


def path_id(path: str) -> str:
    """The id of a note that has none: its path without the .md ending."""
    return path[:-3] if path.lower().endswith(".md") else path


def _stem(path: str) -> str:
    return path_id(path).rsplit("/", 1)[-1]


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match.group(1) if match else None


def _date_from_name(path: str):
    match = _DATED_NAME.search(_stem(path))
    return try_parse_date(match.group(1)) if match else None


def _text(value: Any) -> str | None:
    """A header value as one text: a list (`title: [a, b]`) as a coach would write it, "a, b"."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ", ".join(t for t in (_text(v) for v in value) if t) or None
    if isinstance(value, bool):
        return "true" if value else "false"  # as YAML writes it, not Python's « True »
    text = str(value).strip()
    return text or None


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _strings(value: Any) -> tuple[str, ...]:
    """A list of names or tags, also accepted as one comma-separated string."""
    if isinstance(value, str):
        value = value.split(",")
    return tuple(t for t in (_text(v) for v in _items(value)) if t)
