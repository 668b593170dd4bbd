"""What a `jardin` check looks at (a `Garden`: the catalogue's notes, problems and file hashes)
and what it finds (a `Finding`), with the commands a finding offers: review_checks.py holds the
checks, review.py runs them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from .config import Config
from .followup import Written
from .model import Note, Problem

FIX = "garefil jardin --corriger"


@dataclass(frozen=True)
class Finding:
    """One problem of one file: why (a msgid and its values), where, how to fix it."""

    kind: str
    path: str
    line: int
    reason: str
    params: tuple[tuple[str, str], ...] = ()
    command: str = ""
    fix: tuple[tuple[str, Any], ...] = ()  # the safe front-matter change, if any

    def summary(self) -> dict[str, Any]:
        """The stable JSON shape of a finding (documented in docs/json.md)."""
        return {
            "kind": self.kind,
            "path": self.path,
            "line": self.line or None,
            "params": dict(self.params),
            "command": self.command,
            "fixable": bool(self.fix),
        }


@dataclass(frozen=True)
class Garden:
    """What the checks look at: the catalogue's notes, problems and file hashes."""

    notes: tuple[Note, ...]
    problems: tuple[Problem, ...]
    digests: Mapping[str, str]  # every indexed file's content hash, by path
    config: Config
    today: date
    exists: Callable[[str], bool] = lambda path: False  # a document beside the notes
    is_link: Callable[[str], bool] = lambda path: False  # a symbolic link, not a note
    # When a few notes were written (git's first record, else the file's): a draft's age.
    written: Written = lambda paths: {}
    # A note's own words, spaces aside: its body without what its template gave it ("" for
    # none). Asked only of the few notes whose text the catalogue says another shares.
    own_words: Callable[[Note], str] = lambda note: ""
    # The encoding of a note file that is not UTF-8 (`cp1252`, `latin1`, `utf-16`), which
    # garefil never rewrites; None for UTF-8. Asked only of the few notes a fix would rewrite.
    not_utf8: Callable[[str], str | None] = lambda path: None
    # The notebook's folder: a shell command a coach copies works from any folder of it.
    root: str = "."

    @cached_property
    def targets(self) -> set[str]:
        """Every note's id and every indexed path, accents composed (NFC): what a link between
        notes may name."""
        return {composed(t) for t in ({n.id for n in self.notes} | set(self.digests))}


Check = Callable[[Garden], Iterator[Finding]]


def to_edit(path: str) -> str:
    """The command that opens the file at `path` in the editor."""
    return f"garefil edit {quoted(path)}"


def to_remove(path: str) -> str:
    """The command that removes the file (or symbolic link) at `path`."""
    return f"garefil rm {quoted(path)}"


def quoted(text: str) -> str:
    """`text` as a shell reads it back: a path with spaces or quotes stays one word."""
    import shlex

    return shlex.quote(text)


def composed(text: str) -> str:
    """`text` with its accents composed (NFC), as links and paths are compared."""
    import unicodedata

    return unicodedata.normalize("NFC", text)
