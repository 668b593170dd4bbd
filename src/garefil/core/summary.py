"""The gare centrale as a value: what SOMMAIRE.md and its pages show, with no Markdown in it.

`build` turns the notes the catalogue holds (never a walk over the files) into a `Summary`:
what is due (the `suivi` checks), the entrepreneurs with their référent and last contact, the
pads, the meetings, the recent decisions, the tags, the documents, and one page's worth of
content per entrepreneur, tag and référent. A renderer (a port: Markdown pages today, an HTML
site tomorrow) turns it into files; `refresh_pages` writes only the files whose bytes changed
and removes the pages nobody needs any more.

The same notes on the same day give the same bytes: no clock is written, and every list has a
stable order. The day matters only through what it makes due (`suivi`) and which meeting is
next. The pages are regenerated after each writing command and after `sync` merged the team's
work, and recorded in the same commit (SummaryOnCommit); they are never merged.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Protocol

from .dates import day_of
from .documents import Filed, filed
from .entrepreneurs import Entrepreneur, entrepreneurs
from .errors import GarefilError
from .followup import Context, Due, Written, followup, thresholds
from .meetings import Choice, coming, history, present_members, propose, slot
from .model import Listing, Note
from .notebook import GENERATED_PAGES, Notebook
from .notes import scan
from .notetypes import is_type
from .pads import Pad, pads
from .people import one_spelling
from .register_list import DecisionEntry, decision_entries
from .selection import by_date, tag_counts
from .text import person_id, person_key, slugify

SUMMARY_FILE, PAGES_DIR = GENERATED_PAGES
GENERATED = (SUMMARY_FILE, PAGES_DIR + "/")  # for sync: regenerated, never merged
RECENT_DECISIONS = 15


@dataclass(frozen=True)
class Meetings:
    """The coming meeting (core/meetings.py): its note if written already, its day; the roles
    the fair rotation proposes while its note names none; and the last meeting held before it."""

    last: Note | None = None
    next: Note | None = None
    next_start: datetime | None = None
    roles: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class PersonPage:
    """An entrepreneur's page: their line in the sommaire and their thread (notes, oldest
    first), with their documents and pads."""

    key: str  # the page's name: the person's name as a slug, unique in the summary
    person: Entrepreneur
    thread: tuple[Note, ...] = ()
    documents: tuple[Filed, ...] = ()
    pads: tuple[Pad, ...] = ()
    detailed: bool = True  # False: outside the scope of this update, its page is kept as is


@dataclass(frozen=True)
class ReferentPage:
    """A référent's page: the entrepreneurs they follow and what is due for them."""

    key: str
    name: str
    people: tuple[PersonPage, ...] = ()
    due: tuple[Due, ...] = ()


@dataclass(frozen=True)
class TagPage:
    """A tag's page: how many notes carry it, and those notes, newest first."""

    key: str
    tag: str
    count: int
    notes: tuple[Note, ...] = ()
    detailed: bool = True


@dataclass(frozen=True)
class Summary:
    """Everything the gare centrale shows, in a stable order."""

    name: str
    due: tuple[Due, ...] = ()
    people: tuple[PersonPage, ...] = ()
    referents: tuple[ReferentPage, ...] = ()
    pads: tuple[Pad, ...] = ()
    meetings: Meetings = Meetings()
    decisions: tuple[DecisionEntry, ...] = ()
    tags: tuple[TagPage, ...] = ()
    documents: tuple[Filed, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)  # sections other modules add

    def person(self, name: str | None) -> PersonPage | None:
        """The page of the entrepreneur `name` (any spelling of it), if they have one."""
        wanted = person_id(name or "")
        return next((p for p in self.people if person_id(p.person.name) == wanted), None)

    def referent(self, name: str | None) -> ReferentPage | None:
        """The page of the référent `name`, if they have one."""
        wanted = person_id(name or "")
        return next((r for r in self.referents if person_id(r.name) == wanted), None)


@dataclass(frozen=True)
class Scope:
    """What one change can move: the pages of these people (person keys) and tags, beside the
    pages every change rebuilds (SOMMAIRE.md, what is due, the référents)."""

    people: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()

    @classmethod
    def of(cls, notes: Iterable[Note]) -> Scope:
        """The scope of a change to `notes` (their versions before and after it)."""
        notes = list(notes)
        people = {person_id(n.entrepreneur) for n in notes if n.entrepreneur}
        return cls(frozenset(people), frozenset(t for n in notes for t in n.tags))


class PageRenderer(Protocol):
    """Turns a Summary into files: {path relative to the notebook: bytes, or None for a page
    left as it is (outside the scope of an update)}."""

    def pages(self, summary: Summary) -> dict[str, bytes | None]:
        """Every generated file, SUMMARY_FILE first."""


def build(
    notebook: Notebook,
    notes: Sequence[Note],
    today: date,
    scope: Scope | None = None,
    written: Written = lambda paths: {},
    now: datetime | None = None,
) -> Summary:
    """The summary of `notes` (as the catalogue holds them) on `today`; with `scope`, only the
    pages it names are detailed (the others are kept as they are); `written` dates the drafts
    as `suivi` does; `now`, the moment of `today` it is (its start when not given)."""
    config = notebook.config
    notes = one_spelling(notes, config.members)  # a person written two ways: one page
    context = Context(tuple(notes), config, thresholds(config.suivi), today, written=written)
    due = tuple(item for group in followup(context) for item in group.items)
    documents = filed(notes, notebook.root)
    found_pads = tuple(pads(notes))
    people = _people(notes, today, documents, found_pads, scope)
    return Summary(
        name=config.name,
        due=due,
        people=people,
        referents=_referents(people, due, config.members),
        pads=found_pads,
        meetings=meetings(notes, now or today, config.meeting, config.members),
        decisions=recent_decisions(notes),
        tags=_tags(notes, scope),
        documents=tuple(documents),
    )


def _people(
    notes: Sequence[Note],
    today: date,
    documents: list[Filed],
    found_pads: tuple[Pad, ...],
    scope: Scope | None,
) -> tuple[PersonPage, ...]:
    threads: dict[str, list[Note]] = {}
    for note in notes:
        if note.entrepreneur:
            threads.setdefault(person_id(note.entrepreneur), []).append(note)
    pages, keys = [], _Keys()
    for person in entrepreneurs(notes, today):
        mine = person_id(person.name)
        if scope is not None and mine not in scope.people:
            pages.append(PersonPage(keys.unique(person.name), person, detailed=False))
            continue
        pages.append(
            PersonPage(
                keys.unique(person.name),
                person,
                tuple(reversed(by_date(threads.get(mine, ())))),
                tuple(d for d in documents if person_id(d.note.entrepreneur or "") == mine),
                tuple(p for p in found_pads if person_id(p.note.entrepreneur or "") == mine),
            )
        )
    return tuple(pages)


def _referents(
    people: tuple[PersonPage, ...], due: tuple[Due, ...], members: Iterable[str]
) -> tuple[ReferentPage, ...]:
    names: dict[str, str] = {person_id(m): m for m in members if person_id(m)}
    for page in people:
        name = page.person.referent
        if name and person_id(name):
            names.setdefault(person_id(name), name)
    keys = _Keys()
    return tuple(
        ReferentPage(
            keys.unique(names[key]),
            names[key],
            tuple(p for p in people if person_id(p.person.referent or "") == key),
            tuple(d for d in due if person_id(d.referent or "") == key),
        )
        for key in sorted(names, key=lambda key: person_key(names[key]))
    )


def meetings(
    notes: Iterable[Note], now: date, setting: dict[str, str], members: Sequence[str]
) -> Meetings:
    """The coming meeting by the one rule of core/meetings.py, and the last one held before
    it; the roles proposed only while the coming meeting's note does not name them. `now` is
    the moment, as the home screen and `roles` take it: once the meeting's slot is over, the
    meeting held today is the last one, not the next (a day alone is taken at its start)."""
    held = _held(notes)
    moment = now if isinstance(now, datetime) else datetime.combine(now, time.min)
    upcoming = coming(slot(setting), moment, held)
    day = upcoming.start.date()
    past = [n for n in held if day_of(n.date) < day]
    last = max(past, key=lambda n: (day_of(n.date), n.path), default=None)
    present = present_members(list(members), ())
    named = upcoming.note is not None and upcoming.note.roles
    roles = () if named or not present else tuple(propose(history(held, day), present))
    return Meetings(last, upcoming.note, upcoming.start, roles)


def coming_start(notes: Iterable[Note], setting: dict[str, str], now: datetime) -> datetime | None:
    """When the coming meeting starts, as `meetings` finds it (None: the team's slot cannot be
    read): the site's lists are made again when it moves on."""
    try:
        return coming(slot(setting), now, _held(notes)).start
    except ValueError:
        return None


def _held(notes: Iterable[Note]) -> list[Note]:
    """The meeting notes with a day."""
    return [n for n in notes if is_type(n, "reunion") and day_of(n.date) is not None]


def recent_decisions(notes: Iterable[Note]) -> tuple[DecisionEntry, ...]:
    """The latest decisions of the register, newest note first, with their status as of now
    (at most RECENT_DECISIONS)."""
    entries = decision_entries(n for n in notes if n.decisions)
    return tuple(reversed(entries[-RECENT_DECISIONS:]))


def _tags(notes: Sequence[Note], scope: Scope | None) -> tuple[TagPage, ...]:
    tagged: dict[str, list[Note]] = {}
    for note in notes:
        for tag in note.tags:
            tagged.setdefault(tag, []).append(note)
    keys = _Keys()
    counts = tag_counts(note.tags for note in notes)
    return tuple(
        TagPage(keys.unique(c.tag), c.tag, c.count, tuple(by_date(tagged[c.tag])))
        if scope is None or c.tag in scope.tags
        else TagPage(keys.unique(c.tag), c.tag, c.count, detailed=False)
        for c in counts
    )


class _Keys:
    """Page names, as slugs, made unique within one kind of page (`-2`, `-3`…)."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def unique(self, name: str) -> str:
        base = slugify(name) or "sans-nom"
        key, number = base, 1
        while key in self.taken:
            number += 1
            key = f"{base}-{number}"
        self.taken.add(key)
        return key


# -- keeping the files in step -------------------------------------------------------------------
def is_enabled(notebook: Notebook) -> bool:
    """Whether writing commands regenerate the pages: the team made a SOMMAIRE.md once (with
    `garefil sommaire`), and `[sommaire] auto` is not false."""
    return notebook.config.summary_auto and os.path.isfile(notebook.root / SUMMARY_FILE)


def is_generated(path: str) -> bool:
    """Whether the notebook-relative `path` is one of the generated pages."""
    return path == SUMMARY_FILE or path.startswith(PAGES_DIR + "/")


def refresh_pages(
    notebook: Notebook,
    notes: Sequence[Note],
    renderer: PageRenderer,
    today: date,
    scope: Scope | None = None,
    written: Written = lambda paths: {},
    now: datetime | None = None,
) -> list[str]:
    """Write the pages whose bytes changed and remove those no longer made; their paths.
    With `scope`, only the pages a change can move are made again."""
    wanted = renderer.pages(build(notebook, notes, today, scope, written, now))
    changed = [
        path for path, data in wanted.items() if data is not None and _differs(notebook, path, data)
    ]
    for path in changed:
        notebook.replace(path, wanted[path])  # type: ignore[arg-type]
    gone = [path for path in _existing_pages(notebook) if path not in wanted]
    for path in gone:
        notebook.remove(path)
    return sorted([*changed, *gone])


def _differs(notebook: Notebook, path: str, data: bytes) -> bool:
    try:
        return notebook.read_bytes(path) != data
    except OSError:
        return True


def _existing_pages(notebook: Notebook) -> list[str]:
    found = []
    for top, dirs, files in os.walk(notebook.root / PAGES_DIR):  # never into a linked folder
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                found.append(Path(top, name).relative_to(notebook.root).as_posix())
    return found


class SummaryOnCommit:
    """A Repository that regenerates the pages before each commit and records them with it,
    so that the sommaire and the change that moved it are one commit."""

    def __init__(
        self,
        inner: Any,
        notebook: Notebook,
        notes: Callable[[], Listing],
        renderer: PageRenderer,
        today: date,
        written: Written = lambda paths: {},
        now: datetime | None = None,
    ) -> None:
        self.inner, self.notebook, self.notes = inner, notebook, notes
        self.renderer, self.today, self.written, self.now = renderer, today, written, now

    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Commit `paths` and the pages they changed."""
        pages: list[str] = []
        if is_enabled(self.notebook):
            try:
                notes, scope = self._notes_after(paths)
                pages = refresh_pages(
                    self.notebook, notes, self.renderer, self.today, scope, self.written, self.now
                )
            except (GarefilError, OSError):
                pages = []  # the change itself is recorded; the next command rebuilds the pages
        extra = [self.notebook.root / page for page in pages]
        return self.inner.commit([*paths, *extra], message)

    def refresh(self, message: str, force: bool = False) -> list[str]:
        """Regenerate the pages from the notes as they are now and commit those that changed
        (after a merge; with `force`, even before the team made its first SOMMAIRE.md)."""
        if not (force or is_enabled(self.notebook)):
            return []
        notes = self.notes().notes
        pages = refresh_pages(
            self.notebook, notes, self.renderer, self.today, None, self.written, self.now
        )
        if pages:
            self.inner.commit([self.notebook.root / page for page in pages], message)
        return pages

    def _notes_after(self, paths: Sequence[Path]) -> tuple[list[Note], Scope]:
        """The notes as the listing knew them, with those at `paths` read again from disk, and
        the scope of the change (those notes before and after it)."""
        touched = set()
        for path in paths:
            try:
                touched.add(self.notebook.relative(path))
            except GarefilError:
                continue
        before = self.notes().notes
        kept = [n for n in before if n.path not in touched]
        present = sorted(p for p in touched if p.endswith(".md") and not is_generated(p))
        present = [p for p in present if os.path.isfile(self.notebook.root / p)]
        after = list(scan(self.notebook, present).notes)
        changed = [n for n in before if n.path in touched] + after
        return kept + after, Scope.of(changed)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
