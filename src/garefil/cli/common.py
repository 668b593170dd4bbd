"""Helpers shared by commands: the fresh index behind every read, and the note filter options."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import cache

from garefil.core.conflict_copies import (
    is_conflict_copy,
    items_only_in_copies,
    without_conflict_copies,
)
from garefil.core.dates import day_of, parse_date
from garefil.core.errors import BlankTag, GitIdentityMissing, ReversedDates
from garefil.core.index_model import IndexReport
from garefil.core.indexing import refresh
from garefil.core.model import Listing, Note, NoteFilter, TagCount
from garefil.core.notebook import Notebook
from garefil.core.notetypes import find_type
from garefil.core.text import normalize_tags
from garefil.i18n import _, ngettext

from . import render
from .context import Services

LONG_WORK = 300  # notes to (re)index from which a progress bar is worth drawing


def author(repository) -> str | None:
    """The coach git knows as the author, or None: what they write is written all the same,
    and the commit that records it says what to do."""
    try:
        return repository.author_name()
    except GitIdentityMissing:
        return None


def fresh_index(services: Services, notebook: Notebook, rebuild: bool = False) -> IndexReport:
    """Bring the index up to date (quietly, with a progress bar on long builds); the waiting
    conflicts are said unless the command reports them itself (`services.reports_conflicts`)."""
    with progress_when_long(_("Indexing")) as progress:
        report = refresh(notebook, services.index(notebook), progress, rebuild=rebuild)
    services.last_report = report  # it also knows when git recorded each note
    announce_once(services, report)
    return report


def announce_once(services: Services, report: IndexReport) -> None:
    """`announce`, the waiting conflicts said once a command however often it reads the index
    (a note written, then the sommaire rebuilt from the notes, then the register read)."""
    announce(report, conflicts=not services.reports_conflicts)
    services.reports_conflicts = True


@contextlib.contextmanager
def progress_when_long(label: str, long: int = LONG_WORK) -> Iterator[Callable[[int, int], None]]:
    """A progress callback whose bar (and Rich) is set up only once there is long work to show
    (`long` items or more), at a terminal only: most commands find the index fresh and never
    draw one."""
    with contextlib.ExitStack() as stack:
        shown: list[Callable[[int, int], None]] = []

        def advance(done: int, total: int) -> None:
            if total < long:
                return
            if not shown:
                shown.append(stack.enter_context(render.progress(label, threshold=long)))
            shown[0](done, total)

        yield advance


def rebuild_notice(reason: str, notes: int) -> str | None:
    """What to say about an index rebuilt for `reason` (None: nothing to say), with its count
    in the right grammatical number (French says « 0 note », « 1 note »)."""
    if reason == "missing" and notes == 0:
        # An index of nothing is no news, and the first `new` would say « 0 note » just before
        # saying which note it wrote.
        return None
    notices = {
        "missing": ngettext(
            "Search index created: {notes} note.", "Search index created: {notes} notes.", notes
        ),
        "damaged": ngettext(
            "The search index was damaged; rebuilt from the notes: {notes} note.",
            "The search index was damaged; rebuilt from the notes: {notes} notes.",
            notes,
        ),
        "outdated": ngettext(
            "The search index was from another version; rebuilt: {notes} note.",
            "The search index was from another version; rebuilt: {notes} notes.",
            notes,
        ),
        "unsafe": _(
            "A link or a file that is not garefil's stands where the search index goes "
            "(.garefil, .garefil/index or .garefil/index.lock): it was left alone and a temporary "
            "index served this command. Remove it with `git rm`, then `garefil sync`."
        ),
        # Only the derived index is concerned: the notes may well have been written.
        "read-only": _(
            "The search index cannot be written here (.garefil/index): a temporary index "
            "served this command."
        ),
    }
    return notices[reason].format(notes=notes) if reason in notices else None


def announce(report: IndexReport, conflicts: bool = True) -> None:
    """What every read command says after refreshing: a rebuild nobody asked for, and the
    conflicts still waiting to be resolved (unless `conflicts` is False)."""
    # Counting the notes asks the catalogue about every file: only a rebuild says how many.
    notice = report.rebuilt_because and rebuild_notice(report.rebuilt_because, report.notes)
    if notice:
        render.info(notice)
    waiting = report.conflicts() if conflicts else ()
    if waiting:
        render.problem_line(
            ngettext(
                "{n} conflict to resolve: see `garefil status`.",
                "{n} conflicts to resolve: see `garefil status`.",
                len(waiting),
            ).format(n=len(waiting))
        )


def indexed_listing(services: Services, notebook: Notebook) -> Listing:
    """Every note and problem of the notebook, as the (fresh) index knows them."""
    return _indexed(services, notebook)[2]


def named_notes(notebook: Notebook, report: IndexReport) -> dict[str, str]:
    """What a reference to a note is matched against (`show k7m3q`), conflict copies left out:
    the ids the catalogue holds in a column, no note decoded (at 10,000 notes, decoding every
    note to find one cost `show` two thirds of its time)."""
    from garefil.core.references import names  # here: `search` and `list` never resolve one

    ids = {path: note_id for path, note_id in report.ids().items() if not is_conflict_copy(path)}
    return names(notebook, ids, report.problems())


def indexed_with_copies(services: Services, notebook: Notebook) -> tuple[Listing, tuple[Note, ...]]:
    """`indexed_listing`, and the conflict copies holding decisions or actions their notes
    have not, with those items alone (core/conflict_copies.py)."""
    _report, listing, copies = refreshed_with_copies(services, notebook)
    return listing, copies


def refreshed_with_copies(
    services: Services, notebook: Notebook
) -> tuple[IndexReport, Listing, tuple[Note, ...]]:
    """`indexed_with_copies`, with the report of the refresh that gave them (its conflicts)."""
    report, whole, listing = _indexed(services, notebook)
    return report, listing, items_only_in_copies(whole.notes)


def _indexed(services: Services, notebook: Notebook) -> tuple[IndexReport, Listing, Listing]:
    """The (fresh) index's report, its listing with its conflict copies, and without them
    (kept)."""
    report = fresh_index(services, notebook)
    whole = report.listing()
    services.last_listing = listing = without_conflict_copies(whole)
    return report, whole, listing


def resolved(
    notebook: Notebook, wanted: NoteFilter, listing: Listing | Callable[[], Listing]
) -> NoteFilter:
    """`wanted` with the people it designates and its status checked, among the notes of
    `listing` (or of the listing it returns, asked only if a person must be found)."""
    from garefil.core.filtering import Known, resolve_filter  # `index` filters nothing

    notes = listing if callable(listing) else (lambda: listing)
    return resolve_filter(wanted, Known(notebook.config, lambda: notes().notes))


def candidates(
    services: Services, notebook: Notebook, wanted: NoteFilter
) -> tuple[NoteFilter, Listing]:
    """`wanted` resolved against the notes, and the notes that may pass it: only those whose
    type, tags and dates pass (the catalogue's SQLite columns say which) are decoded, unless a
    filter on any front-matter field needs every note. The caller still checks each note with
    `select`."""
    report = fresh_index(services, notebook)
    whole = cache(lambda: without_conflict_copies(report.listing()))
    resolved_filter = resolved(notebook, wanted, whole)
    paths = None if wanted.fields else report.passing(resolved_filter)
    if paths is None:
        return resolved_filter, whole()
    return resolved_filter, without_conflict_copies(report.listing(only=paths))


def indexed_tags(services: Services, notebook: Notebook) -> tuple[list[TagCount], Listing]:
    """How many notes carry each tag, and the files that could not be read: from the
    catalogue's columns, no note decoded."""
    from garefil.core.selection import ranked_tags  # `tags` only: `index` need not import it

    report = fresh_index(services, notebook)
    return ranked_tags(report.tag_counts()), Listing((), report.problems())


def note_filter(
    notebook: Notebook,
    types: list[str] | None,
    tags: list[str] | None,
    entrepreneur: str | None,
    referent: str | None,
    status: str | None,
    since: str | None,
    until: str | None,
) -> NoteFilter:
    """The filter the options describe (types known, tags normalised, dates checked); people
    and statuses are resolved against the notes by `resolved`, or by the search itself."""
    if any(not tag.strip() for tag in tags or ()):
        raise BlankTag()  # normalised away, it would have listed every note
    wanted = NoteFilter(
        types=tuple(find_type(t, notebook.config.types).name for t in types or ()),
        tags=normalize_tags(tags or (), notebook.config.synonyms),
        entrepreneur=entrepreneur,
        referent=referent,
        status=status,
        since=day_of(parse_date(since)) if since is not None else None,
        until=day_of(parse_date(until)) if until is not None else None,
    )
    in_order(wanted.since, wanted.until)
    return wanted


def in_order(since: date | None, until: date | None) -> None:
    """ReversedDates when the period ends before it starts: else « nothing matches », as if
    the notes were missing."""
    if since and until and since > until:
        raise ReversedDates(since=since, until=until)


def say_unreadable_dates(notes: Iterable[Note]) -> None:
    """One line when notes have a date nobody can read: they are listed, sorted and filtered by
    their file name's date or as undated, which nobody meant; `jardin` shows each one."""
    count = sum(any(remark[0] == "date" for remark in note.remarks) for note in notes)
    if count:
        render.problem_line(
            ngettext(
                "{n} note has a date nobody can read: `garefil jardin` shows where.",
                "{n} notes have a date nobody can read: `garefil jardin` shows where.",
                count,
            ).format(n=count)
        )
