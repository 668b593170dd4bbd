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

import itertools
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from whoosh import index
from whoosh.fields import DATETIME, ID, KEYWORD, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, DateRange, NullQuery, Or, Phrase, Term
from whoosh.writing import MERGE_SMALL, NO_MERGE

from garefil.adapters.french_analysis import CombinedText, FrenchAnalyzer, FrenchText
from garefil.core.dates import day_of
from garefil.core.errors import IndexDamaged, InvalidQuery, OnlyCommonWords
from garefil.core.fields import is_nested, query_field
from garefil.core.indexing import Upsert
from garefil.core.model import Note, NoteFilter
from garefil.core.text import fold, person_key

TYPE_CHECKING = False  # an update imports neither the search's values nor its ranking
if TYPE_CHECKING:
    from garefil.core.search import RawHit, Snippet

# A word that names no field is looked up once, in `text`: the title, tags and other values,
# body (with decisions and actions) and names together, each part weighing as much as it did as
# a field of its own (four fields per word made every query look up and merge four lists).
TEXT_PARTS = {"title": 3.0, "tagtext": 2.5, "body": 1.0, "people": 1.5}
ALIASES = {
    "text": ["body", "texte"],
    "tags": ["tag", "etiquette", "étiquette"],
    "title": ["titre"],
    "status": ["etat", "état", "statut"],
    "author": ["auteur"],
    "entrepreneur": ["ent"],
    "referent": ["ref", "référent"],
}
HIGHLIGHTED = frozenset({"title", "tagtext", "text", "decisions", "actions"})
# Other front-matter keys (core/fields.py) are fields of their own, `lieu` indexed as `fm_lieu`:
# the prefix keeps a notebook's key from ever colliding with one of the fields above.
EXTRA_PREFIX = "fm_"
BIG_BUILD = 2000  # from this many notes on, a full build uses every core
# A full build that uses every core commits a pair of segments every this many notes: each
# worker's postings then stay in memory. In one pair, at 100,000 notes, Whoosh sorted them
# through temporary files, pickling each one and reading it back: 196 s against 164 s.
BUILD_CHUNK = 10_000
# Each update writes one small segment. Whoosh merges small segments as soon as six are there,
# which cost an update 0.1 to 0.3 s every fifth time at 10,000 notes; they are merged once this
# many are there instead (a search over 14 segments takes 2 to 4 ms more than over 6). Small:
# fewer notes than a full build puts in one segment.
PILED_UP = 12
SMALL_SEGMENT = 1000
# Words of letters and digits only, none of them an operator: no syntax for the parser to read.
_PLAIN_WORDS = re.compile(r"[^\W_]+(?: [^\W_]+)*")
_WITH_PHRASES = re.compile(r'\((?P<words>[^()"]*)\)(?P<phrases>(?: OR "[^"\n]*")+)')
_PHRASE = re.compile(r'"([^"\n]*)"')  # the parser's phrases end with the line
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ET", "OU", "SAUF"})


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
        if rebuild:
            self.folder.mkdir(mode=0o700)  # fails rather than reuse a folder: never ours then
            ix = index.create_in(str(self.folder), build_schema())
        else:
            ix = self._open()
        if rebuild and expected >= big_build():
            for chunk in _chunks(upserts, build_chunk()):
                _add(ix.writer(procs=2, multisegment=True, limitmb=128), chunk, merge=False)
        else:
            _add(ix.writer(), upserts, removed=None if rebuild else removed)
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
            sought = frozenset(
                t.decode("utf-8") if isinstance(t, bytes) else str(t)
                for field, t in query.iter_all_terms()
                if field in HIGHLIGHTED
            )
            with ix.searcher() as searcher:
                found = ranked(searcher, query, _filter(wanted), limit)
                path = searcher.stored_fields
                return [RawHit(path(docnum)["path"], score, sought) for score, docnum in found]
        finally:
            ix.close()


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
    writer.commit(mergetype=_merge_when_piled_up if merge else NO_MERGE)


def _chunks(upserts: Iterator[Upsert], size: int) -> Iterator[Iterator[Upsert]]:
    """`upserts` in runs of `size`, each consumed before the next is asked for."""
    while True:
        first = next(upserts, None)
        if first is None:
            return
        yield itertools.chain((first,), itertools.islice(upserts, size - 1))


def _cancel(writer) -> None:
    """Abandon a write; the workers of a parallel build are stopped too (Whoosh only flags its
    own copy of them, and they would wait for work forever, keeping the command alive)."""
    try:
        writer.cancel()
    finally:
        for task in getattr(writer, "tasks", ()):
            task.terminate()
            task.join()


def _merge_when_piled_up(writer, segments: list) -> list:
    """Whoosh's merge policy for small segments, applied once PILED_UP small ones are there."""
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
        + [v for name, vs in note.extra_fields if not is_nested(name) for v in vs]
    )
    document: dict[str, object] = {
        "path": note.path,
        "type": note.type,
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
    """A person's name as an exact filter key, compared as `same_person` compares names."""
    return person_key(name) if name else None


def parse(schema: Schema, text: str):
    """The query `text` asks for, read by Whoosh's parser, whose import and plugins cost a new
    process about 7 ms; except the two shapes searches take most, built directly as the parser
    builds them (tests/test_properties.py compares both): plain words, one exact phrase, and
    plain words ORed with phrases, as core/search.py adds a tag's synonyms
    ("(pôle emploi) OR "france travail"")."""
    analyzer = schema["text"].analyzer
    words = _plain_words(text)
    if words is not None:
        return _all_of(analyzer, words)
    phrase = _PHRASE.fullmatch(text.strip())
    words = phrase and _plain_words(phrase[1])
    if words:
        return Phrase("text", _terms(analyzer, words)).normalize()
    shape = _WITH_PHRASES.fullmatch(text.strip())
    if shape is not None:
        words = _plain_words(shape["words"])
        phrases = [_plain_words(phrase) for phrase in _PHRASE.findall(shape["phrases"])]
        if words is not None and None not in phrases:
            found = [_all_of(analyzer, words)]
            found += [Phrase("text", _terms(analyzer, phrase)) for phrase in phrases]
            return Or(found).normalize()
    return _parser(schema).parse(text)


def _plain_words(text: str) -> list[str] | None:
    """The words of `text` if it is plain words (letters and digits, no operator), else None."""
    words = text.split()
    if words and _PLAIN_WORDS.fullmatch(" ".join(words)) and _OPERATORS.isdisjoint(words):
        return words
    return None


def _terms(analyzer, words: list[str]) -> list[str]:
    return [term for term in map(analyzer.term, words) if term]


def _all_of(analyzer, words: list[str]):
    return And([Term("text", term) for term in _terms(analyzer, words)]).normalize()


def _parser(schema: Schema):
    from whoosh import qparser  # only searches need the parser (a tenth of Whoosh's import)

    # One default field analysed as text: a stop word ("mise en oeuvre") is dropped from the
    # query, never required through a name field that keeps stop words ("de la Fontaine").
    parser = qparser.QueryParser("text", schema)
    # + and - count only before a word: "pole-emploi" is a compound, not "pole NOT emploi".
    parser.add_plugin(_exclusions_plugin()(r"(?<![^\s(])\+", r"(?<![^\s(])-"))
    parser.add_plugin(qparser.FieldAliasPlugin(ALIASES))
    parser.add_plugin(_ExtraFieldsPlugin(frozenset(schema.names())))
    parser.replace_plugin(
        qparser.OperatorsPlugin(
            And=r"(?<=\s)(AND|ET)(?=\s)",
            Or=r"(?<=\s)(OR|OU)(?=\s)",
            AndNot=r"(?<=\s)(ANDNOT|SAUF)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))NOT(?=\s)",
        )
    )
    return parser


class _ExtraFieldsPlugin:
    """`lieu:lyon` searches the field `fm_lieu` (see EXTRA_PREFIX): a field name the schema does
    not declare is a front-matter key. The query was checked first (core/search.py), so only
    keys present in the notebook get here. Runs after aliases (90), before field names (100)."""

    def __init__(self, declared: frozenset[str]) -> None:
        self.declared = declared | {"*"}  # "*:*" is every note, not a key

    def taggers(self, parser):
        """No syntax of its own."""
        return []

    def filters(self, parser):
        """One filter, between field aliases and field names."""
        return [(self.to_extra_fields, 95)]

    def to_extra_fields(self, parser, group):
        """Prefix every undeclared field name."""
        from whoosh.qparser import syntax

        for node in group:
            if isinstance(node, syntax.GroupNode):
                self.to_extra_fields(parser, node)
            elif isinstance(node, syntax.FieldnameNode) and node.fieldname not in self.declared:
                node.fieldname = EXTRA_PREFIX + node.fieldname
        return group


def _exclusions_plugin():
    """+word and -word; a query made only of -words means every note without them, as NOT
    does (Whoosh would find nothing: its -word only removes notes from what other words find)."""
    from whoosh import qparser
    from whoosh.qparser import syntax

    class ExclusionsPlugin(qparser.PlusMinusPlugin):
        def do_plusminus(self, parser, group):
            sorted_group = super().do_plusminus(parser, group)
            if isinstance(sorted_group, syntax.AndNotGroup) and not sorted_group[0]:
                return syntax.NotGroup([sorted_group[1]])
            return sorted_group

    return ExclusionsPlugin


def _filter(wanted: NoteFilter):
    parts = [Term("tags", tag) for tag in wanted.tags]
    if wanted.types:
        parts.append(Or([Term("type", t) for t in wanted.types]))
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


def snippet(body: str, terms: frozenset[str]) -> Snippet:
    """The passage of `body` that best shows the sought `terms`, with their spans."""
    from garefil.core.search import make_snippet

    text = unicodedata.normalize("NFC", body)
    return make_snippet(text, FrenchAnalyzer().find(text, terms) if terms else [])
