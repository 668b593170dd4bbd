"""The site's values: its pages, their sections and links, and the address of each page.

Addresses are computed from what a page is about (a note's path, a tag, a person's name), never
from the order of a build, so a link written in one page leads to the right page in the next.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .conflict_copies import conflict_pairs
from .dates import day_of, iso
from .model import Note
from .requests import Recorded
from .selection import by_date
from .site_values import web_address
from .text import person_key, slugify


@dataclass(frozen=True)
class Link:
    """A link from a list page: where it leads, what it says, and a few words beside it."""

    url: str
    text: str
    detail: str = ""
    detail_url: str = ""  # the detail is a web address (a pad's): a link to another site
    successor: Link | None = None  # a replaced decision: the one that holds now
    # A value the page names in the reader's words: a decision's status (« adoptée »), what is
    # due about a note (« demande sans référent »); the key as the core knows it.
    state: str = ""
    # The note's type, which the page names in the reader's words (« réunion », not `reunion`)
    # after the detail.
    note_type: str = ""
    # An item (decision, action) only a conflict copy holds: it leads to the note in conflict,
    # the copy having no page, and the page says it is the copy's (as `decisions` does).
    in_copy: bool = False


@dataclass(frozen=True)
class Section:
    """A titled list of links on a list page or the home page."""

    title: str
    links: tuple[Link, ...]
    empty: str = ""


@dataclass(frozen=True)
class Page:
    """One page of the site: its address, title, kind, content and the digest of its inputs."""

    url: str
    title: str
    kind: str  # note, tag, entrepreneur, referent, list, home
    key: str
    note: Note | None = None  # a note page's note (read from the catalogue, without its body)
    sections: tuple[Section, ...] = ()
    card: tuple = field(default=())  # (key, Shown values), filled by the writer, see `card`


def note_url(path: str) -> str:
    """The page of the note at `path` (folders flattened, so every page is one level down)."""
    stem = path[:-3] if path.endswith(".md") else path
    return "notes/" + stem.replace("/", "~") + ".html"


def item_page(note: Note) -> tuple[str, bool]:
    """The page a decision or action of `note` leads to, and whether only a conflict copy
    holds it: a copy has no page of its own (the site leaves copies out), its note has."""
    pairs = conflict_pairs([note.path])
    return (note_url(pairs[0][0]), True) if pairs else (note_url(note.path), False)


def person_url(kind: str, name: str) -> str:
    """The page of an entrepreneur or a référent."""
    key = person_key(name)  # every spelling of a name leads to the same page
    return f"{kind}/{slugify(key) or 'sans-nom'}-{page_digest(key)[:6]}.html"


def tag_url(tag: str) -> str:
    """The page of a tag."""
    return f"etiquettes/{tag}.html"


def page_digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def note_link(note: Note, detail: str = "") -> Link:
    """A link to `note`: its title, then `detail` (by default its day and type)."""
    if detail:
        return Link(note_url(note.path), note.title or note.id, detail, web_address(detail))
    return Link(note_url(note.path), note.title or note.id, when_of(note), note_type=note.type)


def when_of(note: Note) -> str:
    """The note's day, as a link's detail shows it (its type follows, in the reader's words)."""
    return iso(day_of(note.date)) or ""


def newest_first(notes: Iterable[Note], recorded: Recorded) -> list[Note]:
    """Newest first as `list` shows them: in a day, by the header's time, else when git first
    recorded the note (`recorded`: the notes sharing a day), never by file name."""
    return by_date(notes, recorded)


def list_page(url: str, title: str, kind: str, sections: tuple[Section, ...], opt: str) -> Page:
    return Page(url, title, kind, page_digest(opt, title, sections), sections=sections)
