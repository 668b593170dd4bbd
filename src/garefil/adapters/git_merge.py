"""Git's side of merging notes: its three-way text merge, and the `garefil` merge driver.

The driver is declared for `*.md` and for the shared settings (`.garefil/config.toml`, merged by
core/settings_merge.py) in the notebook's `.gitattributes` (shared with the notes) and
registered in each clone's own `.git/config` (git never shares that file, and the command names
this computer's Python): `merge.garefil.driver` runs `python -m garefil merge-driver %O %A %B %P`.
A clone where it is missing merges as plain git does, and garefil's usual conflict handling
keeps both versions; every command that writes registers it again.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

DRIVER = "garefil"
DRIVER_NAME = "garefil: notes merged key by key (docs/sharing.md)"


def driver_command() -> str:
    """The command git runs to merge a note, with the Python that runs garefil now."""
    return f"{shlex.quote(sys.executable)} -m garefil merge-driver %O %A %B %P"


MARKS = 40  # conflict markers this long are no line of a note
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]")  # a Markdown list item's start
_OURS, _BASE, _THEIRS, _END = ("<" * MARKS, "|" * MARKS, "=" * MARKS, ">" * MARKS)


def merge_text(base: str, ours: str, theirs: str) -> str | None:
    """Git's three-way merge of three texts; None when the same lines were changed differently."""
    return _merge_file(base, ours, theirs)


def merge_text_keeping_added(base: str, ours: str, theirs: str) -> str | None:
    """Git's three-way merge, where list items both sides added at the same place are all kept,
    ours first; None when lines of `base` were changed differently on the two sides, or when a
    side added prose there (two paragraphs written at one place may say opposite things)."""
    marks = (_OURS, _BASE, _THEIRS, _END)
    if any(line.startswith(marks) for text in (ours, theirs) for line in text.splitlines()):
        return None  # a line like a conflict marker: the clashes could not be told apart
    marked = _merge_file(base, ours, theirs, "--diff3", f"--marker-size={MARKS}")
    return None if marked is None else _both_added(marked)


def _both_added(marked: str) -> str | None:
    """`marked` with each clash replaced by both sides' lines, or None if one changed `base`."""
    kept: list[str] = []
    part = None  # in a clash: the side being read
    sides: dict[str, list[str]] = {}
    for line in marked.splitlines(keepends=True):
        mark = line[:MARKS]
        if mark in (_OURS, _BASE, _THEIRS):
            part = mark
            sides[part] = []
        elif mark == _END:
            added = sides.get(_OURS, []) + sides.get(_THEIRS, [])
            if sides.get(_BASE) or not all(_LIST_ITEM.match(x) or not x.strip() for x in added):
                return None
            kept += added
            part, sides = None, {}
        else:
            (sides[part] if part else kept).append(line)
    return None if part else "".join(kept)


def _merge_file(base: str, ours: str, theirs: str, *options: str) -> str | None:
    """The output of `git merge-file` on the three texts: with `options` asking for conflict
    markers, the text with them; else None when the same lines were changed differently."""
    with tempfile.TemporaryDirectory(prefix="garefil-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "--stdout", "--quiet", *options, *paths], capture_output=True
        )
    if not 0 <= done.returncode < 128 or (done.returncode > 0 and not options):
        return None  # 1–127: that many clashes; other codes: git could not merge at all
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
