"""Front-matter fields other than garefil's own: found by search, filtered by `list --champ`.

A notebook adopted from another tool carries keys such as `thematiques`, `lieu` or `organisme`.
Their string values, in lists and nested mappings too, are the note's words like any other: the
search index holds them as text, and `KEY:value` searches one of them. Web and e-mail addresses
and file paths are left out: they are not words a coach searches for. A key is named as a query
field would be: folded, with `_` for anything that is not a letter or a digit ("Type de
structure" → `type_de_structure`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .dates import iso
from .errors import InvalidFieldFilter, UnfilteredValue, UnknownNoteField, UnknownNoteFieldClose
from .model import Note
from .text import fold, person_key

# The keys garefil reads itself (notefile.py); every other key is an extra field.
OWN_KEYS = frozenset(
    {
        "id",
        "type",
        "title",
        "date",
        "entrepreneur",
        "referent",
        "author",
        "participants",
        "tags",
        "status",
        "decisions",
        "actions",
    }
)
# garefil's own keys a `--champ` filter reads from the note itself: they are not extra fields.
STANDARD_FILTERS = frozenset(OWN_KEYS - {"decisions", "actions"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# Compiled when first needed (re caches it): searching imports this module, only indexing uses it.
_NOT_WORDS = (
    r"(?i)^(?:[a-z][a-z0-9+.-]*://\S*|mailto:\S+|[^\s@]+@[^\s@]+\.[^\s@]+"  # addresses
    r"|[~.]{0,2}/\S*|[a-z]:\\\S*|\S+[/\\]\S+\.\w{1,5})$"  # paths
)
# Keys whose values are addresses or numbers, which are left out as the values above are.
_ADDRESS_KEYS = frozenset({"email", "e_mail", "courriel", "mail", "telephone", "tel", "phone"})
_NUMBERS = re.compile(r"[\d\s./:+-]+")  # dates, times, phone numbers, amounts
# Keys whose addresses and paths are what matters: a pad's address, a document's file, the file
# `garefil import` brought a note from. Their values are kept whole, so that listings and the
# sommaire read them from the catalogue and `imported_from:reunions` finds what came from there.
KEPT_WHOLE = frozenset({"url", "pad", "documents", "imported_from"})
# Keys searched only by name (`imported_from:hebdo`): where a note came from is none of its words.
FIELD_ONLY = frozenset({"imported_from"})
# A hostile or generated header must not make one note weigh like a thousand.
MAX_VALUES = 200
MAX_LENGTH = 2000
MAX_DEPTH = 8
MAX_NODES = 5000
NESTED_DEPTH = 3  # organisme.adresse.ville: deeper keys are still words of their top key
NESTED = "."
MAX_NESTED = 50  # each nested key's values are gathered again: a hostile header stays cheap

ExtraFields = tuple[tuple[str, tuple[str, ...]], ...]


def field_name(key: object) -> str:
    """A front-matter key as a search field and `--champ` key ("Thématiques" → thematiques)."""
    return _NOT_ALNUM.sub("_", fold(str(key))).strip("_")


def field_path(key: object) -> str:
    """A key as typed by a coach, nested keys by their path ("Organisme.Nom" → organisme.nom)."""
    parts = [field_name(part) for part in str(key).split(NESTED)]
    return NESTED.join(parts) if all(parts) else field_name(key)


def query_field(name: str) -> str:
    """A field as the engine's query language names it: a nested key's path joined by "__"
    (never in a key's own name, whose other characters are each one "_")."""
    return field_path(name).replace(NESTED, "__") if NESTED in name else name


def is_nested(name: str) -> bool:
    """Whether an extra field is a nested key (its values are also its top key's)."""
    return NESTED in name


def extra_fields(metadata: Mapping[Any, Any]) -> ExtraFields:
    """The string values of the keys garefil does not read itself, by field name; then those
    of keys nested in mappings, by their path."""
    found: dict[str, list[str]] = {}
    nested: dict[str, list[str]] = {}
    for key, value in metadata.items():
        if key in OWN_KEYS:
            continue  # most keys, told apart without folding them
        name = field_name(key)
        if name and name not in OWN_KEYS:
            found.setdefault(name, []).extend(_strings(value, name in KEPT_WHOLE))
            _nested(name, value, nested, 1)
    found.update((name, values) for name, values in nested.items() if name not in found)
    return tuple((name, tuple(values[:MAX_VALUES])) for name, values in found.items() if values)


def is_word_value(text: str) -> bool:
    """Whether a header value is words a coach searches for, as search indexes them: not a web
    or e-mail address, nor a file path (the values of KEPT_WHOLE keys may be)."""
    text = text.strip()
    return bool(text) and not re.match(_NOT_WORDS, text)


def _nested(path: str, value: Any, found: dict[str, list[str]], depth: int) -> None:
    """The keys of the mapping `value`, by path, at most NESTED_DEPTH deep and MAX_VALUES keys."""
    if not isinstance(value, Mapping) or depth > NESTED_DEPTH:
        return
    for key, child in list(value.items())[:MAX_VALUES]:
        name = field_name(key)
        if name and len(found) < MAX_NESTED:
            found.setdefault(path + NESTED + name, []).extend(_strings(child))
            _nested(path + NESTED + name, child, found, depth + 1)


def _strings(value: Any, whole: bool = False) -> list[str]:
    """The words-like strings in `value`, depth first, visiting at most MAX_NODES values: YAML
    aliases can make a small header a huge (or endless) tree."""
    strings: list[str] = []
    pending, visited = [(value, 0)], 0
    while pending and visited < MAX_NODES and len(strings) < MAX_VALUES:
        item, depth = pending.pop()
        visited += 1
        if isinstance(item, str):
            text = item.strip()[:MAX_LENGTH]
            if text and (whole or not re.match(_NOT_WORDS, text)):
                strings.append(text)
        elif depth < MAX_DEPTH and isinstance(item, Mapping | list | tuple):
            items = list(item.values()) if isinstance(item, Mapping) else list(item)
            pending.extend((child, depth + 1) for child in reversed(items[:MAX_VALUES]))
        # numbers, dates, booleans: not words
    return strings


def parse_filter(text: str) -> tuple[str, str]:
    """`--champ lieu=Lyon` → ("lieu", "lyon"): the field name, and the value folded like names."""
    key, equals, value = text.partition("=")
    if not equals or not field_path(key) or not value.strip():
        raise InvalidFieldFilter(value=text)
    return field_path(key), person_key(value)


def has_field(note: Note, key: str, value: str) -> bool:
    """Whether `note` has `value` (folded like names) among the values of its field `key`."""
    return any(person_key(candidate) == value for candidate in field_values(note, key))


def field_values(note: Note, key: str) -> tuple[str, ...]:
    """The values of the header key `key`: garefil's own (`status`, `referent`…) as the note
    reads them, any other from its extra fields."""
    if key in STANDARD_FILTERS:
        own = getattr(note, key)
        if isinstance(own, tuple):
            return own
        return (own if isinstance(own, str) else iso(own),) if own else ()
    return tuple(value for name, values in note.extra_fields if name == key for value in values)


def known_fields(notes: Iterable[Note]) -> set[str]:
    """The extra field names used in `notes`."""
    return {name for note in notes for name, _ in note.extra_fields}


def check_filters(notes: Iterable[Note], filters: Iterable[tuple[str, str]]) -> None:
    """Raise UnknownNoteField when no note has the key of one of the (key, value) `filters`,
    naming those that exist; UnfilteredValue when its value is of those left out (an address,
    a date, a number), which would make "no note has it" a false answer."""
    filters = list(filters)
    if not filters:
        return
    known = known_fields(notes)
    for key, value in filters:
        if key in known or key in STANDARD_FILTERS:
            continue
        names = ", ".join(sorted(known | STANDARD_FILTERS))
        if key in _ADDRESS_KEYS or re.match(_NOT_WORDS, value) or _NUMBERS.fullmatch(value):
            raise UnfilteredValue(name=key, known=names)
        close = close_fields(key, known | STANDARD_FILTERS)
        if close:
            raise UnknownNoteFieldClose(name=key, close=", ".join(close), known=names)
        raise UnknownNoteField(name=key, known=names)


# The French names a coach may give garefil's own fields, as the search's etat: and titre: do.
_FRENCH_NAMES = {
    "statut": "status",
    "etat": "status",
    "titre": "title",
    "auteur": "author",
    "etiquette": "tags",
    "etiquettes": "tags",
    "tag": "tags",
    "referente": "referent",
}


def close_fields(key: str, known: Iterable[str]) -> list[str]:
    """The field names `key` probably means: its English name (« statut » is status), or the
    names it misspells."""
    from difflib import get_close_matches  # only when a filter names no field

    known = sorted(known)
    english = [name for name in [_FRENCH_NAMES.get(fold(key))] if name in known]
    return list(dict.fromkeys([*english, *get_close_matches(fold(key), known, n=3, cutoff=0.75)]))
