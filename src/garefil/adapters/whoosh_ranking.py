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
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Iterable
from itertools import accumulate
from pickle import loads
from typing import NamedTuple

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.formats import Positions
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
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

# A note's length in a field is kept as one byte, decoded through this table.
_LENGTHS = tuple(byte_to_length(byte) for byte in range(256))
Ranked = list[tuple[float, int]]  # (score, document number), best first
# Whether a phrase's words follow one another in a note (by document number): checked late.
Check = Callable[[int], bool]
# The score a part of a query gives a note, and the check it needs to count (None: none).
Contribution = tuple[float, Check | None]


class _Found(NamedTuple):
    """The notes of one segment holding a query's words, each word's weight in them, and, for
    a phrase, the check that its words follow one another (by the segment's numbers)."""

    field: str
    docs: set[int]
    weights: list[dict[int, float]]
    check: Check | None


def ranked(searcher, query, only, limit: int | None) -> Ranked:
    """(score, docnum) of the best `limit` notes matching `query` among those the filter query
    `only` allows, in Whoosh's order; plain words, alone or ORed with other queries (a tag's
    synonyms add a phrase), are ranked here, anything else by Whoosh."""
    allowed = _Allowed(searcher, only)
    if plain_words(query) is not None or _plain_union(query):
        found = _contributions(searcher, query, allowed)
        try:
            if found is not None:
                return _select(found, limit)
        except (AttributeError, LookupError, ValueError):  # a phrase check, on another Whoosh
            pass
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
        return set(_postings(reader, query.fieldname, query.text, False)[0])
    if kind is TermRange:
        terms = query.existing_terms(reader, expand=True)
        return set().union(*(_postings(reader, field, text, False)[0] for field, text in terms))
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


def _contributions(searcher, query, allowed: _Allowed) -> dict[int, list[Contribution]] | None:
    """docnum → what each part of `query` gives the note, in the parts' order (a union adds
    its parts' scores, as Whoosh's union matcher does); None when a plain part cannot be
    ranked here."""
    parts = query.subqueries if type(query) is Or else [query]
    found: dict[int, list[Contribution]] = {}
    for part in parts:
        plain = plain_words(part)
        if plain is not None:
            scored = _candidates(searcher, *plain, allowed.docs())
            if scored is None:
                return None
        else:
            results = searcher.search(part, limit=None, filter=allowed.docs())
            scored = [(hit.score, hit.docnum, None) for hit in results]
        for score, docnum, check in scored:
            found.setdefault(docnum, []).append((score, check))
    return found


def _select(found: dict[int, list[Contribution]], limit: int | None) -> Ranked:
    """The best `limit` notes, checking phrases only where it can change them. A note's score
    with every part counted bounds its real score (scores are positive, rounding monotonic):
    notes are checked from the best bound down, until no bound can beat the last one kept.
    At 10,000 notes, « pôle emploi » (with "france travail") checked 5,543 notes, now 20;
    « "arrêt maladie" » 6,648, now 364."""
    # (-bound, docnum): the order to check in, best bound first, then the lower number. Most
    # notes have one part, whose score is their bound: no call for them.
    order = [
        (-(parts[0][0] if len(parts) == 1 else _total(parts, sure=False)), docnum)
        for docnum, parts in found.items()
    ]
    if all(check is None for parts in found.values() for _, check in parts):
        return [(-bound, docnum) for bound, docnum in heapq.nsmallest(limit or len(order), order)]
    wanted = limit or len(found)
    kept: list[tuple[float, int]] = []  # (score, -docnum): the worst kept note on top
    heapq.heapify(order)  # popped best first: only the notes checked are ever sorted
    while order:
        bound, docnum = heapq.heappop(order)
        if len(kept) == wanted and (-kept[0][0], -kept[0][1]) < (bound, docnum):
            break
        score = _total(found[docnum], sure=True, docnum=docnum)
        if score is not None and len(kept) < wanted:
            heapq.heappush(kept, (score, -docnum))
        elif score is not None and (score, -docnum) > kept[0]:
            heapq.heapreplace(kept, (score, -docnum))
    return [(score, -negative) for score, negative in sorted(kept, reverse=True)]


def _total(parts: list[Contribution], sure: bool, docnum: int = 0) -> float | None:
    """The sum of the parts' scores, added in order as Whoosh's union adds them; with `sure`,
    of those whose check passes only (None if none does)."""
    total, counted = 0.0, False
    for score, check in parts:
        if not sure or check is None or check(docnum):
            total, counted = total + score, True
    return total if counted else None


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


def _candidates(
    searcher, field: str, words: list[str], phrase: bool, allowed: Collection[int] | None
) -> list[tuple[float, int, Check | None]] | None:
    """(score, docnum, phrase check) of every note holding all `words` (within `allowed`), as
    Whoosh scores them (a phrase scores as its words do), its words' order not yet checked;
    None if it cannot."""
    weighting = searcher.weighting
    if type(weighting) is not BM25F or getattr(weighting, "_field_B", None):
        return None
    if field not in searcher.schema or not searcher.schema[field].scorable:
        return None  # Whoosh scores such a field by weight alone
    if not searcher.doc_count_all():
        return []  # nothing to find (and no statistics to score with)
    idfs = [searcher.idf(field, word) for word in words]
    average = searcher.avg_field_length(field) or 1
    scored: list[tuple[float, int, Check | None]] = []
    try:
        for sub, offset in searcher.leaf_searchers():
            found = _found(sub.reader(), field, words, phrase, allowed and _local(allowed, offset))
            scored += _scored(sub.reader(), found, idfs, average, weighting, offset)
    except (AttributeError, LookupError, ValueError):  # not the Whoosh this was written for
        return None
    return scored


def _local(allowed: Collection[int], offset: int) -> set[int]:
    """Whole-index document numbers as one segment's."""
    return {docnum - offset for docnum in allowed if docnum >= offset}


def _found(reader, field, words, phrase, allowed) -> _Found:
    """The notes of one segment holding all `words`, not deleted and `allowed` (None: all),
    with each word's postings, and for a `phrase` the check that they are in a row."""
    postings = [_postings(reader, field, word, phrase) for word in words]
    weights = [weights for weights, _ in postings]
    common = set(min(weights, key=len)).intersection(*weights)
    common.difference_update(reader.deleted_docs_set)
    if allowed is not None:
        common &= allowed
    check = None
    if phrase:
        decode = _positions_decoder(reader.schema[field].format)
        encoded = [_positions_of(blocks) for _, blocks in postings]

        def check(docnum: int) -> bool:
            return _in_a_row([decode(positions(docnum)) for positions in encoded])

    return _Found(field, common, [{d: w[d] for d in common} for w in weights], check)


def _positions_of(blocks: list[tuple[tuple[int, ...], list[bytes]]]) -> Callable[[int], bytes]:
    """The encoded positions of a note, found in the blocks (document numbers, positions) read:
    a phrase checks a few hundred of the thousands of notes holding its words."""
    firsts = [ids[0] for ids, _ in blocks]

    def positions(docnum: int) -> bytes:
        ids, values = blocks[bisect_right(firsts, docnum) - 1]
        return values[bisect_left(ids, docnum)]

    return positions


def _positions_decoder(format) -> Callable[[bytes], Iterable[int]]:
    """How the format of a field decodes a posting's positions: Whoosh's Positions, as its own
    decode_positions does, but summing the steps at C speed (a phrase decodes hundreds)."""
    if type(format) is not Positions:
        return format.decode_positions
    count_size = _INT_SIZE

    def decode(value: bytes) -> Iterable[int]:
        steps = value[count_size:]  # after the count: the pickled steps
        return accumulate(loads(steps if steps.endswith(b".") else steps + b"."))  # "." may lack

    return decode


def _in_a_row(positions: list[Iterable[int]]) -> bool:
    """Whether the words of these positions follow one another somewhere."""
    starts = set(positions[0])
    for shift, found in enumerate(positions[1:], 1):
        starts.intersection_update(position - shift for position in found)
        if not starts:
            return False
    return True


def _scored(
    reader, found: _Found, idfs, average, weighting, offset
) -> list[tuple[float, int, Check | None]]:
    """(score, whole-index docnum, phrase check) of every note `found` in one segment."""
    common, postings, field = found.docs, found.weights, found.field
    b, k1 = weighting.B, weighting.K1
    lengths = _lengths(reader, field)
    # BM25F as whoosh.scoring.bm25 computes it, one word at a time over every note found.
    norm = {docnum: k1 * ((1 - b) + b * (lengths[docnum] or 1) / average) for docnum in common}
    scores = dict.fromkeys(common, 0.0)
    for weight, idf in zip(postings, idfs, strict=True):
        factor = idf * (k1 + 1)
        scores = {d: s + factor * weight[d] / (weight[d] + norm[d]) for d, s in scores.items()}
    check = found.check and (lambda docnum, local=found.check: local(docnum - offset))
    return [(score, docnum + offset, check) for docnum, score in scores.items()]


def _postings(
    reader, field: str, word: str, positions: bool
) -> tuple[dict[int, float], list[tuple[tuple[int, ...], list[bytes]]]]:
    """Document number → weight of `word` in `field`, read a block at a time; and if asked,
    each block's document numbers with their encoded positions (else no block)."""
    weights: dict[int, float] = {}
    blocks: list[tuple[tuple[int, ...], list[bytes]]] = []
    try:
        matcher = reader.postings(field, word)
    except TermNotFound:
        return weights, blocks
    if isinstance(matcher, FilterMatcher):  # deleted notes are left out by the caller
        matcher = matcher.child
    while matcher.is_active():
        ids = _block_ids(matcher)
        matcher._read_weights()
        weights.update(zip(ids, matcher._weights, strict=True))
        if positions:
            matcher._read_values()
            if len(matcher._values) != len(ids):  # not a value per posting: Whoosh ranks
                raise ValueError("positions and document numbers do not pair up")
            blocks.append((ids, matcher._values))
        matcher._next_block()
    return weights, blocks


def _block_ids(matcher) -> tuple[int, ...]:
    """The document numbers of the matcher's block, as its _read_ids gives them, the steps
    between them summed at C speed (Whoosh: a generator step for each)."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    matcher._ids = ids = ids if matcher._byteids else tuple(accumulate(ids))
    return ids


def _lengths(reader, field: str) -> list[int]:
    """The length of `field` in each note of one segment, read in one go (Whoosh reads the
    one byte of each note by a few calls: most of the time of ranking a common word)."""
    column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
    found = [] if column is None else column._dbfile.get(column._basepos, column._count)
    lengths = [_LENGTHS[byte] for byte in found]
    # The column stops at the last note that has the field: the others count as 1, as in Whoosh.
    return lengths + [1] * (reader.doc_count_all() - len(lengths))
