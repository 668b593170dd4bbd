"""What the workflow commands (rdv, cr) share: find a note of one type, record a change."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from garefil.core import clock
from garefil.core import entrepreneurs as people
from garefil.core import notes as notes_core
from garefil.core.errors import InvalidFicheEmail
from garefil.core.model import Listing, Note
from garefil.core.notebook import Notebook
from garefil.core.references import resolve_of_type

from . import render
from .common import indexed_listing
from .context import Services


def note_of_type(
    services: Services, notebook: Notebook, ref: str, kind: str
) -> tuple[Note, Listing]:
    """The note `ref` names, read from its file (the whole header), and the listing; an unknown
    `ref` proposes the closest ids of notes of type `kind`."""
    listing = indexed_listing(services, notebook)
    path = resolve_of_type(notebook, ref, Path.cwd(), listing, kind)
    return notes_core.read(notebook, path), listing


def record(
    services: Services,
    notebook: Notebook,
    note: Note,
    changes: Mapping[str, Any],
    what: str,
    others: Sequence[str] = (),
) -> bool:
    """Write `changes` in the note's header (their lines only) and commit it with `others`
    (paths already written); False when nothing changed."""
    if not notes_core.update(notebook, note.path, changes) and not others:
        return False
    paths = [notebook.absolute(p) for p in (note.path, *others)]
    services.repository(notebook.root).commit(paths, notes_core.commit_message(note, " — " + what))
    return True


def entrepreneur_fiche(notebook: Notebook, listing: Listing, name: str | None) -> Note | None:
    """`name`'s fiche, its whole header read from the file (the catalogue keeps no address)."""
    person = people.known(people.entrepreneurs(listing.notes, clock.today()), name)
    if person is None or person.fiche is None:
        return None
    return notes_core.read(notebook, person.fiche.path)


def entrepreneur_email(notebook: Notebook, listing: Listing, name: str | None) -> str | None:
    """The address `name`'s fiche gives, or None; one that is no address is said (file and
    line) as a warning, and the fiche gives none."""
    try:
        return people.email_of(entrepreneur_fiche(notebook, listing, name))
    except InvalidFicheEmail as invalid:
        render.problem_line(render.problem_text(invalid))
        return None
