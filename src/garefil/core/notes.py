"""Use cases on notes: scan, filter, resolve a reference, create, update.

These functions take a Notebook (and, where history is written, a Repository port) and return
values; they never print. Reading is tolerant: a broken note becomes a `Problem` and the others
are still returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import ids
from .config import CONFIG_DIR
from .dates import NoteDate, day_of, iso
from .errors import (
    DuplicateFiche,
    EmptyTag,
    FicheWithoutEntrepreneur,
    InvalidNote,
    InvalidTomlNote,
    NotInNotebook,
    NotTextNote,
    TomlHeader,
)
from .frontmatter_text import (
    TOML_PROBLEMS,
    FrontMatterError,
    PatchRefused,
    TomlNotWritten,
    patch,
    render,
)
from .model import Listing, Note, Problem
from .notebook import TEMPLATES_DIR, Notebook, unreadable
from .notefile import read_note
from .notetypes import builtin_template, get_type, is_type
from .people import find_person
from .selection import by_date
from .text import fold, normalize_tag, normalize_tags, same_person


def scan(notebook: Notebook, paths: Iterable[str] | None = None) -> Listing:
    """Read every note (or just `paths`); unreadable ones become problems, never exceptions."""
    notes: list[Note] = []
    problems: list[Problem] = []
    for path in notebook.note_paths() if paths is None else paths:
        try:
            notes.append(read_note(path, notebook.read_text(path), notebook.config))
        except FrontMatterError as error:
            problems.append(Problem(path, error.line, error.detail))
        except (OSError, NotInNotebook) as error:
            problems.append(Problem(path, 0, unreadable(error)))
    return Listing(tuple(notes), tuple(problems))


def resolve_path(
    notebook: Notebook,
    ref: str,
    cwd: Path,
    listing: Listing | Callable[[], Listing] | None = None,
) -> str:
    """The relative path of the note that `ref` names (see core/references.py); `listing`, if
    a function, is called only when `ref` is not a path."""
    from .references import resolve

    return resolve(notebook, ref, cwd, listing if listing is not None else lambda: scan(notebook))


def read(notebook: Notebook, path: str, register: bool = True) -> Note:
    """The note at `path` (with its decisions, actions and roles if `register`), or InvalidNote
    naming the line that cannot be read."""
    try:
        return read_note(path, notebook.read_text(path), notebook.config, register)
    except FrontMatterError as error:
        raise unreadable_note(path, error) from error


def unreadable_note(path: str, error: FrontMatterError) -> InvalidNote:
    """The error for a note that cannot be read: a file that is no text at all is to be
    removed (as `jardin` says), never fixed in the editor."""
    from .notebook import NOT_TEXT

    if error.detail == NOT_TEXT:
        return NotTextNote(path=path, line=error.line, detail=error.detail)
    if error.detail in TOML_PROBLEMS:  # its fix is not in YAML
        return InvalidTomlNote(path=path, line=error.line, detail=error.detail)
    return InvalidNote(path=path, line=error.line, detail=error.detail)


def require_text(path: str, raw: bytes) -> None:
    """NotTextNote if the bytes of the note at `path` are not text: no editor opens them."""
    from .notebook import decode_text

    try:
        decode_text(raw)
    except FrontMatterError as error:
        raise unreadable_note(path, error) from error


def check_readable(notebook: Notebook, path: str, raw: bytes) -> None:
    """InvalidNote (with its line) if `raw`, saved at `path`, could not be read as a note."""
    from .notebook import decode_text

    try:
        read_note(path, decode_text(raw), notebook.config)
    except FrontMatterError as error:
        raise InvalidNote(path=path, line=error.line, detail=error.detail) from error


@dataclass(frozen=True)
class NewNote:
    """What a coach asks for with `garefil new`."""

    type: str
    title: str | None = None
    entrepreneur: str | None = None
    referent: str | None = None
    author: str | None = None
    participants: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    date: NoteDate | None = None
    body: str | None = None
    status: str | None = None  # else the type's first status
    fields: tuple[tuple[str, Any], ...] = ()  # other front-matter keys (None: left out)


@dataclass(frozen=True)
class Draft:
    """A new note before it is written: where it goes and its first text."""

    path: str
    text: str


def draft(
    notebook: Notebook, request: NewNote, today: date, listing: Listing | None = None
) -> Draft:
    """The file a new note would be; `listing` holds the notes already there (else read).

    DuplicateFiche when the entrepreneur already has a fiche (names folded: case, accents,
    spaces): one fiche per person, so that everyone updates the same one.
    """
    note_type = get_type(request.type, notebook.config.types)
    when = request.date or today
    if not request.referent and notebook.config.default_referent:
        request = replace(request, referent=notebook.config.default_referent)
    listing = listing if listing is not None else scan(notebook)
    _refuse_second_fiche(request, listing)
    note_id = ids.new_id(day_of(when), note_type.name, {n.id for n in listing.notes})
    title = request.title or _default_title(request, when)
    status = request.status or note_type.initial_status
    metadata = _initial_metadata(notebook, request, note_id, title, when, status)
    body = (
        request.body
        if request.body is not None
        else _template(notebook, request, title, when, status)
    )
    label = file_label(note_type.name, request.entrepreneur, title)
    path = ids.note_path(note_type, day_of(when), label, note_id)
    return Draft(path, render(metadata, body))


def _refuse_second_fiche(request: NewNote, listing: Listing) -> None:
    """One fiche per person, found by the rule every filter uses ("Dupont" is Jean Dupont)."""
    if request.type != "fiche":
        return
    if not (request.entrepreneur or "").strip():
        raise FicheWithoutEntrepreneur()
    fiches = [n for n in by_date(listing.notes) if is_type(n, "fiche") and n.entrepreneur]
    person = find_person(request.entrepreneur, [n.entrepreneur for n in fiches])
    for note in fiches:
        if same_person(note.entrepreneur, person):
            raise DuplicateFiche(entrepreneur=note.entrepreneur, path=note.path, id=note.id)


def is_untouched(first: str, edited: str) -> bool:
    """Whether a new note came back from the editor as it was given, or blank.

    Trailing spaces and blank lines an editor adds or drops do not count as writing.
    """

    def lines(text: str) -> list[str]:
        return [line.rstrip() for line in text.strip().splitlines()]

    return not edited.strip() or lines(first) == lines(edited)


def create(
    notebook: Notebook, request: NewNote, today: date, listing: Listing | None = None
) -> Note:
    """Write a new note (never overwriting) and return it as read back from disk."""
    new = draft(notebook, request, today, listing)
    notebook.write_new(new.path, new.text)
    return read(notebook, new.path)


def _initial_metadata(
    notebook: Notebook,
    request: NewNote,
    note_id: str,
    title: str,
    when: NoteDate,
    status: str | None,
) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": note_id,
        "type": request.type,
        "title": title,
        "date": when,
        "entrepreneur": request.entrepreneur,
        "referent": request.referent,
        "author": request.author,
        "participants": list(request.participants) or None,
        "tags": list(normalize_tags(request.tags, notebook.config.synonyms)),
        "status": status,
    }
    fields |= dict(request.fields)
    return {key: value for key, value in fields.items() if value is not None}


def file_label(note_type: str, entrepreneur: str | None, title: str) -> str:
    """Words for the file name (at creation and at a rename): a fiche is named after its
    entrepreneur, whatever its title says; another note, after its title, the entrepreneur's
    name first unless the title has it."""
    if note_type == "fiche" and entrepreneur:
        return f"fiche {entrepreneur}"
    if entrepreneur and fold(entrepreneur) not in fold(title):
        return f"{entrepreneur} {title}"
    return title


def _default_title(request: NewNote, when: NoteDate) -> str:
    # Titles are notebook content, written in the team's language like the templates.
    names = {
        "cr": "Compte-rendu",
        "rdv": "Rendez-vous",
        "reunion": "Réunion d'équipe",
        "demande": "Demande",
        "fiche": "Fiche",
        "pad": "Pad",
        "note": "Note",
    }
    base = names.get(request.type, request.type.capitalize())
    if request.entrepreneur:
        return f"{base} — {request.entrepreneur}"
    return f"{base} du {iso(day_of(when))}"


def _template(
    notebook: Notebook, request: NewNote, title: str, when: NoteDate, status: str | None
) -> str:
    from string import Template

    # the header's other fields too (`$activite`, `$email`…): the body repeats what was given
    values = _Blank({k: v or "" for k, v in request.fields if v is None or isinstance(v, str)})
    values |= {
        "title": title,
        "date": iso(when) or "",
        "entrepreneur": request.entrepreneur or "",
        "referent": request.referent or "",
        "author": request.author or "",
        "participants": ", ".join(request.participants),
        "status": status or "",
    }
    # a line whose value was not given ends at its label (« - Activité : »), without a blank
    lines = template_text(notebook, request.type).split("\n")
    return "\n".join(
        Template(line).safe_substitute(values).rstrip(" \t") if "$" in line else line
        for line in lines
    )


class _Blank(dict):
    """A template's values: a header key's placeholder not given (`$activite` for `garefil new
    fiche`) is blank; any other (`$HOME`) is left as the template wrote it."""

    def __missing__(self, key: str) -> str:
        if key.islower():
            return ""
        raise KeyError(key)


def template_text(notebook: Notebook, type_name: str) -> str:
    """The notebook's own template for a type if it has one, else the built-in one.

    Templates are committed by teammates: one that is a link leading outside the notebook
    raises UnsafePath rather than copying, say, a private key into a note.
    """
    relative = f"{CONFIG_DIR}/{TEMPLATES_DIR}/{type_name}.md"
    if notebook.absolute(relative).is_file():
        return notebook.read_text(relative)
    return builtin_template(type_name)


def update(
    notebook: Notebook, path: str, changes: Mapping[str, Any], remove: Iterable[str] = ()
) -> bool:
    """Set or remove front-matter keys, touching only their lines; False if nothing changed."""
    before = notebook.read_exact(path)  # never rewrite what was not read faithfully
    after = patched(notebook, path, changes, remove, before)
    if after == before:
        return False
    notebook.replace(path, after)
    return True


def patched(
    notebook: Notebook,
    path: str,
    changes: Mapping[str, Any],
    remove: Iterable[str] = (),
    text: str | None = None,
) -> str:
    """The note's text with `changes` made, without writing it: InvalidNote (with its line)
    when its header cannot be changed line by line."""
    before = notebook.read_exact(path) if text is None else text
    try:
        return patch(before, changes, remove)
    except FrontMatterError as error:
        raise InvalidNote(path=path, line=error.line, detail=error.detail) from error
    except TomlNotWritten:
        raise TomlHeader(path=path) from None
    except PatchRefused as error:
        raise InvalidNote(path=path, line=1, detail=str(error)) from None


def commit_message(note: Note, suffix: str = "") -> str:
    """`cr: Jean Dupont (2020-04-10)`: what the history shows for a change to `note`."""
    subject = note.entrepreneur or note.title
    when = f" ({iso(day_of(note.date))})" if note.date else ""
    return f"{note.type}: {subject}{when}{suffix}"


def detail(note: Note, register: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The JSON shape of one note: its summary plus body, decisions and actions; `register`
    (decision id → its register entry) gives a decision the status and successor the
    register gives it (a replaced decision's line still says adopted)."""
    entries = register or {}
    return note.summary() | {
        "body": note.body,
        "decisions": [_decision_detail(d, entries.get(d.id)) for d in note.decisions],
        "actions": [
            {"id": a.id, "what": a.what, "who": a.who, "due": iso(a.due), "done": a.done}
            for a in note.actions
        ],
    }


def _decision_detail(decision, entry) -> dict[str, Any]:
    successor = entry.successor if entry is not None else None
    return {
        "id": decision.id,
        "text": decision.text,
        "status": entry.status if entry is not None else decision.status,
        "replaces": decision.replaces,
        "replaced_by": successor.decision.id if successor else None,
        "successor": successor.summary() if successor else None,
    }


def retag(notebook: Notebook, path: str, names: Iterable[str], remove: bool = False) -> Note | None:
    """Add (or remove) tags on the note at `path`; the updated note, or None if unchanged."""
    note = read(notebook, path)
    for name in names:
        if not normalize_tag(name, notebook.config.synonyms):
            raise EmptyTag(tag=name)
    given = normalize_tags(names, notebook.config.synonyms)
    if remove:
        wanted = [t for t in note.tags if t not in given]
    else:
        wanted = list(normalize_tags([*note.tags, *given]))
    if wanted == list(note.tags) and "tags" in note.metadata:
        return None
    if not update(notebook, path, {"tags": wanted}):
        return None
    return read(notebook, path)
