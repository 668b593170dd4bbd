"""The HTML site as values: which pages there are, what each shows, and what each depends on.

The site is made of pages computed from the catalogue (a page per note, per tag, per
entrepreneur, per référent, the pads, the decisions, the home page). Each page carries a `key`:
a digest of everything it shows. The writer compares keys with the previous build's manifest and
rewrites only the pages whose key changed, so one edited note costs its own page and the few
lists that name it, not ten thousand pages. Nothing here reads a file or knows HTML.

What of each note is published (options, personal data, the card) is in site_publishing.py.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from datetime import date
from typing import Any, Protocol

from .dates import day_of, iso
from .entrepreneurs import Entrepreneur, entrepreneurs
from .followup import Context, Due, Group, followup
from .model import NO_METADATA, Note
from .pads import PAD_KEYS, field_value
from .register_list import Successor, decision_entries
from .requests import Recorded, undecided
from .selection import by_date
from .site_publishing import SiteOptions
from .site_values import web_address
from .summary import Summary
from .text import fold, person_key, slugify

PAD = "pad"
MEETING = "reunion"
RECENT = 10  # decisions and meetings on the home page


@dataclass(frozen=True)
class Link:
    """A link from a list page: where it leads, what it says, and a few words beside it."""

    url: str
    text: str
    detail: str = ""
    detail_url: str = ""  # the detail is a web address (a pad's): a link to another site
    successor: Link | None = None  # a replaced decision: the one that holds now


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
) -> str:
    """A digest of all the list pages and the home page are made from: the published notes as
    the catalogue gives them (their bodies aside), today and the notebook's settings. When it is
    the last build's, no list page can have changed: only the note pages are computed, so that
    editing a note's text costs its own page, not ten thousand values."""
    firsts = sorted((path, times[0]) for path, times in (recorded or {}).items())
    state = (options.token(), today, settings, firsts)  # git's first times order a day
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


def note_url(path: str) -> str:
    """The page of the note at `path` (folders flattened, so every page is one level down)."""
    stem = path[:-3] if path.endswith(".md") else path
    return "notes/" + stem.replace("/", "~") + ".html"


def person_url(kind: str, name: str) -> str:
    """The page of an entrepreneur or a référent."""
    key = person_key(name)  # every spelling of a name leads to the same page
    return f"{kind}/{slugify(key) or 'sans-nom'}-{_digest(key)[:6]}.html"


def tag_url(tag: str) -> str:
    """The page of a tag."""
    return f"etiquettes/{tag}.html"


def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _note_link(note: Note, detail: str = "") -> Link:
    detail = detail or _when(note)
    return Link(note_url(note.path), note.title or note.id, detail, web_address(detail))


def _when(note: Note) -> str:
    return " · ".join(p for p in (iso(day_of(note.date)), note.type) if p)


def _newest_first(notes: Iterable[Note], recorded: Recorded) -> list[Note]:
    """Newest first as `list` shows them: in a day, by the header's time, else when git first
    recorded the note (`recorded`: the notes sharing a day), never by file name."""
    return by_date(notes, recorded)


def _list_page(url: str, title: str, kind: str, sections: tuple[Section, ...], opt: str) -> Page:
    return Page(url, title, kind, _digest(opt, title, sections), sections=sections)


def note_pages(notes: list[Note], digests: Mapping[str, str], options: SiteOptions) -> list[Page]:
    """A page per note; its key is the file's digest. Its body and card are made by the writer,
    from the file, only when the key changed."""
    token = options.token()
    return [
        Page(
            note_url(n.path),
            n.title or n.id,
            "note",
            _digest(token, digests.get(n.path, ""), n.path),
            note=n,
        )
        for n in notes
    ]


def tag_pages(notes: list[Note], options: SiteOptions, recorded: Recorded) -> list[Page]:
    """A page per tag, its notes newest first."""
    by_tag: dict[str, list[Note]] = {}
    for note in notes:
        for tag in note.tags:
            by_tag.setdefault(tag, []).append(note)
    return [
        _list_page(
            tag_url(tag),
            f"#{tag}",
            "tag",
            (Section("", tuple(_note_link(n) for n in _newest_first(tagged, recorded))),),
            options.token(),
        )
        for tag, tagged in sorted(by_tag.items())
    ]


def people_pages(
    notes: list[Note], threads: Mapping[str, list[Link]], opt: str, recorded: Recorded
) -> list[Page]:
    """A page per entrepreneur (their thread, in time order) and per référent (their people)."""
    pages = []
    for name, steps in sorted(threads.items()):
        section = Section("", tuple(steps))
        pages.append(
            _list_page(person_url("entrepreneurs", name), name, "entrepreneur", (section,), opt)
        )
    by_referent: dict[str, list[Note]] = {}
    for note in notes:
        if note.referent and person_key(note.referent):
            by_referent.setdefault(person_key(note.referent), []).append(note)
    for _key, own in sorted(by_referent.items()):
        name = one_per_person(n.referent or "" for n in own)[0]
        people = one_per_person(n.entrepreneur or "" for n in own)
        sections = (
            Section(
                "entrepreneurs", tuple(Link(person_url("entrepreneurs", p), p) for p in people)
            ),
            Section("notes", tuple(_note_link(n) for n in _newest_first(own, recorded)[:50])),
        )
        pages.append(_list_page(person_url("referents", name), name, "referent", sections, opt))
    return pages


def one_per_person(names: Iterable[str]) -> list[str]:
    """One spelling per person, in name order: the most written one, then the first in order
    (a name typed with and without its accent composed is one person, with one page)."""
    counts = Counter(n for n in names if n and person_key(n))
    chosen: dict[str, str] = {}
    for name, _count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        chosen.setdefault(person_key(name), name)
    return sorted(chosen.values(), key=lambda name: (person_key(name), name))


def overview_pages(notes: list[Note], opt: str, recorded: Recorded) -> list[Page]:
    """Every note, the pads, the decision register, the tags, the people: one page each."""
    pads = tuple(
        _note_link(n, _pad_address(n))
        for n in sorted(notes, key=lambda n: fold(n.title))
        if n.type == PAD
    )
    decisions = _decision_links(notes, recorded)
    everything = tuple(_note_link(n) for n in _newest_first(notes, recorded))
    return [
        _list_page("pages/notes.html", "notes", "list", (Section("", everything),), opt),
        _list_page("pages/pads.html", "pads", "list", (Section("", pads),), opt),
        _list_page("pages/decisions.html", "decisions", "list", (Section("", decisions),), opt),
        _list_page("pages/etiquettes.html", "tags", "list", (_tags_section(notes),), opt),
        _list_page("pages/personnes.html", "people", "list", _people_sections(notes), opt),
    ]


def _decision_links(notes: list[Note], recorded: Recorded) -> tuple[Link, ...]:
    """Every decision, newest note first; a replaced one links to its successor."""
    successors = {e.decision.id: e.successor for e in decision_entries(notes) if e.successor}
    return tuple(
        _decision_link(n, d.text, successors.get(d.id))
        for n in _newest_first(notes, recorded)
        for d in n.decisions
    )


def _decision_link(note: Note, text: str, successor: Successor | None) -> Link:
    after = None
    if successor is not None:
        then = successor.source.note
        after = Link(note_url(then.path), successor.short_text(), _when(then))
    return Link(note_url(note.path), text, _when(note), successor=after)


def _published(successor: Successor | None, paths: set[str]) -> Successor | None:
    """The successor when its note is in the site: a link must lead to a page."""
    return successor if successor and successor.source.note.path in paths else None


def _pad_address(note: Note) -> str:
    """The pad's address, where the pads list shows it (empty when the note gives none)."""
    return next((url for key in PAD_KEYS if (url := field_value(note, key))), "")


def _tags_section(notes: list[Note]) -> Section:
    counts: dict[str, int] = {}
    for note in notes:
        for tag in note.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return Section(
        "themes", tuple(Link(tag_url(t), f"#{t}", str(c)) for t, c in sorted(counts.items()))
    )


def _people_sections(notes: list[Note]) -> tuple[Section, ...]:
    names = one_per_person(n.entrepreneur or "" for n in notes)
    referents = one_per_person(n.referent or "" for n in notes)
    return (
        Section("entrepreneurs", tuple(Link(person_url("entrepreneurs", p), p) for p in names)),
        Section("referents", tuple(Link(person_url("referents", p), p) for p in referents)),
    )


def home_page(notes: list[Note], context: Context, opt: str, recorded: Recorded) -> Page:
    """The gare centrale: what is due, entrepreneurs, pads, meetings, recent decisions, themes.

    Built from `suivi`, the entrepreneurs and the catalogue; when the summary of the gare
    centrale exists as a core value, its sections take this function's place."""
    today = context.today
    due = tuple(
        Link(
            note_url(d.note.path),
            d.note.title or d.note.id,
            " · ".join(p for p in (g.referent or "", iso(day_of(d.since)) or "", d.kind) if p),
        )
        for g in _groups(context)
        for d in g.items
    )
    people = tuple(
        Link(
            person_url("entrepreneurs", e.name),
            e.name,
            " · ".join(p for p in (e.referent or "", iso(e.last_contact) or "") if p),
        )
        for e in entrepreneurs(notes, today)
    )
    meetings = tuple(
        _note_link(n)
        for n in _newest_first((n for n in notes if n.type == MEETING), recorded)[:RECENT]
    )
    decisions = _decision_links(notes, recorded)[:RECENT]
    pads = tuple(_note_link(n) for n in sorted(notes, key=lambda n: fold(n.title)) if n.type == PAD)
    sections = (
        Section("due", due, "nothing-due"),
        Section("entrepreneurs", people),
        Section("pads", pads),
        Section("meetings", meetings),
        Section("decisions", decisions),
        _tags_section(notes),
    )
    return Page("index.html", "home", "home", _digest(opt, today, sections), sections=sections)


def _groups(context: Context) -> list[Group]:
    return followup(context)


def changed(previous: Mapping[str, str], pages: Iterable[Page]) -> tuple[list[Page], list[str]]:
    """The pages to write (new or whose key changed) and the addresses to remove."""
    pages = list(pages)
    wanted = {p.url for p in pages}
    to_write = [p for p in pages if previous.get(p.url) != p.key]
    return to_write, sorted(u for u in previous if u not in wanted)


def thread_links(notes: list[Note]) -> dict[str, list[Link]]:
    """Each entrepreneur's thread as links, in time order (from the catalogue's notes)."""
    from .thread import thread

    # The catalogue's view of every note, headers whole or not: a note just indexed carries its
    # whole header, and the page must not change when the same note comes from the catalogue.
    notes = [dc_replace(n, metadata=NO_METADATA) for n in notes]
    own: dict[str, list[Note]] = {}
    for note in notes:
        if note.entrepreneur and person_key(note.entrepreneur):
            own.setdefault(person_key(note.entrepreneur), []).append(note)
    # Decisions and actions are looked for only in the notes whose texts name the person
    # (each note's texts folded once, not once per entrepreneur).
    said = [
        (n, f" {person_key(' | '.join(_mentioned(n)))} ") for n in notes if n.decisions or n.actions
    ]
    links = {}
    for key, group in own.items():
        name = group[0].entrepreneur or ""
        steps = thread(name, group, [n for n, text in said if f" {key} " in text])
        links[name] = [
            Link(
                note_url(s.note.path),
                s.text or s.note.title,
                " · ".join(p for p in (iso(s.when) or "", s.kind) if p),
            )
            for s in steps
        ]
    return links


def _mentioned(note: Note) -> list[str]:
    return [d.text for d in note.decisions] + [f"{a.what} {a.who or ''}" for a in note.actions]


def site_pages(
    notes: Iterable[Note],
    digests: Mapping[str, str],
    options: SiteOptions,
    context: Context,
    summary: Summary | None = None,
    recorded: Recorded | None = None,
) -> list[Page]:
    """Every page of the site, from the catalogue's notes and their files' digests; the home
    page is the gare centrale's `summary` when there is one. `recorded`: when git first
    recorded the notes that share a day (`sharing_a_day`), to order that day."""
    kept = published(notes, options)
    token = options.token()
    recorded = recorded or {}
    home = (
        home_from_summary(summary, kept, token)
        if summary is not None
        else home_page(kept, replace_notes(context, kept), token, recorded)
    )
    return [
        home,
        *overview_pages(kept, token, recorded),
        *tag_pages(kept, options, recorded),
        *people_pages(kept, thread_links(kept), token, recorded),
        *note_pages(kept, digests, options),
    ]


def sharing_a_day(notes: Iterable[Note], options: SiteOptions) -> list[str]:
    """The published notes whose header keeps only a day another one shares: git's times
    order them (asked once per build)."""
    return undecided(published(notes, options))


def replace_notes(context: Context, notes: list[Note]) -> Context:
    """`context` looking at the published notes only (a left-out type is never shown)."""
    from dataclasses import replace

    return replace(context, notes=tuple(notes))


def home_from_summary(summary: Summary, kept: list[Note], opt: str) -> Page:
    """The gare centrale (core/summary.py) as the site's home page: what is due, the
    entrepreneurs, the pads, the meetings, the recent decisions, the themes. What the site
    leaves out (a note type) is left out of it too, so that every link leads to a page."""
    paths = {n.path for n in kept}
    people = {person_key(n.entrepreneur) for n in kept if n.entrepreneur}
    tags = {t for n in kept for t in n.tags}
    meetings = (summary.meetings.last, summary.meetings.next)
    sections = (
        Section(
            "due", tuple(_due_link(d) for d in summary.due if d.note.path in paths), "nothing-due"
        ),
        Section(
            "entrepreneurs",
            tuple(
                _person_link(p.person)
                for p in summary.people
                if person_key(p.person.name) in people
            ),
        ),
        Section(
            "pads",
            tuple(
                Link(note_url(p.note.path), p.note.title or p.note.id, p.url)
                for p in summary.pads
                if p.note.path in paths
            ),
        ),
        Section("meetings", tuple(_note_link(n) for n in meetings if n and n.path in paths)),
        Section(
            "decisions",
            tuple(
                _decision_link(e.source.note, e.decision.text, _published(e.successor, paths))
                for e in summary.decisions
                if e.source.note.path in paths
            ),
        ),
        Section(
            "themes",
            tuple(
                Link(tag_url(t.tag), f"#{t.tag}", str(t.count))
                for t in summary.tags
                if t.tag in tags
            ),
        ),
    )
    return Page("index.html", "home", "home", _digest(opt, sections), sections=sections)


def _due_link(due: Due) -> Link:
    parts = (due.referent or "", iso(day_of(due.since)) or "", due.kind)
    return Link(
        note_url(due.note.path), due.note.title or due.note.id, " · ".join(p for p in parts if p)
    )


def _person_link(person: Entrepreneur) -> Link:
    parts = (person.referent or "", iso(person.last_contact) or "")
    return Link(
        person_url("entrepreneurs", person.name), person.name, " · ".join(p for p in parts if p)
    )
