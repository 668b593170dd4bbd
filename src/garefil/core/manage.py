"""Deleting and renaming notes, so that nobody has to do it with git by hand.

A note deleted or renamed outside garefil is only "changed outside garefil" at the next sync;
done here, the change is committed at once, as a deletion or as a rename (git sees the same
content under a new name, and `history` follows it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .conflict_copies import copies_beside, is_conflict_copy
from .dates import day_of, iso
from .errors import BlankTitle, ConflictPending, InvalidNote, NoteExists, NotInNotebook
from .frontmatter_text import FrontMatterError, PatchRefused, parse, patch
from .model import Note
from .notebook import NOTE_SUFFIX, Notebook
from .notes import file_label, read
from .text import fold, slugify


def delete(notebook: Notebook, path: str) -> Path:
    """Delete the note at `path`; the file that is gone (for the commit)."""
    refuse_pending_conflict(notebook, path)
    return notebook.remove(path)


def refuse_pending_conflict(notebook: Notebook, path: str) -> None:
    """ConflictPending if the other version of the note at `path` still waits for `resolve`:
    moved or deleted, the note would leave its copy pairing with a file that is gone."""
    if is_conflict_copy(path):
        return  # a copy itself may be removed: that is keeping the note
    waiting = copies_beside(notebook.absolute(path))
    if waiting:
        folder = path.rpartition("/")[0]
        raise ConflictPending(path=path, copy=f"{folder}/{waiting[0]}" if folder else waiting[0])


def symbolic_link(notebook: Notebook, ref: str, cwd: Path) -> str | None:
    """The notebook path of the symbolic link `ref` names (a teammate's hostile link, say), or
    None: such a link is never followed, but it may be removed like a note. `ref` is read from
    `cwd`, then from the notebook's root (as `jardin` and `sync` write paths)."""
    for base in (cwd, notebook.root):
        written = Path(os.path.normpath(base / ref))
        if written.is_symlink():
            return _link_in(notebook, written)
    return None


def _link_in(notebook: Notebook, written: Path) -> str | None:
    """The notebook path of the link `written`, if its folder is the notebook's own."""
    try:  # the folder holding the link must be the notebook's own, the link itself not followed
        folder = notebook.relative(written.parent) if written.parent != notebook.root else ""
    except NotInNotebook:
        return None
    relative = f"{folder}/{written.name}" if folder else written.name
    return None if relative.split("/")[0] == ".git" else relative


def delete_link(notebook: Notebook, relative: str) -> Path:
    """Remove the symbolic link at `relative` itself (never what it points to)."""
    link = notebook.root / relative
    link.unlink()
    return link


def rename(notebook: Notebook, path: str, title: str | None, new_path: str | None) -> str:
    """Give the note at `path` a new title (and the file name that goes with it) or a new path;
    the note's new path. Its text is otherwise unchanged; an existing file is never replaced."""
    if title is not None and not title.strip():
        raise BlankTitle()
    refuse_pending_conflict(notebook, path)
    note = read(notebook, path)
    try:
        text = notebook.absolute(path).read_bytes().decode("utf-8")
        if title is not None:
            text = with_heading(patch(text, {"title": title}), note.title, title)
    except UnicodeDecodeError:
        raise InvalidNote(path=path, line=1, detail="not UTF-8") from None
    except (FrontMatterError, PatchRefused) as error:
        raise InvalidNote(path=path, line=1, detail=str(error)) from None
    target = new_path or path_for_title(note, title or note.title)
    target = notebook.relative(notebook.absolute(target))
    if target == path:
        notebook.replace(path, text)
        return path
    if notebook.absolute(target).exists():
        raise NoteExists(path=target)
    notebook.write_new(target, text)
    notebook.remove(path)
    return target


# The body's first `# …` heading, which garefil's templates make the title (`# $title`).
_HEADING = re.compile(r"^(#[ \t]+)(.*?)([ \t]+#+)?([ \t]*\r?\n?)$")


def with_heading(text: str, former: str, new: str) -> str:
    """`text` with its body's first `#` heading saying `new`, when it said the `former` title
    (case, accents and spaces aside); a heading the coach wrote otherwise is theirs."""
    lines = text.splitlines(keepends=True)
    for number in range(parse(text).body_line - 1, len(lines)):
        found = _HEADING.match(lines[number])
        if found is None:
            continue
        if " ".join(fold(found[2]).split()) != " ".join(fold(former).split()):
            return text
        lines[number] = f"{found[1]}{new}{found[4]}"
        return "".join(lines)
    return text


def path_for_title(note: Note, title: str) -> str:
    """Where the note goes once it has `title`: garefil's file name for a note it wrote
    (`DATE-ENTREPRENEUR-TITLE-SUFFIX.md`), or the title's slug in the same folder."""
    folder, _, name = note.path.rpartition("/")
    prefix = f"{folder}/" if folder else ""
    suffix = note.id.rsplit("-", 1)[-1] if "-" in note.id else ""
    day = iso(day_of(note.date)) if note.date else ""
    label = file_label(note.type, note.entrepreneur, title)  # as the note was named when written
    if day and suffix and name.startswith(day) and name.endswith(f"-{suffix}{NOTE_SUFFIX}"):
        return f"{prefix}{day}-{slugify(label)}-{suffix}{NOTE_SUFFIX}"
    return f"{prefix}{slugify(title) or 'note'}{NOTE_SUFFIX}"
