"""Values the core hands out: frozen, comparable, printable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from .dates import NoteDate, iso

NO_METADATA: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True)
class Decision:
    """A decision written in a note's body (core/register.py): its text, status and id."""

    text: str
    replaces: str | None = None  # the id of the decision this one replaces
    id: str = ""
    status: str = "adoptée"  # as written: proposée, adoptée or abandonnée
    line: int = 0  # 0-based line of its list item in the body
    written_id: bool = True  # False: derived from the text, not yet on its line

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Action:
    """A follow-up: who does what by when; open until done."""

    what: str
    who: str | None = None
    due: NoteDate | None = None
    done: bool = False
    id: str = ""
    line: int = 0  # 0-based line of its list item in the body
    written_id: bool = True  # False: derived from the text, not yet on its line

    def __str__(self) -> str:
        parts = [self.who or "?", self.what]
        if self.due:
            parts.append(iso(self.due) or "")
        return " — ".join(parts)


@dataclass(frozen=True)
class Note:
    """One Markdown file of the notebook, read as garefil understands it."""

    path: str  # relative to the notebook, with '/' separators
    id: str
    type: str
    title: str
    date: NoteDate | None = None
    entrepreneur: str | None = None
    referent: str | None = None
    author: str | None = None
    participants: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    status: str | None = None
    decisions: tuple[Decision, ...] = ()
    actions: tuple[Action, ...] = ()
    roles: tuple[tuple[str, str], ...] = ()  # (role, person) held in a meeting
    body: str = ""
    metadata: Mapping[str, Any] = field(default_factory=lambda: NO_METADATA)
    # Other front-matter keys' string values, by field name (core/fields.py).
    extra_fields: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # What the reader noticed, as (kind, file line or 0, detail): a key written twice, a tag
    # not in its normalised form, a link, a pad without address (core/remarks.py).
    remarks: tuple[tuple[str, int, str], ...] = ()

    def __str__(self) -> str:
        return f"{self.id}  {iso(self.date) or '—'}  {self.title}"

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a note in listings (documented in docs/json.md)."""
        return {
            "id": self.id,
            "path": self.path,
            "type": self.type,
            "title": self.title,
            "date": iso(self.date),
            "entrepreneur": self.entrepreneur,
            "referent": self.referent,
            "author": self.author,
            "participants": list(self.participants),
            "tags": list(self.tags),
            "status": self.status,
        }


@dataclass(frozen=True)
class Problem:
    """A file that could not be read; listings skip it and say so."""

    path: str
    line: int
    detail: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.detail}"


@dataclass(frozen=True)
class NoteFilter:
    """What `list` (and later `search`) keep; empty fields keep everything."""

    types: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    entrepreneur: str | None = None
    referent: str | None = None
    status: str | None = None
    since: date | None = None
    until: date | None = None
    fields: tuple[tuple[str, str], ...] = ()  # (field name, value folded like names)


@dataclass(frozen=True)
class Listing:
    """Notes that passed a filter, plus the files that could not be read."""

    notes: tuple[Note, ...]
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class TagCount:
    """How many notes carry a tag."""

    tag: str
    count: int

    def __str__(self) -> str:
        return f"{self.tag}\t{self.count}"
