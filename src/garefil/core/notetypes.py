"""The kinds of notes the team writes, where their files go and what a new one starts with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import N_, UnknownNoteType
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


# The built-in types as a coach reads them in a sentence (`reunion` is a « réunion »): msgids,
# translated where they are shown; a type the notebook defines is shown by its own name.
TYPE_WORDS: dict[str, str] = {
    "cr": N_("report"),
    "rdv": N_("appointment"),
    "reunion": N_("meeting"),
    "pad": N_("pad"),
    "demande": N_("request"),
    "fiche": N_("profile"),
    "note": N_("note"),
}


# The French words for built-in types that are not their names (« réunion » folds to one).
FRENCH_TYPE_WORDS = {"compte-rendu": "cr", "rendez-vous": "rdv"}


# The words garefil itself names the built-in types with (TYPE_WORDS, and their French in the
# catalogue): a coach who types « compte-rendu » or « rendez-vous » means that type.
TYPE_ALIASES: dict[str, str] = {
    **{fold(word): name for name, word in TYPE_WORDS.items()},
    **FRENCH_TYPE_WORDS,
}


# The types the notebook in use declares itself (`[types.NAME]` in its settings, folded), set
# when it is opened: an alias never takes one of them for a built-in type (a declared
# `meeting` is that type, not `reunion`). Kept here because is_type, canonical_type and
# find_type are asked about a note alone, without its notebook's settings.
_declared: frozenset[str] = frozenset()


def declare_types(names: Iterable[str]) -> None:
    """Make `names`, the type names a notebook declares, the ones aliases leave alone."""
    global _declared
    declared = frozenset(fold(name) for name in names if name not in BUILTIN_TYPES)
    if declared != _declared:
        _declared = declared
        canonical_type.cache_clear()


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
    alias = _alias(wanted)
    if alias in types:
        return types[alias]
    raise UnknownNoteType(name=name, known=", ".join(types))


def _alias(folded: str, aliases: dict[str, str] = TYPE_ALIASES) -> str | None:
    """The built-in type a word of `aliases` names, in the singular or the plural, with a
    space or a hyphen (« compte rendu », « comptes-rendus », « rendez-vous »)."""
    words = folded.replace("_", " ").replace("-", " ").split()
    for spelling in ("-".join(words), "-".join(w.removesuffix("s") for w in words)):
        if spelling in _declared or folded in _declared:
            return None  # the notebook's own type, not a word for a built-in one
        if spelling in aliases:
            return aliases[spelling]
    return None


def is_type(note, name: str) -> bool:
    """Whether `note` is of the built-in type `name`, however its file spells it ("Demande",
    "Réunion", "CR"): every view compares types through here, so none misses a note."""
    written = note.type
    if written == name or written in BUILTIN_TYPES:  # as garefil writes it: no folding needed
        return written == name
    return canonical_type(written) == name


@lru_cache(maxsize=256)
def canonical_type(written: str) -> str:
    """The type a note's `type:` designates, as every view and `--type` (the catalogue's and the
    index's filters) file it: a type the notebook declares, else the built-in type it names by
    its name or folder (« Demande », « Réunions ») or a French word (« compte-rendu »), else the
    text folded. Not the English words of TYPE_ALIASES: those are for a coach's typing."""
    folded = fold(written.strip())
    spellings = (folded, folded.removesuffix("s"))
    if any(spelling in _declared for spelling in spellings):
        return next(spelling for spelling in spellings if spelling in _declared)
    for spelling in spellings:
        for known in BUILTIN_TYPES.values():
            if spelling in (fold(known.name), fold(known.folder)):
                return known.name
    return _alias(folded, FRENCH_TYPE_WORDS) or folded


def declared_type(written: str, types: dict[str, NoteType]) -> str | None:
    """The name of the type among `types` that `written` designates, or None."""
    try:
        return find_type(written, types).name
    except UnknownNoteType:
        return None


def template_text(name: str, notebook_templates: Path) -> str:
    """The notebook's own template for `name` if it has a safe one, else the built-in one.

    A template that is a link leading outside the notebook is never read (`garefil new`
    refuses it, see notes.template_text); here it is passed over for the built-in one.
    """
    custom = notebook_templates / f"{name}.md"
    if custom.is_file() and _inside_notebook(custom, notebook_templates.parent.parent):
        return custom.read_text(encoding="utf-8")
    return builtin_template(name)


def _inside_notebook(path: Path, root: Path) -> bool:
    from .errors import NotInNotebook
    from .notebook import inside  # the notebook module imports this one

    try:
        inside(root.resolve(), path, path.name)
    except NotInNotebook:
        return False
    return True


def builtin_template(name: str) -> str:
    """The template garefil ships for `name` (the notebook's own one is read by the caller)."""
    from importlib import resources

    builtin = resources.files("garefil") / "templates" / f"{name}.md"
    if builtin.is_file():
        return builtin.read_text(encoding="utf-8")
    return "# $title\n"
