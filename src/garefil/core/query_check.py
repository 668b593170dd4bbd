"""The checks a search passes before the engine reads it.

A query the engine would misread (an unclosed quote, an operator with nothing to join, a field
without a value, nothing but punctuation) gives one clear error with an example instead of a
surprising result or none; the index is never touched for it.
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Callable, Collection

from .errors import (
    DanglingOperator,
    DateField,
    DoubledOperator,
    EmptyField,
    NothingToSearch,
    UnbalancedParentheses,
    UnclosedQuote,
    UnknownField,
)
from .fields import field_path
from .text import fold

TAG_FIELDS = ("tag", "tags", "etiquette")
FIELDS = frozenset(
    {
        *TAG_FIELDS,
        "type",
        "status",
        "etat",
        "statut",
        "entrepreneur",
        "ent",
        "referent",
        "ref",
        "title",
        "titre",
        "author",
        "auteur",
        "participants",
        "decisions",
        "actions",
        "body",
        "texte",
        "tagtext",
    }
)
OPERATORS = frozenset({"AND", "ET", "OR", "OU", "NOT", "ANDNOT", "SAUF"})
# "urssaf SAUF NOT caf" excluded twice (urssaf and caf), "urssaf SAUF -caf" once: refused both.
_NEGATIONS = frozenset({"NOT", "ANDNOT", "SAUF"})
# Typed in lowercase, these are words to find (sauf) or common words left out (et, ou).
_LOWERCASE_OPERATORS = frozenset({"et", "ou", "sauf"})
_SHOWN_FIELDS = ("tag", "type", "referent", "entrepreneur", "titre", "etat", "auteur")
# What a coach may write to ask for dates in the words (folded): dates are options, said so.
_DATE_FIELDS = frozenset(
    {"date", "jour", "day", "mois", "month", "annee", "year", "depuis", "since", "until"}
    | {"avant", "before", "apres", "after", "quand", "when"}
)
_YEAR_OR_MONTH = r"(\d{4})(?:-(\d{1,2}))?"  # compiled for a date field's error (re's cache)
# Whoosh's range form after a field's name, [2023 TO 2024] (an end may be left open, either
# bracket kind).
_RANGE = r":[\[{]\s*(\S*)\s+(?:TO|to|À|à)\s+([^\]}\s]*)\s*[\]}]"
# A field may be a nested key's path: organisme.nom:chambre.
_NAME = r"[^\W\d][\w\u00C0-\u024F]*"
# Compiled when first used (re's own cache), by a query that holds a colon: most hold none.
FIELD = rf"(?<![\w:/.])({_NAME}(?:\.{_NAME})*):(?!//)"
WORDS = re.compile(r"[^\W_]+")


def check_query(text: str, notebook_fields: Callable[[], Collection[str]] = frozenset) -> None:
    """Raise InvalidQuery for unbalanced quotes or parentheses, a query without a word, a lone
    or doubled operator, or a field that is unknown or has no value.

    A field is one of garefil's (FIELDS) or a front-matter key of the notebook's notes:
    `notebook_fields` gives those, asked only when a query names a field garefil lacks.
    """
    if text.count('"') % 2:
        raise UnclosedQuote(query=text)
    depth = 0
    for char in outside_quotes(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise UnbalancedParentheses(query=text)
    if not WORDS.search(text) and "*" not in text:  # "()", "-", "…": "*" alone is every note
        raise NothingToSearch(query=text)
    _check_operators(text)
    _check_fields(text, notebook_fields)


def _check_operators(text: str) -> None:
    # "urssaf AND" used to find nothing without a word: the engine took AND for a common word.
    words = query_words(text)
    if words and words[-1] in OPERATORS:
        raise DanglingOperator(query=text, operator=words[-1])
    if words and words[0] in OPERATORS - {"NOT"}:  # "NOT caf" is every note without caf
        raise DanglingOperator(query=text, operator=words[0])
    # "urssaf SAUF SAUF caf" broke the engine's parser
    for first, second in itertools.pairwise(words):
        if first in OPERATORS and second in OPERATORS - {"NOT"}:  # "ET NOT caf" is fine
            raise DoubledOperator(query=text, first=first, second=second)
        if first in _NEGATIONS and (second == "NOT" or second.startswith("-")):
            raise DoubledOperator(query=text, first=first, second=second)


def _check_fields(text: str, notebook_fields: Callable[[], Collection[str]]) -> None:
    if ":" not in text:  # no field to check
        return
    extra: Collection[str] | None = None
    for name in re.findall(FIELD, outside_quotes(text)):
        if fold(name) in FIELDS:
            continue
        extra = notebook_fields() if extra is None else extra
        if field_path(name) not in extra:
            if fold(name) in _DATE_FIELDS:
                raise _date_field(text, name)
            known = [*_SHOWN_FIELDS, *sorted(extra)]
            raise UnknownField(query=text, name=name, known=", ".join(f + ":" for f in known))
    empty = _field_without_value(text)
    if empty is not None:  # "tag:" searched the word "tag"; "titre: statut", the word "titre"
        raise EmptyField(query=text, name=empty)


def _date_field(text: str, name: str) -> DateField:
    """The error for `name:VALUE` asking for dates, with the options that choose them: a year
    or a month (date:2023, date:2023-04) from its first to its last day, a range
    (date:[2023 TO 2024]) from its first end to its last, a day or a French date (jour:hier)
    alone; the query's other words kept."""
    field = rf"(?<![\w:/.]){re.escape(name)}"  # this field's range or value, not another's
    found = re.search(field + _RANGE, text) or re.search(rf"{field}:(\S*)", text)
    first, last = (found.group(1), found.groups()[-1]) if found else ("", "")
    if not (first and last):  # date:{2023 TO }: an open end, shown by an example instead
        first = last = ""
    rest = " ".join(text.replace(found.group(0), " ").split()) if found else text
    words = f"{rest} " if rest else ""
    since, until = _days_of(first)[0], _days_of(last)[1]
    return DateField(query=text, name=name, words=words, since=since, until=until)


def _days_of(value: str) -> tuple[str, str]:
    """The first and last days of `value`, a year or a month; any other value is one day."""
    whole = re.fullmatch(_YEAR_OR_MONTH, value)
    if whole and whole.group(2) is None:
        return f"{whole.group(1)}-01-01", f"{whole.group(1)}-12-31"
    if whole and 1 <= int(whole.group(2)) <= 12:
        year, month = int(whole.group(1)), int(whole.group(2))
        last = calendar.monthrange(year, month)[1]
        return f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last}"
    if value and not whole and re.fullmatch(r"[\w/.-]+", value):  # 2023-04-15, 15/04, hier
        return value, value  # each read by --since as it is
    return "2024-01-01", "2024-12-31"  # date:>2023, date:*: an example


def _field_without_value(text: str) -> str | None:
    """The first field of `text` followed by nothing, a blank, a ")" or an empty phrase."""
    parts = text.split('"')
    for index in range(0, len(parts), 2):
        for match in re.finditer(FIELD, parts[index]):
            after = parts[index][match.end() : match.end() + 1]
            quoted = parts[index + 1] if index + 1 < len(parts) else ""
            if after.isspace() or after == ")" or (not after and not WORDS.search(quoted)):
                return match.group(1)
    return None


def query_words(text: str) -> list[str]:
    """The words and operators of `text` split on blanks and parentheses; a quoted phrase is
    one word: « "reliquat" OU urssaf » has something on both sides of its operator."""
    parts = text.split('"')
    unquoted = " ".join(part if index % 2 == 0 else " phrase " for index, part in enumerate(parts))
    return unquoted.replace("(", " ").replace(")", " ").split()


def lowercase_operator(text: str) -> bool:
    """Whether `text` joins two words with et, ou or sauf in lowercase (then no operator)."""
    words = query_words(text)
    return any(
        word in _LOWERCASE_OPERATORS and before not in OPERATORS and after not in OPERATORS
        for before, word, after in zip(words, words[1:], words[2:], strict=False)
    )


def outside_quotes(text: str) -> str:
    """`text` without its quoted phrases."""
    return "".join(part for index, part in enumerate(text.split('"')) if index % 2 == 0)
