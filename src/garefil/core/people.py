"""People named in notes (entrepreneurs, referents) and the one rule that finds who a coach means.

The same rule serves every filter: `list` and `search` options and search's `entrepreneur:` and
`referent:` fields. A name typed by a coach designates a person known to the notebook when it is
their full name (in any order: "Dupont Jean"), or a run of its words, such as the family name
or the first name alone, as long as only one person fits. Names compare as `person_id` compares
them: without case, accents, apostrophes, hyphens or spaces between their parts, so that
"N'Diaye", "Ndiaye" and "N Diaye" are one name, and "Delafontaine" is "de la Fontaine". A
partial name that fits several people is an error listing them, never a silent mix of their
notes; a name nobody has matches no note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from .errors import (
    AmbiguousPerson,
    NotAMember,
    UnknownEntrepreneur,
    UnknownEntrepreneurClose,
    UnknownPerson,
    UnknownPersonNearMiss,
)
from .model import Note
from .notetypes import is_type
from .text import APOSTROPHES, fold, holds_apostrophe, person_id, person_key

MAX_CANDIDATES = 5
PERSON_FIELDS = {"entrepreneur": "entrepreneur", "ent": "entrepreneur"} | {
    "referent": "referent",
    "ref": "referent",
}
# A person field of a search and its value, a word or a "quoted name" (field names are folded
# by then); a leading '-' or '(' stays outside the match. The query patterns of this module are
# compiled when first used (re's own cache), by a query that may hold what they find: most
# queries are words alone.
_PERSON_IN_QUERY = r"(?i)(?<![\w:/])(" + "|".join(PERSON_FIELDS) + r'):("[^"]*"|[^\s()"]+)'


SELF_WORDS = frozenset({"moi", "me"})  # typed where a person is named: the coach at the keyboard


def means_the_coach(typed: str) -> bool:
    """Whether `typed` names the coach running the command (« moi »), not someone called so."""
    return fold(typed).strip() in SELF_WORDS


def find_person(typed: str, known: Iterable[str]) -> str:
    """The known name that `typed` designates; `typed` itself if nobody has that name."""
    names: dict[str, str] = {}
    for name in sorted(known):
        names.setdefault(person_id(name), name)
    if person_id(typed) in names:
        return names[person_id(typed)]
    words = _words(person_key(typed))
    glued = "".join(words)
    spelled = {k: _words(person_key(n)) for k, n in names.items()}
    candidates = [k for k, w in spelled.items() if sorted(w) == sorted(words)]
    candidates = candidates or [k for k, w in spelled.items() if _has_run(w, glued)]
    if len(candidates) == 1:
        return names[candidates[0]]
    if candidates:
        shown = sorted(names[k] for k in candidates)
        more = ["…"] if len(shown) > MAX_CANDIDATES else []
        raise AmbiguousPerson(name=typed, candidates=", ".join(shown[:MAX_CANDIDATES] + more))
    return typed


def known_person(typed: str, members: Iterable[str], named: Iterable[str]) -> str:
    """The person a filter (`--referent`, `-r`, `--qui`) designates among the team's `members`
    and the people the notes name; an error naming the close names, or the team, when nobody
    has that name: answering "nothing" to a typo would say all is well. Nobody known at all
    (no team, no name in any note): `typed` as it is, with nothing to check it against."""
    members = sorted(set(members), key=person_key)
    ids = {person_id(m) for m in members}
    others = sorted({n for n in named if n and person_id(n) not in ids}, key=person_key)
    known = members + others
    found = find_person(typed, known) if known else typed
    if not known or person_id(found) in {person_id(k) for k in known}:
        return found
    close = near_miss(typed, known) or _one(close_by_part(typed, known))
    if close:
        raise UnknownPersonNearMiss(name=typed, close=close, members=", ".join(members) or "—")
    if others:
        shown = ", ".join(others[:MAX_CANDIDATES] + (["…"] if len(others) > MAX_CANDIDATES else []))
        raise UnknownPerson(name=typed, members=", ".join(members) or "—", others=shown)
    raise NotAMember(name=typed, members=", ".join(members))


def _one(names: list[str]) -> str | None:
    return names[0] if len(names) == 1 else None


def fullest_name(name: str, known: Iterable[str]) -> str:
    """The one longer known name that `name` is a part of ("Awa" → "Awa Diallo"), else `name`:
    a person written both ways in notes is one person."""
    size = len(_words(person_key(name)))
    longer = [k for k in known if len(_words(person_key(k))) > size]
    try:
        return find_person(name, longer)
    except AmbiguousPerson:
        return name


def _words(key: str) -> list[str]:
    """A key's words, an elided particle apart: "d'arc" is found by "arc" too."""
    return key.replace("'", " ").split()


def _has_run(words: list[str], glued: str) -> bool:
    """Whether consecutive whole words of `words`, glued, make `glued`: "diaye", "ndiaye" and
    "fatoundiaye" are runs of "fatou n diaye", "delafontaine" one of "lea de la fontaine"."""
    if not glued:
        return False
    for start in range(len(words)):
        run = ""
        for word in words[start:]:
            run += word
            if run == glued:
                return True
            if not glued.startswith(run):
                break
    return False


def people_in_query(text: str, entrepreneurs: Iterable[str], referents: Iterable[str]) -> str:
    """Search `text` with each `entrepreneur:`/`referent:` value replaced by the exact key of
    the person it designates, as the index keys it whatever its spelling (`person_id`, the
    field it compares whole: `entrepreneur_key:"…"`)."""
    entrepreneurs, referents = list(entrepreneurs), list(referents)
    known = {"entrepreneur": entrepreneurs, "referent": referents}

    def exact(match: re.Match[str]) -> str:
        role = PERSON_FIELDS[fold(match.group(1))]
        if any(mark in match.group(2) for mark in "*?"):  # dup*: a pattern, not a person
            return match.group()
        person = find_person(match.group(2).strip('"'), known[role])
        return f'{role}_key:"{person_id(person).replace(chr(34), "")}"'

    if ":" in text:
        text = re.sub(_PERSON_IN_QUERY, exact, text)
    return elided_names(text, entrepreneurs, referents)


def names_in_query(text: str) -> bool:
    """Whether a search names a person, by field or by an elided name such as N'Diaye (so the
    known names must be looked up)."""
    if ":" in text and re.search(_PERSON_IN_QUERY, text) is not None:
        return True
    return holds_apostrophe(text) and any(
        _may_be_name(m.group(1)) for m in re.finditer(_ELIDED_WORD, text)
    )


# A bare word with an apostrophe inside (N'Diaye, d'Arc), outside quotes and fields: the index
# splits it at the apostrophe, so it would never find the Ndiaye a note writes without one.
_ELIDED_WORD = rf"(?<![\w:/{APOSTROPHES}\-])(\w+[{APOSTROPHES}]\w+)(?![\w:{APOSTROPHES}*?])"
_QUOTED = r'("[^"]*")'
# French elisions no name starts with (l'accompagnement, d'honneur, qu'il, aujourd'hui): a search
# with one of them alone need not read every note for the known names. « n' » is kept, for the
# N'Diaye, N'Golo of the team's notes.
_ELISIONS = {"l", "d", "j", "m", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "presqu"}
_ELISIONS |= {"quelqu", "aujourd"}


def _may_be_name(word: str) -> bool:
    """Whether an elided word may be a person's name rather than French elision."""
    return fold(re.split(f"[{APOSTROPHES}]", word, maxsplit=1)[0]) not in _ELISIONS


def elided_names(text: str, entrepreneurs: Iterable[str], referents: Iterable[str]) -> str:
    """Search `text` with each elided word that designates one known person also looked up as
    that person: `N'Diaye` → `(N'Diaye OR ndiaye OR entrepreneur_key:"fatoundiaye")`."""
    roles = {"entrepreneur": list(entrepreneurs), "referent": list(referents)}

    def widened(match: re.Match[str]) -> str:
        word = match.group(1)
        if not _may_be_name(word):
            return word
        alternatives = [word, person_id(word)]
        for role, known in roles.items():
            person = _one_person(word, known)
            if person is not None:
                alternatives.append(f'{role}_key:"{person_id(person).replace(chr(34), "")}"')
        return f"({' OR '.join(alternatives)})" if len(alternatives) > 2 else word

    if not holds_apostrophe(text):
        return text
    parts = re.split(_QUOTED, text)  # a "quoted phrase" is searched as typed
    return "".join(p if p.startswith('"') else re.sub(_ELIDED_WORD, widened, p) for p in parts)


def _one_person(typed: str, known: list[str]) -> str | None:
    """The one known person `typed` designates, or None (nobody, or several)."""
    try:
        found = find_person(typed, known)
    except AmbiguousPerson:
        return None
    return found if any(person_id(found) == person_id(k) for k in known) else None


def unknown_entrepreneur(typed: str, known: Iterable[str]) -> UnknownEntrepreneur:
    """The error for a name no entrepreneur has, naming close names only when there are some."""
    close = close_names(typed, known)
    if close:
        return UnknownEntrepreneurClose(name=typed, close=", ".join(close))
    return UnknownEntrepreneur(name=typed)


# How alike two names must be (0–100, rapidfuzz's token-sorted ratio) to be one person's name
# typed twice: "Jean Dupond" and "Jean Dupont" score 91, "Jean Dupont" and "Jeanne Durand" 67.
NEAR_MISS = 85


def close_names(typed: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names most like `typed` (a typo, a letter swapped), best first."""
    from rapidfuzz import fuzz, process, utils

    names = {person_key(n): n for n in known}
    found = process.extract(
        person_key(typed),
        list(names),
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=NEAR_MISS,
        limit=limit,
    )
    return [names[key] for key, _score, _index in found]


def near_miss(typed: str, known: Iterable[str]) -> str | None:
    """The known name `typed` is probably a misspelling of, or None when `typed` is known
    (under any spelling of the same person) or like nobody's name."""
    known = list(known)
    if any(person_key(n) == person_key(typed) for n in known):
        return None
    close = close_names(typed, known, limit=1)
    return close[0] if close else None


def close_by_part(typed: str, known: Iterable[str]) -> list[str]:
    """The known names one of whose words `typed`, a single word, misspells by one letter (two
    past six letters), a swap counting as one: "kraim" is Karim Benali's first name mistyped,
    which whole-name likeness misses, as it misses "Benaly" for Benali."""
    from rapidfuzz.distance import OSA

    word = person_key(typed)
    if not word or len(_words(word)) != 1:
        return []
    allowed = 1 if len(word) <= 6 else 2
    return [
        name
        for name in sorted(known, key=person_key)
        if any(OSA.distance(word, part) <= allowed for part in _words(person_key(name)))
    ]


# Where a known spelling of a name comes from, said to the coach when it replaces theirs.
FICHE, MEMBER, NOTES = "fiche", "member", "notes"
# Particles French names keep in lower case after a first name (« Jeanne d'Arc », « Léa de La
# Fontaine »); « Le » and « La » are capitalised, as in « Le Goff » and « de La Fontaine ».
_PARTICLES = {"de", "d", "du", "des"}
_NAME_PART = rf"[^\s{APOSTROPHES}-]+"  # compiled when a new name is written (re's cache)


def known_spelling(
    typed: str, sources: Iterable[tuple[str, Iterable[str]]]
) -> tuple[str, str | None]:
    """The name to write for `typed`, with where its spelling comes from: the first source
    (in order) naming the same person, however typed (case, accents, apostrophes, spaces),
    gives its spelling; a new person is written as `spelled_as_new` writes them (source None)."""
    wanted = person_id(typed)
    for source, names in sources:
        found = next((n for n in names if n and person_id(n) == wanted), None)
        if found is not None:
            return " ".join(found.split()), source
    return spelled_as_new(typed), None


def spelled_as_new(typed: str) -> str:
    """A new person's name as typed, its spaces tidied; typed all in lower case, each part
    capitalised but the particles de, d', du, des (« jean-marc n'diaye » → « Jean-Marc
    N'Diaye »): a name is never written lower case, nor its capitals guessed otherwise."""
    tidy = " ".join(typed.split())
    if tidy != tidy.lower():
        return tidy

    def capital(match: re.Match[str]) -> str:
        part = match.group()
        return part if match.start() and part in _PARTICLES else part[:1].upper() + part[1:]

    return re.sub(_NAME_PART, capital, tidy)


def by_use(names: Iterable[str | None]) -> list[str]:
    """The names given, the most written first (a person's usual spelling before a slip)."""
    counts: dict[str, int] = {}
    for name in names:
        if name and name.strip():
            counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda name: (-counts[name], name))


def spellings(names: Iterable[str | None], preferred: Iterable[str | None] = ()) -> dict[str, str]:
    """Each person's one spelling, by `person_id`: the first of `preferred` (a fiche's, a team
    member's) naming them, else the one most written in `names` (then the first in order)."""
    return _first_spellings(preferred, by_use(names))


def _first_spellings(preferred: Iterable[str | None], written: list[str]) -> dict[str, str]:
    """By `person_id`, the first of `preferred` (tidied), then of `written`, naming each."""
    chosen: dict[str, str] = {}
    for name in [*(" ".join(p.split()) for p in preferred if p), *written]:
        if person_id(name):
            chosen.setdefault(person_id(name), name)
    return chosen


def one_spelling(notes: Sequence[Note], members: Iterable[str] = ()) -> list[Note]:
    """`notes` with each entrepreneur and référent written one way, so that a person spelled
    two ways (« N'Diaye », « Ndiaye ») is counted and shown once: a fiche's spelling for an
    entrepreneur, the team list's (then the fiches') for a référent, else the most written."""
    fiches = [n for n in notes if is_type(n, FICHE)]
    people = _as_spelled((n.entrepreneur for n in notes), (f.entrepreneur for f in fiches))
    referents = _as_spelled((n.referent for n in notes), [*members, *(f.referent for f in fiches)])
    if all(k == v for k, v in (*people.items(), *referents.items())):
        return list(notes)  # everyone written one way already: the usual notebook
    return [_spelled(n, people, referents) for n in notes]


def _as_spelled(names: Iterable[str | None], preferred: Iterable[str | None]) -> dict[str, str]:
    """Each name written, to the one spelling of its person (names are few, notes many: each
    name is keyed once, not once per note)."""
    written = by_use(names)
    chosen = _first_spellings(preferred, written)
    return {name: chosen.get(person_id(name), name) for name in written}


def _spelled(note: Note, people: dict[str, str], referents: dict[str, str]) -> Note:
    entrepreneur = people.get(note.entrepreneur or "", note.entrepreneur)
    referent = referents.get(note.referent or "", note.referent)
    if (entrepreneur, referent) == (note.entrepreneur, note.referent):
        return note
    return replace(note, entrepreneur=entrepreneur, referent=referent)
