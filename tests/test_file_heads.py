"""read_head gives what `read(limit)` gives, whatever the file's size against the limit."""

from __future__ import annotations

import io

import pytest

from garefil.core.file_heads import read_head

LIMIT = 4096


@pytest.mark.parametrize("size", [0, 1, LIMIT - 1, LIMIT, LIMIT + 1, 3 * LIMIT + 7, (1 << 20) + 5])
def test_the_head_is_the_first_bytes_up_to_the_limit(tmp_path, size):
    data = bytes(range(256)) * (size // 256 + 1)
    path = tmp_path / "note.md"
    path.write_bytes(data[:size])
    with path.open("rb") as handle:
        head = read_head(handle, LIMIT)
        rest = handle.read()
    assert head == data[: min(size, LIMIT)]
    assert rest == data[min(size, LIMIT) : size]  # the rest is still there to hash


def test_a_file_that_grew_after_it_was_opened_is_read_to_the_limit(tmp_path):
    path = tmp_path / "note.md"
    path.write_bytes(b"a" * 10)
    with path.open("rb") as handle, path.open("ab") as writer:
        writer.write(b"b" * (2 * LIMIT))
        writer.flush()
        head = read_head(handle, LIMIT)
    assert head == b"a" * 10 + b"b" * (LIMIT - 10)


def test_a_stream_without_a_file_is_read_as_asked():
    assert read_head(io.BytesIO(b"x" * (LIMIT + 3)), LIMIT) == b"x" * LIMIT
