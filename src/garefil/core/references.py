"""How a coach names a note on the command line: a path, an id, part of one, or `@dernier`.

Tried in order: an existing file; `@dernier` (the note whose file changed last); the exact id;
the random part that ends every id (`show k7m3q`); a prefix of an id or a path; a prefix once
accents and case are folded. Several matches list the candidates instead of picking one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from .errors import (
    AmbiguousReference,
    EmptyReference,
    NoteNotFound,
    NoteNotFoundClose,
    NotInNotebook,
    SharedId,
    UnsafePath,
)
from .model import Listing, Problem
from .notebook import NOTE_SUFFIX, Notebook
from .notefile import path_id
from .notetypes import is_type
from .text import fold

MAX_CANDIDATES = 5
LAST_NOTE = ("@dernier", "@derniere", "@last")
SHOWN_REF = 60  # a reference quoted in a message is cut here
HEADER_BYTES = 4096  # where an unreadable note's `id:` line is looked for
_ID_LINE = re.compile(rb"^id:[ \t]*[\"']?([^\"'\r\n]+?)[\"']?[ \t]*\r?$", re.MULTILINE)


# What a reference is matched against: the id of each file that may be named, by path.
Names = dict[str, str]


def resolve(
    notebook: Notebook,
    ref: str,
    cwd: Path,
    listing: Listing | Names | Callable[[], Listing | Names],
) -> str:
    """The relative path of the note that `ref` names; NoteNotFound or AmbiguousReference.
    `listing` (the notes, or just their `names`) may be given as a function: a path needs
    neither, which is then never made."""
    if not ref.strip():
        raise EmptyReference()  # it would be a prefix of every id
    direct = _as_existing_path(notebook, ref, cwd)
    if direct:
        return direct
    if fold(ref.strip()) in LAST_NOTE:
        return last_written(notebook, ref)
    if callable(listing):
        listing = listing()
    if isinstance(listing, Listing):
        known = names(notebook, {n.path: n.id for n in listing.notes}, listing.problems)
    else:
        known = listing
    found = _matching(known, ref)
    if len(found) == 1:
        return found[0]
    if not found:
        raise NoteNotFound(ref=shown(ref))
    more = ["…"] if len(found) > MAX_CANDIDATES else []
    if len({known[p] for p in found}) == 1:  # one id, several files: only paths tell them apart
        raise SharedId(ref=shown(ref), paths=", ".join(found[:MAX_CANDIDATES] + more))
    candidates = [known[p] for p in found[:MAX_CANDIDATES]]
    raise AmbiguousReference(ref=shown(ref), candidates=", ".join(candidates + more))


def names(notebook: Notebook, ids: Mapping[str, str], problems: Iterable[Problem]) -> Names:
    """The names a reference is matched against: the `ids` of the readable notes, by path, and
    for each file that cannot be read, the id its `id:` line gives, else its file name's."""
    unreadable = {p.path: written_id(notebook, p.path) or path_id(p.path) for p in problems}
    return {**ids, **unreadable}


def _matching(known: Mapping[str, str], ref: str) -> list[str]:
    """The paths `ref` names, by the first rule that finds any."""
    folded = fold(ref)
    rules = (
        lambda path, note_id: note_id == ref,
        lambda path, note_id: note_id.endswith(f"-{ref}") or path_id(path).endswith(f"-{ref}"),
        lambda path, note_id: note_id.startswith(ref) or path.startswith(ref),
        lambda path, note_id: fold(note_id).startswith(folded),
        lambda path, note_id: path_id(path).rsplit("/", 1)[-1] == ref,  # a file name alone
    )
    for rule in rules:
        found = sorted(path for path, note_id in known.items() if rule(path, note_id))
        if found:
            return found
    return []


def written_id(notebook: Notebook, path: str) -> str | None:
    """The `id:` line of a note whose header cannot be read as a whole, so that the id a coach
    knows it by still names it (to show what is wrong, or to fix it with `edit`)."""
    try:
        with open(notebook.absolute(path), "rb") as handle:
            head = handle.read(HEADER_BYTES)
    except (OSError, NotInNotebook):
        return None
    if not head.startswith(b"---"):
        return None
    end = head.find(b"\n---", 3)
    found = _ID_LINE.search(head, 0, end if end > 0 else len(head))
    return found.group(1).decode("utf-8", "replace") if found else None


def last_written(notebook: Notebook, ref: str = LAST_NOTE[0]) -> str:
    """The note whose file changed last (created, edited, tagged or received by sync)."""
    stats = notebook.note_stats()
    if not stats:
        raise NoteNotFound(ref=ref)
    return max(stats, key=lambda stat: (stat[2], stat[0]))[0]


def shown(ref: str) -> str:
    """`ref` as a message quotes it: on one line, and cut when very long."""
    one_line = " ".join(ref.split())
    return one_line if len(one_line) <= SHOWN_REF else one_line[:SHOWN_REF] + "…"


def _as_existing_path(notebook: Notebook, ref: str, cwd: Path) -> str | None:
    for candidate in (cwd / ref, notebook.root / ref, notebook.root / f"{ref}{NOTE_SUFFIX}"):
        if candidate.suffix == NOTE_SUFFIX and _leads_nowhere(candidate):
            # A link to nothing here (a teammate's, to their own files): refused as one leading
            # outside is, not « no note », which would send the coach looking for a lost one.
            raise UnsafePath(path=ref)
        try:
            if candidate.suffix != NOTE_SUFFIX or not candidate.is_file():
                continue
            return notebook.relative(candidate)
        except NotInNotebook:  # a file elsewhere is not one of this notebook's notes
            continue
        except (OSError, ValueError):  # a name too long for the system, a NUL byte…
            return None
    return None


def _leads_nowhere(path: Path) -> bool:
    """Whether `path` is a symbolic link to nothing that exists."""
    try:
        return path.is_symlink() and not path.exists()
    except (OSError, ValueError):  # a name too long for the system, a NUL byte…
        return False


def resolve_of_type(notebook: Notebook, ref: str, cwd: Path, listing: Listing, kind: str) -> str:
    """Like `resolve`, but a `ref` naming no note proposes the closest ids of type `kind`
    (a letter typed wrong in `k7m3q`)."""
    try:
        return resolve(notebook, ref, cwd, listing)
    except EmptyReference:
        raise
    except NoteNotFound:
        ids = [n.id for n in listing.notes if is_type(n, kind)]
        close = close_ids(ref, ids)
        if not close:
            raise
        raise NoteNotFoundClose(ref=shown(ref), close=", ".join(close)) from None


def close_ids(ref: str, ids: list[str], limit: int = 3) -> list[str]:
    """The ids most like `ref`, whole or by their random ending; best first."""
    from difflib import get_close_matches

    by_end = {note_id.rsplit("-", 1)[-1]: note_id for note_id in ids}
    close = get_close_matches(ref, ids, n=limit, cutoff=0.75)
    close += [by_end[end] for end in get_close_matches(ref, list(by_end), n=limit, cutoff=0.6)]
    return list(dict.fromkeys(close))[:limit]
