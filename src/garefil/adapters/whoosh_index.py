"""The full-text engine: Whoosh (the `whoosh3` distribution), behind this one module.

Only the 2.7 API is used (no whoosh3-only call), so `whoosh-reloaded==2.7.5` remains a one-line
fallback in requirements (see docs/search.md). Whoosh is imported only by commands that search
or write the index: importing it costs about a tenth of a second.

What the index holds: one document per readable note, keyed by its path, with French-analysed
text fields (title and tags weigh more than the body) and exact fields for filters. Display data
(title, date, entrepreneur…) comes from the catalogue beside it, so nothing is stored here but
the path.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from whoosh import index
from whoosh.fields import DATETIME, ID, KEYWORD, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, DateRange, NullQuery, Or, Term

from garefil.adapters.french_analysis import CombinedText, FrenchAnalyzer, FrenchText
from garefil.adapters.whoosh_codec import LengthsAtHand
from garefil.adapters.whoosh_query import (
    EXTRA_PREFIX,
    parse,
    sought_in,
    spellings_once,
    without_absent,
)
from garefil.core.dates import day_of
from garefil.core.errors import IndexDamaged, InvalidQuery, OnlyCommonWords
from garefil.core.fields import FIELD_ONLY, is_nested, query_field
from garefil.core.index_model import Upsert
from garefil.core.model import Note, NoteFilter
from garefil.core.notetypes import canonical_type
from garefil.core.text import fold, holds_apostrophe, person_id

TYPE_CHECKING = False  # an update imports neither the search's values nor its ranking
if TYPE_CHECKING:
    from garefil.core.search import RawHit, Snippet, Sought

# A word that names no field is looked up once, in `text`: the title, tags and other values,
# body (with decisions and actions) and names together, each part weighing as much as it did as
# a field of its own (four fields per word made every query look up and merge four lists).
TEXT_PARTS = {"title": 3.0, "tagtext": 2.5, "body": 1.0, "people": 1.5}
BIG_BUILD = 2000  # from this many notes on, a full build uses every core
# A full build that uses every core commits a pair of segments every this many notes: each
# worker's postings then stay in memory. In one pair, at 100,000 notes, Whoosh sorted them
# through temporary files, pickling each one and reading it back: 196 s against 164 s.
BUILD_CHUNK = 10_000
# What each writing process may hold of its postings before Whoosh sorts them through temporary
# files, by Whoosh's own reckoning (about 170 bytes a posting, above what they take). Its default,
# 128, was already passed by half a chunk of the benchmark's notes (about 765,000 postings):
# a 10,000-note build spent 12.5 s writing instead of 7.4 s, for a peak of 272 MB a process
# against 287 MB without temporary files. 512 leaves room for notes twice as long.
WORKER_MEMORY_MB = 512
# Each update writes one small segment. Whoosh merges small segments as soon as six are there,
# which cost an update 0.1 to 0.3 s every fifth time at 10,000 notes; they are merged once this
# many are there instead (a search over 14 segments takes 2 to 4 ms more than over 6). Small:
# fewer notes than a full build puts in one segment.
PILED_UP = 12
SMALL_SEGMENT = 1000


def big_build() -> int:
    """BIG_BUILD, or $GAREFIL_BIG_BUILD (tests and benchmarks reach the worker path with it)."""
    return _setting("GAREFIL_BIG_BUILD", BIG_BUILD)


def build_chunk() -> int:
    """BUILD_CHUNK, or $GAREFIL_BUILD_CHUNK (tests reach several chunks with a few notes)."""
    return _setting("GAREFIL_BUILD_CHUNK", BUILD_CHUNK)


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def build_schema() -> Schema:
    """The index's fields; analyzers are stored by reference to french_analysis."""
    words = FrenchAnalyzer()
    names = FrenchAnalyzer(stemming=False, stop_words=False)
    schema = Schema(
        path=ID(stored=True, unique=True),
        type=ID(),
        status=ID(),
        tags=KEYWORD(commas=True, lowercase=True),
        entrepreneur_key=ID(),
        referent_key=ID(),
        date=DATETIME(),
        title=FrenchText(analyzer=words, phrase=True),
        tagtext=FrenchText(analyzer=words, phrase=True),
        text=CombinedText(analyzer=words, phrase=True),
        decisions=FrenchText(analyzer=words, phrase=True),
        actions=FrenchText(analyzer=words, phrase=True),
        entrepreneur=FrenchText(analyzer=names, phrase=True),
        referent=FrenchText(analyzer=names, phrase=True),
        participants=FrenchText(analyzer=names, phrase=True),
        author=FrenchText(analyzer=names, phrase=True),
    )
    schema.add(EXTRA_PREFIX + "*", FrenchText(analyzer=words, phrase=True), glob=True)
    return schema


class WhooshFullText:
    """A Whoosh index in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _open(self):
        # Segment files are read where they lie: with mmap, Whoosh copies each segment's whole
        # postings into memory when a reader opens (270 MB and 0.18 s at 100,000 notes).
        try:
            return FileStorage(str(self.folder), supports_mmap=False).open_index()
        except Exception as error:  # any failure means "rebuild it": the notes are the truth
            raise IndexDamaged() from error

    def write(
        self, upserts: Iterator[Upsert], removed: Iterable[str], rebuild: bool, expected: int
    ) -> None:
        """Apply the changes in one commit; `rebuild` fills a new, empty folder (with every core
        when large, committing every BUILD_CHUNK notes: readers see the folder once complete)."""
        from garefil.adapters.whoosh_writers import parallel_writer, segment_writer  # as NO_MERGE

        if rebuild:
            self.folder.mkdir(mode=0o700)  # fails rather than reuse a folder: never ours then
            ix = index.create_in(str(self.folder), build_schema())
        else:
            ix = self._open()
        if rebuild and expected >= big_build():
            with _interrupts_left_to_this_process(), _frozen_before_each_fork() as freeze:
                for chunk in _chunks(upserts, build_chunk()):
                    freeze()  # the objects read so far: this chunk's writers are forked next
                    writer = parallel_writer(ix, 2, limitmb=WORKER_MEMORY_MB, codec=LengthsAtHand())
                    try:
                        _add(writer, chunk, merge=False)
                    except BaseException:  # stopped while committing too: not left running
                        _stop_workers(writer)
                        raise
        else:
            writer = segment_writer(ix, codec=LengthsAtHand())
            _add(writer, upserts, removed=None if rebuild else removed)
        ix.close()

    def search(self, text: str, wanted: NoteFilter, limit: int | None) -> list[RawHit]:
        """Paths of the notes matching `text` and `wanted`, best first, with matched terms."""
        from garefil.adapters.whoosh_ranking import ranked
        from garefil.core.search import RawHit

        ix = self._open()
        try:
            try:
                query = parse(ix.schema, text)
            except Exception as error:  # the query's fault, not the index's: nothing rebuilt
                raise InvalidQuery(query=text) from error
            if query is NullQuery:  # "de la": every word was a stop word, none is sought
                raise OnlyCommonWords(query=text)
            # Highlighting needs the words sought, not which hit matched which: asking Whoosh
            # for per-hit terms (terms=True) would cost a pass over every matching note.
            sought = sought_in(query)
            with ix.searcher() as searcher:
                if holds_apostrophe(text):  # sought joined too: both_forms
                    query = without_absent(query, searcher.reader())
                    query = spellings_once(query, text, searcher)
                found = ranked(searcher, query, _filter(wanted), limit)
                path = searcher.stored_fields
                hits = [RawHit(path(docnum)["path"], score, sought) for score, docnum in found]
        finally:
            ix.close()
        # Equal scores in the order of the paths: Whoosh's is the order this clone's index
        # added the notes in, which differs from a teammate's.
        return sorted(hits, key=lambda hit: (-hit.score, hit.path))


def _add(
    writer, upserts: Iterable[Upsert], removed: Iterable[str] | None = None, merge: bool = True
) -> None:
    """Delete the old documents of `upserts` and `removed` (unless None: a new index), add the
    notes of `upserts`, and commit (or cancel everything on any failure)."""
    try:
        if removed is not None:
            upserts = _delete_first(writer, iter(upserts), removed)
        for upsert in upserts:
            if upsert.entry.note is not None:
                writer.add_document(**_document(upsert.entry.note, upsert.body))
    except BaseException:
        _cancel(writer)
        raise
    from whoosh.writing import NO_MERGE  # here: a search never writes (tempfile, sorting…)

    writer.commit(mergetype=_merge_when_piled_up if merge else NO_MERGE)


def _chunks(upserts: Iterator[Upsert], size: int) -> Iterator[Iterator[Upsert]]:
    """`upserts` in runs of `size`, each consumed before the next is asked for."""
    while True:
        first = next(upserts, None)
        if first is None:
            return
        yield itertools.chain((first,), itertools.islice(upserts, size - 1))


@contextlib.contextmanager
def _interrupts_left_to_this_process() -> Iterator[None]:
    """While a build on every core runs: Ctrl-C reaches the whole process group, and each
    writing process forked from this one would stop with a traceback of its own. They inherit
    this handler, under which they let it pass; this process stops them (_cancel) and the
    command says it once."""
    if threading.current_thread() is not threading.main_thread():  # only there can one be set
        yield
        return
    parent, previous = os.getpid(), signal.getsignal(signal.SIGINT)

    def interrupted(number, frame) -> None:
        if os.getpid() != parent:
            return  # a writing process: this process ends it
        if callable(previous):
            previous(number, frame)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextlib.contextmanager
def _frozen_before_each_fork() -> Iterator[Callable[[], None]]:
    """While a build on every core runs: the objects this process holds when a pair of writing
    processes is forked are moved out of the garbage collector's reach (gc.freeze), so that
    neither this process's collections nor theirs walk them again, each walk copying pages fork
    had left shared (100,000 notes: 3.5 s of CPU and 2 s of the build saved). They are given back
    to the collector at the end, for a process that goes on."""
    import gc

    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _cancel(writer) -> None:
    """Abandon a write; the workers of a parallel build are stopped first (Whoosh only flags its
    own copy of them: they would wait for work forever, keeping the command alive, or fail on
    the temporary files the cancel removes)."""
    try:
        _stop_workers(writer)
    finally:
        writer.cancel()


def _stop_workers(writer) -> None:
    """End the writing processes of a parallel build, if any are left, and let this process
    exit without flushing work to them (its queue's thread would wait for a reader)."""
    for task in getattr(writer, "tasks", ()):
        if task.pid is not None:  # not when stopped as it was being started
            task.terminate()
            task.join()
    for queue in (getattr(writer, "jobqueue", None), getattr(writer, "resultqueue", None)):
        if queue is not None:
            queue.cancel_join_thread()


def _merge_when_piled_up(writer, segments: list) -> list:
    """Whoosh's merge policy for small segments, applied once PILED_UP small ones are there."""
    from whoosh.writing import MERGE_SMALL

    small = [segment for segment in segments if segment.doc_count_all() < SMALL_SEGMENT]
    return MERGE_SMALL(writer, segments) if len(small) >= PILED_UP else segments


def _delete_first(writer, upserts: Iterator[Upsert], removed: Iterable[str]) -> list[Upsert]:
    """Delete the old documents of changed and removed notes, sharing one searcher: Whoosh's
    update_document opens one per call, which was most of an incremental update's cost."""
    changed = list(upserts)
    with writer.searcher() as searcher:
        for path in [*removed, *(upsert.entry.state.path for upsert in changed)]:
            writer.delete_by_term("path", path, searcher=searcher)
    return changed


def _document(note: Note, body: str) -> dict[str, object]:
    day = day_of(note.date)
    decisions = "\n".join(d.text for d in note.decisions)
    actions = "\n".join(f"{a.who or ''} {a.what}" for a in note.actions)
    # Other front-matter values are found by plain words too, weighing like tags.
    tagtext = "\n".join(
        [" ".join(note.tags)]
        + [
            v
            for name, vs in note.extra_fields
            if not is_nested(name) and name not in FIELD_ONLY
            for v in vs
        ]
    )
    document: dict[str, object] = {
        "path": note.path,
        "type": canonical_type(note.type),  # « Demande », « compte-rendu »: the type they are
        "title": note.title,
        "tags": ",".join(note.tags),
        "tagtext": tagtext,
        "text": _text(note, tagtext, "\n".join([body, decisions, actions])),
        "decisions": decisions,
        "actions": actions,
        "entrepreneur": note.entrepreneur or "",
        "referent": note.referent or "",
        "participants": "\n".join(note.participants),
        "author": note.author or "",
    }
    for name, values in note.extra_fields:
        document[EXTRA_PREFIX + query_field(name)] = "\n".join(values)
    for key, value in (
        ("status", note.status),
        ("entrepreneur_key", _key(note.entrepreneur)),
        ("referent_key", _key(note.referent)),
    ):
        if value:
            document[key] = fold(value) if key == "status" else value
    if day:
        document["date"] = datetime.combine(day, datetime.min.time())
    return document


def _text(note: Note, tagtext: str, body: str) -> list[tuple[float, str]]:
    """The parts of the combined `text` field, each with its weight (see TEXT_PARTS)."""
    people = (note.entrepreneur, note.referent, note.author, *note.participants)
    parts = {
        "title": note.title,
        "tagtext": tagtext,
        "body": body,
        "people": "\n".join(p for p in people if p),
    }
    return [(TEXT_PARTS[name], value) for name, value in parts.items()]


def _key(name: str | None) -> str | None:
    """A person's name as an exact filter key, compared as `same_person` compares names: one
    key for every spelling (« Fatou N'Diaye », « Fatou Ndiaye » → fatoundiaye)."""
    return person_id(name) if name else None


def _filter(wanted: NoteFilter):
    parts = [Term("tags", tag) for tag in wanted.tags]
    if wanted.types:
        parts.append(Or([Term("type", canonical_type(t)) for t in wanted.types]))
    if wanted.entrepreneur:
        parts.append(Term("entrepreneur_key", _key(wanted.entrepreneur)))
    if wanted.referent:
        parts.append(Term("referent_key", _key(wanted.referent)))
    if wanted.status:
        parts.append(Term("status", fold(wanted.status)))
    if wanted.since or wanted.until:
        parts.append(DateRange("date", _at(wanted.since), _at(wanted.until)))
    return And(parts) if parts else None


def _at(day: date | None) -> datetime | None:
    return datetime.combine(day, datetime.min.time()) if day else None


def snippet(body: str, sought: Sought) -> Snippet:
    """The passage of `body` that best shows what was `sought`, with the spans of its words."""
    from garefil.core.search import make_snippet

    text = unicodedata.normalize("NFC", body)
    return make_snippet(text, FrenchAnalyzer().find(text, sought))
