"""The values of config.toml's text, read by tomllib or taken from where they were kept.

Every command reads the notebook's settings, and importing tomllib (its parser and patterns)
costs each one 2 ms, a fiftieth of a search, for a file that changes a few times a year. So
the values read are kept beside the index, a derived folder never committed, with the text
they were read from: they are taken again only for that very text, and anything else there
(another text, a torn or foreign file) is read again by tomllib. Values JSON cannot hold
(TOML's dates) are never kept. The file is written through a temporary one and a rename (one
left by a command killed meanwhile is swept with the index's, adapters/index_folder.py), never
through a symbolic link; a folder that cannot be written (read-only) keeps nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

KEPT_NAME = "config.toml.json"  # in the index folder, beside its generations (index_folder)


class NotToml(ValueError):
    """The text is not TOML: tomllib's error is the cause, `line` the line it names."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def read_toml(text: str, kept: Path | None = None) -> dict[str, Any]:
    """The values `text` holds (NotToml if it is not TOML), taken from the file `kept` when it
    holds them for this very text; else read by tomllib and kept there, if possible."""
    values = _taken(text, kept) if kept is not None else None
    if values is None:
        values = _parsed(text)
        if kept is not None:
            _keep(text, values, kept)
    return values


def _parsed(text: str) -> dict[str, Any]:
    import re
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))  # "… (at line 24, column 5)"
        line = int(found.group(1)) if found else max(1, text.count("\n"))
        raise NotToml(line) from error


def _taken(text: str, kept: Path) -> dict[str, Any] | None:
    """The values kept in `kept` for `text`; None if it holds anything else, or cannot be read."""
    import json

    try:
        descriptor = os.open(kept, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    try:
        with os.fdopen(descriptor, "rb") as file:
            held = json.loads(file.read(4 * len(text.encode()) + 4096))
    except (OSError, ValueError, RecursionError):  # torn, foreign, or too long for this text
        return None
    if not isinstance(held, dict) or held.get("text") != text:
        return None
    values = held.get("values")
    return values if isinstance(values, dict) else None


def _keep(text: str, values: dict[str, Any], kept: Path) -> None:
    """Write `values` read from `text` to `kept`, whole or not at all; nothing if JSON cannot
    hold them or the folder cannot be written: they are read again next time."""
    import json

    try:
        data = json.dumps({"text": text, "values": values}, ensure_ascii=False).encode()
    except (TypeError, ValueError):  # a date or a time: tomllib reads it each time
        return
    temporary = kept.with_name(f".{kept.name}.{os.getpid()}.tmp")
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        descriptor = os.open(temporary, flags, 0o600)  # as private as the index beside it
    except OSError:  # read-only, gone, or a leftover of this very number: keep nothing
        return
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(temporary, kept)  # a link there is replaced, never followed
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
