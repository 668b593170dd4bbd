"""What a source folder holds for `garefil import`: the files to import, and those passed over.

The source is only read: its symbolic links are never followed, its hidden folders never entered,
and a file is never read past the size a note typed by a person could have. Every file passed
over says why (a msgid, translated where it is shown).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_DIR
from .conflict_copies import is_conflict_copy
from .errors import N_
from .notebook import is_hidden_path

TEXT_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text")
MAX_SOURCE_BYTES = 10 * 1024 * 1024  # a note is text typed by a person; beyond this, an export
# Why a file is not imported (msgids, translated where they are shown).
NOT_TEXT = N_("not a text note (only these files are imported: {suffixes})")
TOO_BIG = N_("the file is larger than 10 MB")
LINK = N_("symbolic link: not followed")
HIDDEN = N_("hidden file or folder: skipped")
NOTEBOOK_INSIDE = N_("this folder is the notebook itself: skipped")
NOTEBOOK_PAGE = N_("a page of the other notebook, not a note: skipped")
UNREADABLE = N_("the file cannot be read ({detail})")
CONFLICT_COPY = N_(
    "the other version of a note in conflict, waiting for `garefil resolve` there: not a note"
)


@dataclass(frozen=True)
class Passed:
    """A file not imported: `reason` is a msgid formatted with `params`; `line` if known."""

    source: str
    reason: str
    params: tuple[tuple[str, str], ...] = ()
    line: int = 0

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason.format(**dict(self.params))}"


def source_files(folder: Path, notebook_root: Path) -> list[tuple[str, Path | Passed]]:
    """Every file below `folder`, sorted: its path, or why it is passed over. Symbolic links
    are never followed (a file or folder that is a link is reported), hidden folders never
    entered; when `folder` is another notebook, its own pages (sommaire, README) are skipped."""
    other_notebook = (folder / CONFIG_DIR).is_dir()
    found: list[tuple[str, Path | Passed]] = []
    stack = [(folder, "")]
    while stack:
        current, prefix = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError as error:
            found.append((prefix, Passed(prefix, UNREADABLE, (("detail", str(error)),))))
            continue
        for entry in entries:
            relative = prefix + entry.name
            if other_notebook and not entry.name.startswith(".") and is_hidden_path(relative):
                shown = relative + "/" if entry.is_dir(follow_symlinks=False) else relative
                found.append((relative, Passed(shown, NOTEBOOK_PAGE)))
            elif entry.is_symlink():
                found.append((relative, Passed(relative, LINK)))
            elif entry.is_dir():
                if entry.name.startswith("."):
                    found.append((relative, Passed(relative + "/", HIDDEN)))
                elif Path(entry.path).resolve() == notebook_root:
                    found.append((relative, Passed(relative + "/", NOTEBOOK_INSIDE)))
                else:
                    stack.append((Path(entry.path), relative + "/"))
            elif entry.name.startswith("."):
                found.append((relative, Passed(relative, HIDDEN)))
            else:
                found.append((relative, _text_file(relative, Path(entry.path))))
    return sorted(found, key=lambda item: item[0])


def _text_file(relative: str, path: Path) -> Path | Passed:
    if not path.name.lower().endswith(TEXT_SUFFIXES):
        return Passed(relative, NOT_TEXT, (("suffixes", ", ".join(TEXT_SUFFIXES)),))
    if is_conflict_copy(relative):  # its note is imported; a second copy of it would clash
        return Passed(relative, CONFLICT_COPY)
    return path


def read_source(path: Path) -> bytes | None:
    """The file's bytes, None when it is too large to be a note (the file is never opened for
    writing, and never read past the limit)."""
    with open(path, "rb") as handle:
        raw = handle.read(MAX_SOURCE_BYTES + 1)
    return None if len(raw) > MAX_SOURCE_BYTES else raw
