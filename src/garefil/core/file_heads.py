"""The beginning of a file, read without asking the allocator for the whole limit.

`handle.read(limit)` makes a buffer of `limit` bytes before it reads, then shrinks it: for a
limit of megabytes and a note of a few kilobytes, each call maps and unmaps that much memory
(15 µs a note here, and much more while a full build's writing processes share the cores).
Asking for the file's size first reads the same bytes with a buffer of their size.
"""

from __future__ import annotations

import os
from typing import BinaryIO


def read_head(handle: BinaryIO, limit: int) -> bytes:
    """The first `limit` bytes of the file open in `handle` (all of it if shorter), exactly
    what `handle.read(limit)` gives, even if the file grows while it is read."""
    try:
        size = os.fstat(handle.fileno()).st_size
    except (AttributeError, OSError, ValueError):  # no file descriptor: read as asked
        return handle.read(limit)
    head = handle.read(min(size + 1, limit))  # one byte more: a file grown since is seen
    while len(head) < limit and (more := handle.read(min(limit - len(head), 1 << 20))):
        head += more
    return head
