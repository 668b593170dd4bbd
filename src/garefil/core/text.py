"""Text folding shared by tags, file names, references and search.

French notes mix precomposed and decomposed accents, ligatures (œ, æ) and typographic
apostrophes; every comparison garefil makes goes through `fold` so that "Pôle Emploi",
"pole emploi" and "PÔLE-EMPLOI" are one thing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

# NFKD does not split these; the team writes both "œuvre" and "oeuvre".
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
# What an apostrophe is, in the whole of garefil (names, search, dates, the site's page, whose
# recherche.js a test keeps equal): the keyboard's ' (U+0027); the typographic ’ (U+2019) that
# phones and word processors write; ‘ (U+2018), which some keyboards and autocorrections put in
# its place; ʼ (U+02BC), the letter apostrophe of some keyboards. "Jeanne d’Arc" and "Jeanne
# d'Arc" are one person. Not the grave ` (U+0060): Markdown's code mark in notes, and a dead key
# on French keyboards; nor the spacing acute ´ (U+00B4), an accent, which `fold` makes a blank
# anyway; nor the prime ′ (U+2032) of feet and minutes.
APOSTROPHES = "'’‘ʼ"
# ʼ is a letter to Unicode (and to re's \w): patterns of letters leave it out by this class.
LETTER_APOSTROPHES = "ʼ"
_AS_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHES[1:], "'"))
SLUG_MAX = 60


def fold(text: str) -> str:
    """Lower-case `text` and strip accents and ligatures ("Œuvre Créée" → "oeuvre creee")."""
    if text.isascii():  # most tags, types and statuses: nothing to strip, one C call
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.casefold()


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """A safe, readable file-name part: folded, ASCII letters and digits joined by '-'."""
    slug = _NOT_ALNUM.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def normalize_tag(tag: str, synonyms: Mapping[str, str] | None = None) -> str:
    """Slug of a tag, then its preferred form if the notebook declares it a synonym."""
    slug = _tag_slug(tag)
    if synonyms:
        slug = synonyms.get(slug, slug)
    return slug


@lru_cache(maxsize=4096)  # a notebook's few dozen tags, in note after note (twice in each read)
def _tag_slug(tag: str) -> str:
    return slugify(tag, max_length=80)


def split_tags(typed: Iterable[str]) -> list[str]:
    """Tags as a coach types them: « pôle emploi, caf » is two, as in a note's `tags:` line (a
    name without a comma is kept whole, blank or not, for the command to judge)."""
    tags: list[str] = []
    for name in typed:
        tags.extend([part for part in name.split(",") if part.strip()] if "," in name else [name])
    return tags


def normalize_tags(
    tags: Iterable[str], synonyms: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Normalised tags, in first-seen order, without duplicates or empties."""
    seen: dict[str, None] = {}
    for tag in tags:
        slug = normalize_tag(str(tag), synonyms)
        if slug:
            seen.setdefault(slug, None)
    return tuple(seen)


@lru_cache(maxsize=4096)  # a filter compares every note's name, and a notebook has few people
def person_key(name: str) -> str:
    """A name as it is compared: given name first, folded, one apostrophe, hyphens and runs of
    blanks as one space ("Jean-Marc  N’Diaye" → "jean marc n'diaye", "DUPONT Jean" → "jean
    dupont")."""
    return " ".join(plain_apostrophes(fold(given_name_first(name))).replace("-", " ").split())


def given_name_first(name: str) -> str:
    """A name written surname first as French forms write it, the surname in capitals then the
    given name not (« DUPONT Jean », « LE GALL Yann », « D'ALMEIDA Paulo »), turned round
    (« Jean DUPONT »); any other name as it is. Without capitals to tell them apart, « Martin
    Thomas » may be Thomas Martin or another person: it is never turned round."""
    words = name.split()
    surname = 0
    while surname < len(words) and _in_capitals(words[surname]):
        surname += 1
    given = words[surname:]
    if not surname or not given or not any(c.islower() for c in given[0]):
        return name  # « DUPONT », « DUPONT J. »: no given name written as one
    if any(_in_capitals(w) for w in given):  # « DUPONT Jean MARTIN »: which is the surname?
        return name
    return " ".join([*given, *words[:surname]])


def _in_capitals(word: str) -> bool:
    """Whether a word of a name is written in capitals: two letters at least, none lower case
    (« DUPONT », « D'ALMEIDA », « LE »; not « A », an initial)."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def holds_apostrophe(text: str) -> bool:
    """Whether `text` holds one of APOSTROPHES: without one, no word of it is elided (the
    question each analysis or query of elided words asks first, most texts holding none)."""
    return any(apostrophe in text for apostrophe in APOSTROPHES)


def plain_apostrophes(text: str) -> str:
    """`text` with each of the APOSTROPHES written as the keyboard's ' ("d’Arc" → "d'Arc")."""
    return text.translate(_AS_APOSTROPHE)


def person_id(name: str) -> str:
    """Who a name designates, its spelling aside: `person_key` without apostrophes or spaces,
    so that N'Diaye, Ndiaye and N Diaye, or « de la Fontaine » and Delafontaine, are one name
    (the team writes particles and elisions every way)."""
    return person_key(name).replace("'", "").replace(" ", "")


def same_person(a: str | None, b: str | None) -> bool:
    """Names compare without case, accents, apostrophes, hyphens or spaces between parts."""
    if a is None or b is None:
        return False
    return person_id(a) == person_id(b)


def elides(name: str) -> bool:
    """Whether French elides « de » before `name`: « d'Omar », « d'Élodie », « d'Hélène »,
    « d'Yves », but « de Yasmine » (a y before a vowel is said as a consonant)."""
    letters = fold(name.strip())
    first, second = letters[:1], letters[1:2]
    if first == "y":  # Yves, Ylan: a vowel; Yasmine, Yann, Yohan: a consonant
        return second.isalpha() and second not in "aeiouy"
    # Every h of a first name is taken as mute (Hélène, Hugo, Henri): the aspirated ones are
    # rare among names, and « de Hugo » reads wrong to far more people than « d'Hector » does.
    return first != "" and first in "aeiouh"


MEGABYTE = 1024 * 1024  # the unit of every limit garefil states in MB (notes, attachments)


def megabytes(size: int) -> int:
    """A file's size in whole MB, as every message says it (1 at least: never « 0 MB »)."""
    return max(1, round(size / MEGABYTE))
