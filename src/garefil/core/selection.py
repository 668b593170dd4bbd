"""Which notes a filter keeps, and in what order: the rules `list`, `search`, `tags` and the
sommaire share. Apart from the notes' use cases (core/notes.py), so that a search, which only
filters and orders what the index found, does not load note creation and editing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from .dates import day_of
from .fields import check_filters, has_field
from .model import Listing, Note, NoteFilter, TagCount
from .notetypes import canonical_type
from .text import fold, same_person

TYPE_CHECKING = False  # a search orders what the index ranked: the requests' rules not needed
if TYPE_CHECKING:
    from .requests import Recorded


def matches(note: Note, wanted: NoteFilter) -> bool:
    """Whether `note` passes every non-empty criterion of `wanted`."""
    day = day_of(note.date)
    return (
        (not wanted.types or canonical_type(note.type) in map(canonical_type, wanted.types))
        and all(tag in note.tags for tag in wanted.tags)
        and (wanted.entrepreneur is None or same_person(note.entrepreneur, wanted.entrepreneur))
        and (wanted.referent is None or same_person(note.referent, wanted.referent))
        and (wanted.status is None or fold(note.status or "") == fold(wanted.status))
        and (wanted.since is None or (day is not None and day >= wanted.since))
        and (wanted.until is None or (day is not None and day <= wanted.until))
        and all(has_field(note, key, value) for key, value in wanted.fields)
    )


def by_date(notes: Iterable[Note], recorded: Recorded | None = None) -> list[Note]:
    """Newest first; undated notes last, then by path so the order is stable. Within a day,
    by the header's time, else when git first recorded the note (`recorded`), as `demandes`."""
    from .requests import arrival

    notes = list(notes)
    dated = sorted((n for n in notes if n.date), key=lambda n: n.path)
    dated.sort(key=lambda n: arrival(n, recorded or {}), reverse=True)
    return dated + sorted((n for n in notes if not n.date), key=lambda n: n.path)


def select(
    listing: Listing,
    wanted: NoteFilter,
    limit: int | None = None,
    recorded: Callable[[Sequence[str]], Recorded] = lambda paths: {},
) -> Listing:
    """Notes passing `wanted`, newest first, at most `limit`; problems are passed along.
    `recorded` (git's times) is asked only of the shown notes that share a day."""
    from .requests import undecided

    check_filters(listing.notes, wanted.fields)
    kept = by_date(n for n in listing.notes if matches(n, wanted))
    shown = _through_last_day(kept, limit)
    shown = by_date(shown, recorded(undecided(shown)))
    return Listing(tuple(shown[:limit] if limit else shown), listing.problems)


def _through_last_day(notes: list[Note], limit: int | None) -> list[Note]:
    """The first `limit` of `notes` (newest first) and the others of the last one's day, whose
    order within that day decides which are shown."""
    if not limit or limit >= len(notes):
        return notes
    last = day_of(notes[limit - 1].date)
    end = limit
    while end < len(notes) and last is not None and day_of(notes[end].date) == last:
        end += 1
    return notes[:end]


def tag_counts(tags: Iterable[tuple[str, ...]]) -> list[TagCount]:
    """Each tag with the number of notes carrying it (`tags`: each note's), most used first."""
    return ranked_tags(Counter(tag for note_tags in tags for tag in note_tags).items())


def ranked_tags(counts: Iterable[tuple[str, int]]) -> list[TagCount]:
    """(tag, number of notes) pairs as tag counts, most used first."""
    ranked = sorted(counts, key=lambda item: (-item[1], item[0]))
    return [TagCount(tag, count) for tag, count in ranked]
