"""The HTML site as values: which pages there are, what each shows, and what each depends on.

The site is made of pages computed from the catalogue (a page per note, per tag, per
entrepreneur, per référent, the pads, the decisions, the meetings, the open actions, the home
page). Each page carries a `key`:
a digest of everything it shows. The writer compares keys with the previous build's manifest and
rewrites only the pages whose key changed, so one edited note costs its own page and the few
lists that name it, not ten thousand pages. Nothing here reads a file or knows HTML.

What of each note is published (options, personal data, the card) is in site_publishing.py;
the pages as values and their addresses in site_model.py, the list pages in site_lists.py and
the home page in site_home.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from typing import Any, Protocol

from .followup import Context
from .model import Note
from .people import one_spelling
from .requests import Recorded, undecided
from .site_home import home_from_summary, home_page, replace_notes
from .site_lists import overview_pages, people_pages, tag_pages, thread_links
from .site_model import Page, note_url, page_digest
from .site_publishing import SiteOptions
from .site_register import register_pages
from .summary import Summary
from .text import fold


class SiteWriter(Protocol):
    """Where the pages go (adapters/pages/html_site.py)."""

    def lists_key(self) -> str | None:
        """The `lists_key` of the last build (None: none yet)."""

    def build(
        self,
        pages: list[Page],
        options: SiteOptions,
        lists_key: str = "",
        progress: Callable[[int, int], None] | None = None,
    ) -> Any:
        """Write the pages whose key changed, remove the pages that are gone; without list
        pages among `pages`, keep the last build's. `progress(done, total)`: pages written."""


class Preview(Protocol):
    """A local web server showing the site while it is rebuilt."""

    address: str
    taken: int  # the port asked for, when another program held it (0: it was free)

    def start(self) -> None:
        """Serve in the background."""

    def stop(self) -> None:
        """Stop serving."""


def published(notes: Iterable[Note], options: SiteOptions) -> list[Note]:
    """The notes that go on the site, in path order."""
    left_out = {fold(t) for t in options.left_out_types}
    return sorted((n for n in notes if fold(n.type) not in left_out), key=lambda n: n.path)


def lists_key(
    notes: Iterable[Note],
    options: SiteOptions,
    today: date,
    settings: Any,
    recorded: Recorded | None = None,
    coming: datetime | None = None,
) -> str:
    """A digest of all the list pages and the home page are made from: the published notes as
    the catalogue gives them (their bodies aside), today, the coming meeting's start (it moves
    on within a day, once the meeting is over) and the notebook's settings. When it is the last
    build's, no list page can have changed: only the note pages are computed, so that editing
    a note's text costs its own page, not ten thousand values."""
    firsts = sorted((path, times[0]) for path, times in (recorded or {}).items())
    state = (options.token(), today, coming, settings, firsts)  # git's first times order a day
    digest = hashlib.blake2b(repr(state).encode(), digest_size=16)
    for note in published(notes, options):
        digest.update(repr(_listed(note)).encode())
    return digest.hexdigest()


def _listed(note: Note) -> tuple:
    """What the lists may show of a note: its header and its register, not the lines where
    the register's items are (they move whenever a line is added above them)."""
    return (
        *(getattr(note, f) for f in ("path", "id", "type", "title", "date", "entrepreneur")),
        *(getattr(note, f) for f in ("referent", "author", "participants", "tags", "status")),
        tuple((d.text, d.replaces, d.id, d.status, d.written_id) for d in note.decisions),
        tuple((a.what, a.who, a.due, a.done, a.id, a.written_id) for a in note.actions),
        note.roles,
        note.extra_fields,
    )


def note_pages(notes: list[Note], digests: Mapping[str, str], options: SiteOptions) -> list[Page]:
    """A page per note; its key is the file's digest. Its body and card are made by the writer,
    from the file, only when the key changed."""
    token = options.token()
    return [
        Page(
            note_url(n.path),
            n.title or n.id,
            "note",
            page_digest(token, digests.get(n.path, ""), n.path),
            note=n,
        )
        for n in notes
    ]


def changed(previous: Mapping[str, str], pages: Iterable[Page]) -> tuple[list[Page], list[str]]:
    """The pages to write (new or whose key changed) and the addresses to remove."""
    pages = list(pages)
    wanted = {p.url for p in pages}
    to_write = [p for p in pages if previous.get(p.url) != p.key]
    return to_write, sorted(u for u in previous if u not in wanted)


def site_pages(
    notes: Iterable[Note],
    digests: Mapping[str, str],
    options: SiteOptions,
    context: Context,
    summary: Summary | None = None,
    recorded: Recorded | None = None,
    copies: Iterable[Note] = (),
) -> list[Page]:
    """Every page of the site, from the catalogue's notes and their files' digests; the home
    page is the gare centrale's `summary` when there is one. `recorded`: when git first
    recorded the notes that share a day (`sharing_a_day`), to order that day; `copies`: the
    conflict copies with the items only they hold (core/conflict_copies.py), which the
    registers list as the commands do."""
    kept = published(notes, options)
    token = options.token()
    recorded = recorded or {}
    # A person written two ways has one page, under one spelling; a note's own page shows
    # its header as written.
    spelled = one_spelling(kept, context.config.members)
    in_copies = published(copies, options)
    home = (
        home_from_summary(summary, spelled, token)
        if summary is not None
        else home_page(spelled, replace_notes(context, spelled), token, recorded)
    )
    return [
        home,
        *overview_pages(spelled, token, recorded, in_copies),
        *register_pages(spelled, token, recorded, context.today, in_copies),
        *tag_pages(kept, options, recorded),
        *people_pages(spelled, thread_links(spelled), token, recorded),
        *note_pages(kept, digests, options),
    ]


def sharing_a_day(notes: Iterable[Note], options: SiteOptions) -> list[str]:
    """The published notes whose header keeps only a day another one shares: git's times
    order them (asked once per build)."""
    return undecided(published(notes, options))
