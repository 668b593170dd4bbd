"""Whoosh's own segment format, written with less Python per posting.

Whoosh writes a segment's postings one at a time: for each of the 1.5 million postings of a
10,000-note build, a length read from the file, a call to the field writer, one to the postings
writer and its type checks. Here:
- each field's lengths are read once, as a list (`_ListedLengths`);
- each term's postings are taken at once from Whoosh's sorted pool, and each block of them is
  handed to Whoosh's own postings writer as the arrays it would have gathered (`_TermsAtOnce`):
  the blocks are still encoded, compressed and written by Whoosh's code.
The files written are the same, byte for byte (tests/test_whoosh_codec.py), and an index written
so is read by Whoosh's own codec. Should Whoosh's postings writer keep its block otherwise, its
own field writer is used (`_block_kept_as_expected`).
"""

from __future__ import annotations

import functools
from array import array
from itertools import groupby
from operator import itemgetter

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    _lenfield,
)
from whoosh.util.numeric import byte_to_length

# Whoosh's postings are (field name, term bytes, document number, weight, value bytes).
_FIELD = itemgetter(0)
_TERM = itemgetter(1)
_DOCNUM = itemgetter(2)
_WEIGHT = itemgetter(3)
_VALUE = itemgetter(4)
# What Whoosh's postings writer gathers of a block before writing it (W3PostingsWriter.add_posting)
_BLOCK_KEPT = ("_ids", "_weights", "_values", "_maxweight", "_minlength", "_maxlength")
_SPELLING_MARK = -1  # a document number Whoosh's field writer skips: a word for spelling only


class LengthsAtHand(W3Codec):
    """W3Codec, whose segment writers read each field's lengths once and write each term's
    postings at once."""

    def per_document_reader(self, storage, segment):
        return _ListedLengths(storage, segment)

    def field_writer(self, storage, segment):
        if _block_kept_as_expected():
            return _TermsAtOnce(self, storage, segment)
        return super().field_writer(storage, segment)

    def new_segment(self, storage, indexname):
        # A segment keeps its codec, pickled in the index's table of contents: Whoosh's own
        # there, so that the index names no class of garefil's and reads as any other.
        return W3Codec().new_segment(storage, indexname)


class _ListedLengths(W3PerDocReader):
    def doc_field_length_reader(self, fieldname, default=0):
        """What Whoosh's gives for each document number, from a list made once."""
        column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return super().doc_field_length_reader(fieldname, default)
        # As Whoosh's: a length byte of 0 (no words) gives None. Only a document with postings in
        # the field is asked for, so never one past the column's end.
        lengths = [byte_to_length(byte) if byte else None for byte in column.load()]
        return lengths.__getitem__


class _TermsAtOnce(W3FieldWriter):
    """W3's field writer, taking the sorted postings a term at a time instead of one by one."""

    def add_postings(self, schema, lengths, items):
        last_field = None
        for fieldname, postings in groupby(items, _FIELD):
            if last_field is not None and fieldname < last_field:  # as Whoosh checks
                raise OutOfOrderError(f"Field {last_field!r} .. {fieldname!r}")
            last_field = fieldname
            self.start_field(fieldname, schema[fieldname])
            self._add_terms(postings, _length_reader(lengths, fieldname))
            self.finish_field()

    def _add_terms(self, postings, length_of) -> None:
        last_term = None
        for term, term_postings in groupby(postings, _TERM):
            if last_term is not None and term < last_term:
                raise OutOfOrderError(f"Term {self._fieldname}:{last_term!r} .. {term!r}")
            last_term = term
            term_postings = list(term_postings)
            docnums = list(map(_DOCNUM, term_postings))
            if _SPELLING_MARK in docnums:
                term_postings = [p for p in term_postings if p[2] != _SPELLING_MARK]
                if not term_postings:
                    continue
                docnums = list(map(_DOCNUM, term_postings))
            weights = list(map(_WEIGHT, term_postings))
            values = list(map(_VALUE, term_postings))
            self.start_term(term)
            self._add_blocks(docnums, weights, values, length_of)
            self.finish_term()

    def _add_blocks(self, docnums, weights, values, length_of) -> None:
        """The term's postings, in blocks of Whoosh's size: each full block written as Whoosh's
        writer writes one when the next posting comes, the last one by its finish_term."""
        writer = self._postwriter
        lengths = list(map(length_of, docnums)) if length_of else [0] * len(docnums)
        size = writer._blocklimit
        for start in range(0, len(docnums), size):
            if start:
                writer._write_block()
            end = start + size
            _fill_block(writer, docnums[start:end], weights[start:end], values[start:end])
            _fill_lengths(writer, lengths[start:end])


def _fill_block(writer: W3PostingsWriter, docnums, weights, values) -> None:
    """Whoosh's block, as its add_posting would have left it after these postings."""
    writer._ids = array("I", docnums)
    writer._weights = array("f", weights)
    writer._values = [value for value in values if value]  # None and b"" are not kept
    # The first of the highest weights, or 0 (the starting value) if none is above it.
    highest = max(weights)
    writer._maxweight = highest if highest > 0 else 0


def _fill_lengths(writer: W3PostingsWriter, lengths: list) -> None:
    known = [length for length in lengths if length]  # 0 and None count for nothing
    writer._minlength = min(known) if known else None
    writer._maxlength = max(known) if known else 0


def _length_reader(lengths, fieldname):
    """How Whoosh's field writer reads the field's lengths; None when it reads none (0 each)."""
    if not lengths:
        return None
    reader = getattr(lengths, "doc_field_length_reader", None)
    if reader is None:
        return functools.partial(_one_length, lengths, fieldname)
    return reader(fieldname)


def _one_length(lengths, fieldname, docnum):
    return lengths.doc_field_length(docnum, fieldname)


@functools.cache
def _block_kept_as_expected() -> bool:
    """Whether Whoosh's postings writer gathers a block in the attributes `_fill_block` sets."""
    writer = W3PostingsWriter(None, blocklimit=128)
    if not hasattr(writer, "_blocklimit") or not callable(getattr(writer, "_write_block", None)):
        return False
    try:
        writer._new_block()
    except Exception:
        return False
    return all(hasattr(writer, name) for name in _BLOCK_KEPT)
