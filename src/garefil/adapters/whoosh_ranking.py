"""A quicker way to rank the most common queries: words, all required, or a phrase, in one field.

Whoosh ranks such a query by walking a tree of matchers, several Python calls per posting and
per word; when the words are common (most notes of a site say "urssaf"), that walk was most of
a search's time. Here each word's postings are read a block at a time into a dict, the dicts
are intersected as sets, and each note found is scored once with Whoosh's own BM25F formula
and statistics, so the ranking is Whoosh's (tests/test_search_engine.py compares both).

Any other query (NOT, prefixes, boosts, phrases with slop, fields scored by weight alone), another
scoring model, or a Whoosh whose internals differ, gives None: Whoosh then searches as usual.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection
from typing import NamedTuple

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import (
    And,
    ConstantScoreQuery,
    DateRange,
    NullQuery,
    NumericRange,
    Or,
    Phrase,
    Term,
    TermRange,
)
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

# A note's length in a field is kept as one byte, decoded through this table.
_LENGTHS = tuple(byte_to_length(byte) for byte in range(256))
Ranked = list[tuple[float, int]]  # (score, document number), best first


class _Found(NamedTuple):
    """The notes of one segment a query finds, and each word's weight in them."""

    field: str
    docs: set[int]
    weights: list[dict[int, float]]


def ranked(searcher, query, only, limit: int | None) -> Ranked:
    """(score, docnum) of the best `limit` notes matching `query` among those the filter query
    `only` allows, in Whoosh's order; plain words, alone or ORed with other queries (a tag's
    synonyms add a phrase), are ranked here, anything else by Whoosh."""
    allowed = _Allowed(searcher, only)
    if plain_words(query) is not None or _plain_union(query):
        found = _scores(searcher, query, allowed)
        if found is not None:
            return _best(found.items(), limit)
    results = searcher.search(query, limit=limit, filter=allowed.docs())
    return [(hit.score, hit.docnum) for hit in results]


class _Allowed:
    """The document numbers a filter query allows, computed once if asked (None: all)."""

    def __init__(self, searcher, only) -> None:
        self.searcher, self.only, self._docs = searcher, only, None

    def docs(self) -> set[int] | None:
        if self.only is not None and self._docs is None:
            self._docs = filter_docs(self.searcher, self.only)
            if self._docs is None:
                self._docs = set(self.searcher.docs_for_query(self.only))
        return self._docs


def filter_docs(searcher, only) -> set[int] | None:
    """The document numbers (whole index) a filter of terms, ranges, AND and OR allows, from
    posting blocks: Whoosh walks a union matcher note by note, and a date range is a union of
    dozens of terms (84 ms at 10,000 notes, 3 ms here). None for another kind of filter."""
    docs: set[int] = set()
    try:
        for sub, offset in searcher.leaf_searchers():
            reader = sub.reader()
            found = _segment_docs(reader, only)
            if found is None:
                return None
            docs.update(docnum + offset for docnum in found - reader.deleted_docs_set)
    except (AttributeError, LookupError, ValueError):  # not the Whoosh this was written for
        return None
    return docs


def _segment_docs(reader, query) -> set[int] | None:
    """The notes of one segment matching a filter `query`, or None if its kind is not known."""
    if query is NullQuery:
        return set()
    kind = type(query)
    if kind in (And, Or):
        parts = [_segment_docs(reader, part) for part in query.subqueries]
        if any(part is None for part in parts):
            return None
        return set.intersection(*parts) if kind is And else set().union(*parts)
    if kind is Term:
        return set(_postings(reader, query.fieldname, query.text, False))
    if kind is TermRange:
        terms = query.existing_terms(reader, expand=True)
        return set().union(*(_postings(reader, field, text, False) for field, text in terms))
    if kind in (NumericRange, DateRange):  # Whoosh makes them ORs of term ranges
        simpler = query.simplify(reader)
        while type(simpler) is ConstantScoreQuery:
            simpler = simpler.child
        return (
            None if type(simpler) in (NumericRange, DateRange) else _segment_docs(reader, simpler)
        )
    return None


def _plain_union(query) -> bool:
    """Whether `query` is an OR (unboosted, unscaled) with plain words among its parts."""
    return (
        type(query) is Or
        and query.boost == 1.0
        and not query.scale
        and not query.minmatch
        and any(plain_words(part) is not None for part in query.subqueries)
    )


def _scores(searcher, query, allowed: _Allowed) -> dict[int, float] | None:
    """docnum → score of every note matching `query`: a union adds its parts' scores, as
    Whoosh's union matcher does; None when a plain part cannot be ranked here."""
    parts = query.subqueries if type(query) is Or else [query]
    scores: dict[int, float] = {}
    for part in parts:
        plain = plain_words(part)
        if plain is not None:
            found = rank(searcher, *plain, allowed.docs(), None)
            if found is None:
                return None
        else:
            results = searcher.search(part, limit=None, filter=allowed.docs())
            found = [(hit.score, hit.docnum) for hit in results]
        for score, docnum in found:
            scores[docnum] = scores.get(docnum, 0.0) + score
    return scores


def _best(scores, limit: int | None) -> Ranked:
    """The best `limit` of (docnum, score) pairs, in Whoosh's order: best score first, then
    the lower document number."""
    pairs = [(-score, docnum) for docnum, score in scores]
    return [(-score, docnum) for score, docnum in heapq.nsmallest(limit or len(pairs), pairs)]


def plain_words(query) -> tuple[str, list[str], bool] | None:
    """(field, words, phrase) when `query` is words that must all be in one field, unboosted,
    and (phrase) one after the other, as an exact phrase asks."""
    if type(query) is Phrase and query.slop == 1 and query.boost == 1.0 and query.words:
        return query.fieldname, list(query.words), True
    if type(query) is Term:
        parts = [query]
    elif type(query) is And:
        parts = list(query.subqueries)
    else:
        return None
    if any(type(part) is not Term or part.boost != 1.0 for part in parts):
        return None
    fields = {part.fieldname for part in parts}
    return (fields.pop(), [part.text for part in parts], False) if len(fields) == 1 else None


def rank(
    searcher,
    field: str,
    words: list[str],
    phrase: bool,
    allowed: Collection[int] | None,
    limit: int | None,
) -> Ranked | None:
    """The best `limit` (score, docnum) of the notes holding every word (in a row if `phrase`;
    within `allowed`, document numbers of the whole index), as Whoosh would rank them (a phrase
    scores as its words do); None if it cannot."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or getattr(weighting, "_field_B", None):
        return None
    if field not in searcher.schema or not searcher.schema[field].scorable:
        return None  # Whoosh scores such a field by weight alone
    if not searcher.doc_count_all():
        return []  # nothing to find (and no statistics to score with)
    idfs = [searcher.idf(field, word) for word in words]
    average = searcher.avg_field_length(field) or 1
    scored: Ranked = []
    try:
        for sub, offset in searcher.leaf_searchers():
            found = _found(sub.reader(), field, words, phrase, allowed and _local(allowed, offset))
            scored += _scored(sub.reader(), found, idfs, average, weighting, offset)
    except (AttributeError, LookupError, ValueError):  # not the Whoosh this was written for
        return None
    return _best(((docnum, score) for score, docnum in scored), limit)


def _local(allowed: Collection[int], offset: int) -> set[int]:
    """Whole-index document numbers as one segment's."""
    return {docnum - offset for docnum in allowed if docnum >= offset}


def _found(reader, field, words, phrase, allowed) -> _Found:
    """The notes of one segment holding all `words` (in a row if `phrase`), not deleted and
    `allowed` (None: all), with each word's postings."""
    postings = [_postings(reader, field, word, phrase) for word in words]
    common = set(min(postings, key=len)).intersection(*postings)
    common.difference_update(reader.deleted_docs_set)
    if allowed is not None:
        common &= allowed
    if phrase:
        decode = reader.schema[field].format.decode_positions
        common = {d for d in common if _in_a_row([decode(p[d][1]) for p in postings])}
    return _Found(field, common, [{d: p[d][0] for d in common} for p in postings])


def _in_a_row(positions: list[list[int]]) -> bool:
    """Whether the words of these positions follow one another somewhere."""
    starts = set(positions[0])
    for shift, found in enumerate(positions[1:], 1):
        starts.intersection_update(position - shift for position in found)
        if not starts:
            return False
    return True


def _scored(reader, found: _Found, idfs, average, weighting, offset) -> Ranked:
    """(score, docnum) of every note `found` in one segment."""
    common, postings, field = found.docs, found.weights, found.field
    b, k1 = weighting.B, weighting.K1
    lengths = _lengths(reader, field)
    # BM25F as whoosh.scoring.bm25 computes it, one word at a time over every note found.
    norm = {docnum: k1 * ((1 - b) + b * (lengths[docnum] or 1) / average) for docnum in common}
    scores = dict.fromkeys(common, 0.0)
    for weight, idf in zip(postings, idfs, strict=True):
        factor = idf * (k1 + 1)
        scores = {d: s + factor * weight[d] / (weight[d] + norm[d]) for d, s in scores.items()}
    return [(score, docnum + offset) for docnum, score in scores.items()]


def _postings(reader, field: str, word: str, positions: bool) -> dict[int, tuple]:
    """Document number → (weight of `word` in `field`, encoded positions if asked), read a
    block at a time."""
    try:
        matcher = reader.postings(field, word)
    except TermNotFound:
        return {}
    if isinstance(matcher, FilterMatcher):  # deleted notes are left out by the caller
        matcher = matcher.child
    found: dict[int, tuple] = {}
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        if positions:
            matcher._read_values()
            postings = zip(matcher._weights, matcher._values, strict=True)
        else:
            postings = zip(matcher._weights)
        found.update(zip(matcher._ids, postings, strict=True))
        matcher._next_block()
    return found


def _lengths(reader, field: str) -> list[int]:
    """The length of `field` in each note of one segment, read in one go (Whoosh reads the
    one byte of each note by a few calls: most of the time of ranking a common word)."""
    column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    found = [] if column is None else column._dbfile.get(column._basepos, column._count)
    lengths = [_LENGTHS[byte] for byte in found]
    # The column stops at the last note that has the field: the others count as 1, as in Whoosh.
    return lengths + [1] * (reader.doc_count_all() - len(lengths))
