"""The site's list pages: a page per tag, per entrepreneur, per référent, and the overviews
(every note, the pads, the decisions, the tags, the people), all from the catalogue's notes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace as dc_replace

from .dates import iso
from .model import NO_METADATA, Note
from .notetypes import is_type
from .pads import PAD_KEYS, field_value
from .register_list import Successor, decision_entries
from .requests import Recorded
from .site_model import (
    Link,
    Page,
    Section,
    item_page,
    list_page,
    newest_first,
    note_link,
    note_url,
    person_url,
    tag_url,
    when_of,
)
from .site_publishing import SiteOptions
from .text import fold, person_id, person_key

PAD = "pad"


def tag_pages(notes: list[Note], options: SiteOptions, recorded: Recorded) -> list[Page]:
    """A page per tag, its notes newest first."""
    by_tag: dict[str, list[Note]] = {}
    for note in notes:
        for tag in note.tags:
            by_tag.setdefault(tag, []).append(note)
    return [
        list_page(
            tag_url(tag),
            f"#{tag}",
            "tag",
            (Section("", tuple(note_link(n) for n in newest_first(tagged, recorded))),),
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
            list_page(person_url("entrepreneurs", name), name, "entrepreneur", (section,), opt)
        )
    by_referent: dict[str, list[Note]] = {}
    for note in notes:
        if note.referent and person_id(note.referent):
            by_referent.setdefault(person_id(note.referent), []).append(note)
    for _key, own in sorted(by_referent.items()):
        name = one_per_person(n.referent or "" for n in own)[0]
        people = one_per_person(n.entrepreneur or "" for n in own)
        sections = (
            Section(
                "entrepreneurs", tuple(Link(person_url("entrepreneurs", p), p) for p in people)
            ),
            Section("notes", tuple(note_link(n) for n in newest_first(own, recorded)[:50])),
        )
        pages.append(list_page(person_url("referents", name), name, "referent", sections, opt))
    return pages


def one_per_person(names: Iterable[str]) -> list[str]:
    """One spelling per person, in name order: the most written one, then the first in order
    (a name typed with and without its accent composed is one person, with one page)."""
    counts = Counter(n for n in names if n and person_id(n))
    chosen: dict[str, str] = {}
    for name, _count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        chosen.setdefault(person_id(name), name)
    return sorted(chosen.values(), key=lambda name: (person_key(name), name))


def overview_pages(
    notes: list[Note], opt: str, recorded: Recorded, copies: Iterable[Note] = ()
) -> list[Page]:
    """Every note, the pads, the decision register, the tags, the people: one page each. The
    register lists too the decisions only a conflict copy holds (`copies`), as `decisions`."""
    pads = tuple(
        note_link(n, _pad_address(n))
        for n in sorted(notes, key=lambda n: fold(n.title))
        if is_type(n, PAD)
    )
    decisions = decision_links([*notes, *copies], recorded)
    everything = tuple(note_link(n) for n in newest_first(notes, recorded))
    return [
        list_page("pages/notes.html", "notes", "list", (Section("", everything),), opt),
        list_page("pages/pads.html", "pads", "list", (Section("", pads),), opt),
        list_page("pages/decisions.html", "decisions", "list", (Section("", decisions),), opt),
        list_page("pages/etiquettes.html", "tags", "list", (tags_section(notes),), opt),
        list_page("pages/personnes.html", "people", "list", _people_sections(notes), opt),
    ]


def decision_links(notes: list[Note], recorded: Recorded) -> tuple[Link, ...]:
    """Every decision, newest note first; a replaced one links to its successor."""
    entries = {(e.source.note.path, e.decision.id): e for e in decision_entries(notes)}
    return tuple(
        decision_link(n, d.text, entry.successor, entry.status)
        for n in newest_first(notes, recorded)
        for d in n.decisions
        if (entry := entries[(n.path, d.id)])
    )


def decision_link(note: Note, text: str, successor: Successor | None, status: str) -> Link:
    """A decision of `note` with its status, linked to the page of its `successor` when it was
    replaced."""
    after = None
    if successor is not None:
        then = successor.source.note
        after = Link(
            note_url(then.path), successor.short_text(), when_of(then), note_type=then.type
        )
    url, in_copy = item_page(note)
    return Link(
        url,
        text,
        when_of(note),
        successor=after,
        state=status,
        note_type=note.type,
        in_copy=in_copy,
    )


def _pad_address(note: Note) -> str:
    """The pad's address, where the pads list shows it (empty when the note gives none)."""
    return next((url for key in PAD_KEYS if (url := field_value(note, key))), "")


def tags_section(notes: list[Note]) -> Section:
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
