"""Whoosh's own segment format, written with the notes' lengths at hand.

When Whoosh writes a segment's postings, it asks the length of the posting's note in its field
for each one, and its reader of the lengths column reads that byte from the file each time:
1.4 million reads for a 10,000-note build, 8 % of the writing processes' time. Here the column is
read once per field, as a list. The files written are the same: only the writing reads
differently, and an index written so is read by Whoosh's own codec.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, _lenfield
from whoosh.util.numeric import byte_to_length


class LengthsAtHand(W3Codec):
    """W3Codec, whose segment writers read each field's lengths once."""

    def per_document_reader(self, storage, segment):
        return _ListedLengths(storage, segment)

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
