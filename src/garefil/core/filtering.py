"""The filters a coach types, checked and resolved against what the notebook knows.

Type names are accepted however they are written ("CR", "Réunion", "reunions"); a status must be
one the notebook knows (those of its note types, and those its notes use); people are found by
the one rule of people.py. An unknown type or status is an error that lists the known ones:
answering "no note" to a typo would be a silent wrong answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cached_property

from .config import Config
from .errors import UnknownStatus
from .model import Note, NoteFilter
from .notetypes import NoteType, find_type
from .people import find_person, known_person
from .text import fold

# A type field of a search query. These patterns are compiled when first used (re's own
# cache), by a query that holds a colon: most queries are words alone.
_TYPE_IN_QUERY = r'(?i)(?<![\w:/])type:("[^"]*"|[^\s()"*?]+)(?=[\s()]|$)'
# A status field of a search query, as normalize_query leaves it (its name folded, lowercase).
_STATUS_IN_QUERY = r'(?<![\w:/])(?:status|etat|statut):("[^"]*"|[^\s()"]+)'
# The statuses the team's note types go through (beyond a type's first status, in the config),
# as the team spells them: the files may write them without accents, and a filter folds both.
TYPE_STATUSES = {
    "cr": ("brouillon", "envoyé"),
    "rdv": ("prévu", "tenu", "annulé", "reporté"),
    "demande": ("ouverte", "close"),
    "fiche": ("actif", "en pause", "sorti"),  # also entrepreneurs.STATUSES
}


class Known:
    """What the notebook knows, read from its notes once, and only when a filter needs it."""

    def __init__(self, config: Config, notes: Callable[[], Iterable[Note]]) -> None:
        self.config = config
        self._read = notes

    @cached_property
    def notes(self) -> tuple[Note, ...]:
        """The notebook's notes, as the catalogue knows them."""
        return tuple(self._read())

    def entrepreneurs(self) -> set[str]:
        """Every entrepreneur named by a note."""
        return {n.entrepreneur for n in self.notes if n.entrepreneur}

    def referents(self) -> set[str]:
        """Every referent named by a note, and the team's members."""
        return {n.referent for n in self.notes if n.referent} | set(self.config.members)

    def statuses(self, types: tuple[str, ...]) -> list[str]:
        """The statuses notes of `types` (of any type when empty) can have, each once, as the
        team spells it (« envoyé », not the « envoye » a file may hold)."""
        kinds = set(types or self.config.types)
        found = [s for kind in kinds for s in TYPE_STATUSES.get(kind, ())]
        found += [t.initial_status for t in self.config.types.values() if t.name in kinds]
        found += sorted(n.status for n in self.notes if n.status and fold(n.type) in kinds)
        spelled: dict[str, str] = {}
        for status in (s for s in found if s and s.strip()):
            spelled.setdefault(fold(status.strip()), status.strip())
        return sorted(spelled.values(), key=fold)


def resolve_filter(wanted: NoteFilter, known: Known) -> NoteFilter:
    """`wanted` with canonical type names, a checked status and the people it designates."""
    types = tuple(dict.fromkeys(find_type(t, known.config.types).name for t in wanted.types))
    return replace(
        wanted,
        types=types,
        entrepreneur=_person(wanted.entrepreneur, known.entrepreneurs),
        referent=_referent(wanted.referent, known),
        status=_status(wanted.status, types, known),
    )


def _person(typed: str | None, names: Callable[[], Iterable[str]]) -> str | None:
    return find_person(typed, names()) if typed else typed


def _referent(typed: str | None, known: Known) -> str | None:
    """A référent nobody in the notebook has is an error, as a misspelt status is."""
    if not typed:
        return typed
    return known_person(typed, known.config.members, (n.referent for n in known.notes))


def _status(typed: str | None, types: tuple[str, ...], known: Known) -> str | None:
    if not typed:
        return typed
    statuses = known.statuses(types)
    if fold(typed.strip()) not in {fold(s) for s in statuses}:
        raise UnknownStatus(name=typed, known=", ".join(statuses) or "—")
    return typed.strip()


def types_in_query(text: str, types: dict[str, NoteType]) -> str:
    """Search `text` with each `type:` value written as the index holds it (`type:CR` →
    `type:cr`); an unknown type is an error listing the known ones, as with `--type`."""
    if ":" not in text:
        return text

    def exact(match: re.Match[str]) -> str:
        return "type:" + find_type(match.group(1).strip('"'), types).name

    return re.sub(_TYPE_IN_QUERY, exact, text)


def statuses_in_query(text: str, types: tuple[str, ...], known: Known) -> None:
    """Check each whole `etat:`/`statut:`/`status:` value of `text` as `--statut` is checked:
    an unknown state is an error listing the known ones, not a silent "no note"."""
    for match in re.finditer(_STATUS_IN_QUERY, text) if ":" in text else ():
        value = match.group(1).strip('"')
        if value.strip() and not any(mark in value for mark in "*?"):  # a prefix is no state
            _status(value, types, known)
