"""Git's side of merging notes: its three-way text merge, and the `garefil` merge driver.

The driver is declared for `*.md` and for the shared settings (`.garefil/config.toml`, merged by
core/settings_merge.py) in the notebook's `.gitattributes` (shared with the notes) and
registered in each clone's own `.git/config` (git never shares that file, and the command names
this computer's Python): `merge.garefil.driver` runs `python -m garefil merge-driver %O %A %B %P`.
A clone where it is missing merges as plain git does, and garefil's usual conflict handling
keeps both versions; every command that writes registers it again.
"""

from __future__ import annotations

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


def merge_text(base: str, ours: str, theirs: str) -> str | None:
    """Git's three-way merge of three texts; None when the same lines were changed differently."""
    with tempfile.TemporaryDirectory(prefix="garefil-merge-") as folder:
        paths = []
        for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
            path = Path(folder) / name
            path.write_bytes(text.encode("utf-8"))
            paths.append(str(path))
        done = subprocess.run(
            ["git", "merge-file", "--stdout", "--quiet", *paths], capture_output=True
        )
    if done.returncode != 0:  # >0: that many clashes; <0: git could not merge at all
        return None
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None
