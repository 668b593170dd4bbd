"""The site's home page, the gare centrale: what is due, the entrepreneurs, the pads, the
meetings, the recent decisions and the themes; from the sommaire's summary when there is one.
"""

from __future__ import annotations

from .dates import day_of, iso
from .entrepreneurs import Entrepreneur, entrepreneurs
from .followup import Context, Due, Group, followup
from .model import Note
from .notetypes import is_type
from .register_list import Successor
from .requests import Recorded
from .site_lists import PAD, decision_link, decision_links, tags_section
from .site_model import (
    Link,
    Page,
    Section,
    newest_first,
    note_link,
    note_url,
    page_digest,
    person_url,
    tag_url,
)
from .summary import Summary
from .text import fold, person_id

MEETING = "reunion"
RECENT = 10  # decisions and meetings on the home page


def home_page(notes: list[Note], context: Context, opt: str, recorded: Recorded) -> Page:
    """The gare centrale: what is due, entrepreneurs, pads, meetings, recent decisions, themes.

    Built from `suivi`, the entrepreneurs and the catalogue; when the summary of the gare
    centrale exists as a core value, its sections take this function's place."""
    today = context.today
    due = tuple(_due_link(d, g.referent or "") for g in _groups(context) for d in g.items)
    people = tuple(
        Link(
            person_url("entrepreneurs", e.name),
            e.name,
            " · ".join(p for p in (e.referent or "", iso(e.last_contact) or "") if p),
        )
        for e in entrepreneurs(notes, today)
    )
    meetings = tuple(
        note_link(n)
        for n in newest_first((n for n in notes if is_type(n, MEETING)), recorded)[:RECENT]
    )
    decisions = decision_links(notes, recorded)[:RECENT]
    pads = tuple(
        note_link(n) for n in sorted(notes, key=lambda n: fold(n.title)) if is_type(n, PAD)
    )
    sections = (
        Section("due", due, "nothing-due"),
        Section("entrepreneurs", people),
        Section("pads", pads),
        Section("meetings", meetings),
        Section("decisions", decisions),
        tags_section(notes),
    )
    return Page("index.html", "home", "home", page_digest(opt, today, sections), sections=sections)


def _groups(context: Context) -> list[Group]:
    return followup(context)


def replace_notes(context: Context, notes: list[Note]) -> Context:
    """`context` looking at the published notes only (a left-out type is never shown)."""
    from dataclasses import replace

    return replace(context, notes=tuple(notes))


def home_from_summary(summary: Summary, kept: list[Note], opt: str) -> Page:
    """The gare centrale (core/summary.py) as the site's home page: what is due, the
    entrepreneurs, the pads, the meetings, the recent decisions, the themes. What the site
    leaves out (a note type) is left out of it too, so that every link leads to a page."""
    paths = {n.path for n in kept}
    people = {person_id(n.entrepreneur) for n in kept if n.entrepreneur}
    tags = {t for n in kept for t in n.tags}
    meetings = (summary.meetings.last, summary.meetings.next)
    sections = (
        Section(
            "due", tuple(_due_link(d) for d in summary.due if d.note.path in paths), "nothing-due"
        ),
        Section(
            "entrepreneurs",
            tuple(
                _person_link(p.person) for p in summary.people if person_id(p.person.name) in people
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
        Section("meetings", tuple(note_link(n) for n in meetings if n and n.path in paths)),
        Section(
            "decisions",
            tuple(
                decision_link(
                    e.source.note, e.decision.text, _published(e.successor, paths), e.status
                )
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
    return Page("index.html", "home", "home", page_digest(opt, sections), sections=sections)


def _published(successor: Successor | None, paths: set[str]) -> Successor | None:
    """The successor when its note is in the site: a link must lead to a page."""
    return successor if successor and successor.source.note.path in paths else None


def _due_link(due: Due, referent: str | None = None) -> Link:
    """What is due about a note: the check's key is named by the page, as `suivi` names it."""
    parts = (referent if referent is not None else due.referent or "", iso(day_of(due.since)))
    title = due.note.title or due.note.id
    if due.about:  # an action: what it is and its id (`action faite`), then where it was given
        parts, title = (*parts, title), f"{due.about} ({due.target})"
    return Link(note_url(due.note.path), title, " · ".join(p for p in parts if p), state=due.kind)


def _person_link(person: Entrepreneur) -> Link:
    parts = (person.referent or "", iso(person.last_contact) or "")
    return Link(
        person_url("entrepreneurs", person.name), person.name, " · ".join(p for p in parts if p)
    )
