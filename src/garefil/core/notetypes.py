"""The kinds of notes the team writes, where their files go and what a new one starts with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import UnknownNoteType
from .text import fold


@dataclass(frozen=True)
class NoteType:
    """A note type: its folder, whether its files are filed by year, its first status."""

    name: str
    folder: str
    by_year: bool = True
    initial_status: str | None = None


BUILTIN_TYPES: dict[str, NoteType] = {
    t.name: t
    for t in (
        NoteType("cr", "cr", initial_status="brouillon"),
        NoteType("rdv", "rdv", initial_status="prevu"),
        NoteType("reunion", "reunions", initial_status=None),
        NoteType("pad", "pads", by_year=False),
        NoteType("demande", "demandes", initial_status="ouverte"),
        NoteType("fiche", "fiches", by_year=False, initial_status="actif"),
        NoteType("note", "divers"),
    )
}


def get_type(name: str, types: dict[str, NoteType] | None = None) -> NoteType:
    """The note type called `name`, or UnknownNoteType listing the known ones."""
    types = types or BUILTIN_TYPES
    try:
        return types[name]
    except KeyError:
        raise UnknownNoteType(name=name, known=", ".join(types)) from None


def find_type(name: str, types: dict[str, NoteType] | None = None) -> NoteType:
    """The note type `name` designates however a coach writes it ("CR", "Réunion", "reunions"):
    its name or its folder, without case or accents, singular or plural."""
    types = types or BUILTIN_TYPES
    wanted = fold(name.strip())
    for spelling in (wanted, wanted.removesuffix("s")):
        for candidate in (lambda t: fold(t.name), lambda t: fold(t.folder)):
            found = [t for t in types.values() if candidate(t) == spelling]
            if found:
                return found[0]
    raise UnknownNoteType(name=name, known=", ".join(types))


def template_text(name: str, notebook_templates: Path) -> str:
    """The notebook's own template for `name` if it has one, else the built-in one."""
    custom = notebook_templates / f"{name}.md"
    if custom.is_file():
        return custom.read_text(encoding="utf-8")
    from importlib import resources

    builtin = resources.files("garefil") / "templates" / f"{name}.md"
    if builtin.is_file():
        return builtin.read_text(encoding="utf-8")
    return "# $title\n"
