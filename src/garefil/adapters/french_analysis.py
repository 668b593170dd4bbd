"""French text analysis for the search index.

Whoosh stores analyzers in the index by reference (module and class name), so this module's path
and class names are part of the index format: keep them stable, and bump SCHEMA_VERSION in
whoosh_index.py whenever the terms produced here change (the index is then rebuilt by itself).

The pipeline runs in one pass per word, with a cache from word to term, because analysis is most
of the cost of indexing (the usual chain of Whoosh filters costs a generator step per word and per
filter):

1. words are runs of letters and digits (with combining accents): anything else splits, so URLs,
   e-mail addresses and hyphenated compounds give their words ("pole-emploi.fr" → pole, emploi,
   fr) and elisions fall apart ("l'accompagnement" → l, accompagnement);
2. folding: NFKD, accents and ligatures removed, case folded (Pôle = pole = PÔLE, œuvre = oeuvre),
   which also makes decomposed (NFD) and precomposed (NFC) text equal;
3. stop words (Whoosh's French list, folded, plus the elided l' d' qu' n' s' j' c' m' t');
4. light plural and feminine-participle folding (emplois → emploi, créée → créé), feminine and
   masculine forms joined (entrepreneuse = entrepreneur, directrice = directeur), then the French
   Snowball stemmer, on the folded word: folding first lets unaccented queries meet accented text.
   A person's noun keeps a stem of its own: accompagnateur and accompagnatrice meet, apart from
   the action (accompagnement = accompagner = accompagné).

Inclusive writing is one word whose term is the masculine's: entrepreneur·e·s (also with • . /),
entrepreneur(e)s and entrepreneurEs all give the term of "entrepreneur".

A name written with an elided particle (« N'Diaye », « D'Almeida », « O'Neill »: one or two
letters, an apostrophe, a capital) also gives the term of the joined word (ndiaye), at the
name's position: a note that writes « N'Diaye » is found by « ndiaye », and « Fatou Ndiaye » as
a phrase finds both spellings. Queries are read without it: the query language looks an elided
word up under both forms instead (whoosh_query.py), as a coach types « n'diaye » in lowercase.
"""

from __future__ import annotations

import fnmatch  # loaded with Whoosh's queries already
import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterator

from whoosh.analysis import Composable, Token
from whoosh.fields import TEXT
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.french import FrenchStemmer

from garefil.adapters.name_particles import ALNUM, add_joined, particles
from garefil.core.text import fold, holds_apostrophe

TYPE_CHECKING = False  # the search's values are only named here
if TYPE_CHECKING:
    from garefil.core.search import Sought

# Inclusive writing: "entrepreneur·e·s", "entrepreneur.e.s", "accompagnateur/trice",
# "salarié(e)s" are one word, whose term is that of the word before the first mark; the ending
# must be one of these, so "pole-emploi.fr" or "et/ou" still split.
_ENDING = (
    r"(?:e|es|s|x|ne|nes|le|les|te|tes|se|ses|ve|ves|ere|eres|ère|ères|euse|euses"
    r"|rice|rices|trice|trices|ice|ices|sse|sses|esse|esses|ive|ives|enne|ennes|ienne|iennes)"
)
_INCLUSIVE = rf"(?i:(?:[·•⋅‧./]{_ENDING})+|(?:\({_ENDING}\))+s?)(?!{ALNUM})"
# Letters and digits; text is NFC-normalised first, so decomposed accents are composed. The
# lookahead lets most words end without trying the inclusive endings.
_ENDING_MARKS = "·•⋅‧./("  # what an inclusive ending starts with
_WORD_END = rf"(?:(?=[{_ENDING_MARKS}]){_INCLUSIVE})?"
_WORD = re.compile(rf"{ALNUM}+{_WORD_END}")
_INCLUSIVE_END = rf"(?:{_INCLUSIVE}|(?<=[a-zß-ÿ]{{3}})E[sS]?)$"  # compiled when first needed
_ELISIONS = ("l", "d", "qu", "n", "s", "j", "c", "m", "t")
# Frequent words Whoosh's French list lacks.
_MORE_STOP_WORDS = ("les", "leurs", "ils", "elles", "cette", "cet", "cela", "ça", "donc", "car")
STOP_WORDS = frozenset(
    {fold(w) for w in stopwords_for_language("fr")} | set(_ELISIONS) | set(_MORE_STOP_WORDS)
)
_STEMMER = FrenchStemmer()
_CACHE_SIZE = 500_000
_CACHES: dict[tuple[bool, bool], dict[str, str]] = {}


# Feminine and masculine forms that Snowball keeps apart meet on one stem: directrice,
# chanteuse = directeur, chanteur (…teu); accompagnatrice, formatrice = accompagnateur,
# formateur (…ateu); entrepreneuse, entrepreneure = entrepreneur and heureuse = heureux (…eu);
# conseillère = conseiller (…er, as première = premier). A stem in …eu is one Snowball leaves
# alone: the person is not the action, and Snowball would stem accompagnateur as accompagnement
# and accompagner (accompagn), so that « accompagnatrice » found every note saying
# « accompagnement ». Short bases (peur, cœur, deux, matrice) are left alone.
_GENDERED = (
    (re.compile(r"^([a-z]{2,})at(?:rice|eur|euse|eure)s?$"), r"\1ateu"),
    (re.compile(r"^([a-z]{2,})(?<!a)(?:trice|teur|teuse|teure)s?$"), r"\1teu"),
    (re.compile(r"^([a-z]{3,}?)(?:eur|eure|euse|eux)s?$"), r"\1eu"),
    (re.compile(r"^([a-z]{3,})eres?$"), r"\1er"),
)


def _stem(word: str) -> str:
    if len(word) > 3 and word[-1] == "s" and word[-2] in "aeiou":
        word = word[:-1]  # emplois → emploi, créées → créée (Snowball keeps these)
    if len(word) > 3 and word.endswith("ee"):
        word = word[:-1]  # créée → créé: feminine participles meet the masculine
    return _STEMMER.stem(_masculine(word))


_GENDERED_ENDINGS = tuple(
    ending + plural
    for ending in ("trice", "teur", "teuse", "teure", "eur", "eure", "euse", "eux", "ere")
    for plural in ("", "s")
)


def _without_inclusive_ending(word: str) -> str:
    """`word` without its inclusive ending (entrepreneur·e·s → entrepreneur)."""
    if word.isalnum() and not word.endswith(("E", "Es", "ES")):
        return word  # most words: no mark, no capital ending
    return re.sub(_INCLUSIVE_END, "", word) or word  # re caches the compiled pattern


def _masculine(word: str) -> str:
    """The form shared by a word's feminine and masculine (see _GENDERED)."""
    if not word.endswith(_GENDERED_ENDINGS):  # most words: one C call, no pattern tried
        return word
    for pattern, replacement in _GENDERED:
        if pattern.match(word):
            return pattern.sub(replacement, word)
    return word


_FOLDED: dict[str, str] = {}
_INITIALS: dict[str, str] = {}


def initial(word: str) -> str:
    """The first letter of the term of `word` (a word of _WORD, NFC), whatever its analysis:
    its folded first letter, remembered per character."""
    first = word[0]
    found = _INITIALS.get(first)
    if found is None:  # lowered too: the stemmer lowers what casefold keeps (Cherokee Ꭰ)
        found = _INITIALS[first] = fold(first).lower()[:1]
    return found or fold(word).lower()[:1]  # a first character that folds to nothing


def _folded(word: str) -> str:
    """fold(word), remembered: a site's ten thousand notes share most of their words."""
    found = _FOLDED.get(word)
    if found is None:
        found = fold(word)
        if len(_FOLDED) < _CACHE_SIZE:
            _FOLDED[word] = found
    return found


def _words_starting(text: str, initials: frozenset[str]) -> Iterator[re.Match[str]]:
    """The words of _WORD in `text` whose first letter may fold to one of `initials`: those
    that start with an ASCII letter or digit of theirs, or with any other character (checked
    by the caller, as `initial` tells). Scanned for at C speed from their first character,
    instead of a match object and a call for every word of the text. Their letters are found
    so, and a word followed by a mark read again by _WORD, for its inclusive ending: the
    endings would make the pattern five times longer to compile, for a rare word."""
    for found in _letters_starting(initials).finditer(text):
        after = text[found.end() : found.end() + 1]
        yield _WORD.match(text, found.start()) if after and after in _ENDING_MARKS else found


@functools.lru_cache(maxsize=8)
def _letters_starting(initials: frozenset[str]) -> re.Pattern[str]:
    # The class is written as what it leaves out, the other ASCII characters: a class that
    # names the range up to U+10FFFF takes 3 ms to compile, this one a tenth of that.
    others = "".join(re.escape(chr(c)) for c in range(128) if chr(c).lower() not in initials)
    first = f"[^{others}](?<={ALNUM})(?<!{ALNUM}.)"  # a word's first character
    return re.compile(rf"{first}{ALNUM}*")


# What a word of _WORD may hold after its letters (entrepreneur·e·s, accompagnateur/trice,
# salarié(e)s): a letter after one of these may be inside a word rather than begin one.
_INSIDE_MARKS = "·•⋅‧./()"


def _starts(text: str, found: re.Match[str]) -> bool:
    """Whether `found`, a word of _words_starting, is one of _WORD's, as a scan of every word
    finds them: checked only after a mark, where the word before may have taken it as its
    inclusive ending (« ère » of « boulangère·ère »). That scan starts again after the last
    blank: no word of _WORD holds one."""
    at = found.start()
    if not at or text[at - 1] not in _INSIDE_MARKS:
        return True
    after_blank = max(text.rfind(" ", 0, at), text.rfind("\n", 0, at), text.rfind("\t", 0, at)) + 1
    for word in _WORD.finditer(text, after_blank):
        if word.end() > at:
            return word.start() == at
    return False


def _shows(sought: Sought) -> Callable[[str], bool]:
    """Whether a term is to be highlighted as one of `sought`'s terms, prefixes or wildcards."""
    if not (sought.prefixes or sought.wildcards):
        return sought.terms.__contains__  # most searches: one C call per word
    starts = tuple(sought.prefixes)
    fits = re.compile("|".join(map(fnmatch.translate, sought.wildcards)) or "(?!)").match
    return lambda term: term in sought.terms or term.startswith(starts) or bool(fits(term))


class FrenchAnalyzer(Composable):
    """Words → folded terms, optionally without stop words and stemmed (see module doc)."""

    def __init__(self, stemming: bool = True, stop_words: bool = True) -> None:
        self.stemming = stemming
        self.stop_words = stop_words

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((self.stemming, self.stop_words))

    def term(self, word: str) -> str | None:
        """The term of one word, or None for a stop word."""
        found = self.term_list(word)
        return found[0] if found else None

    def _cache(self) -> dict[str, str]:
        # word → term, "" for a stop word; shared by analyzers of the same kind.
        return _CACHES.setdefault((self.stemming, self.stop_words), {})

    def _term(self, word: str) -> str:
        term = fold(_without_inclusive_ending(word))
        if self.stop_words and term in STOP_WORDS:
            return ""
        return _stem(term) if self.stemming else term

    def _terms_of(self, words: list[str]) -> list[str]:
        """One term per word ("" for stop words), mapped at C speed through the cache."""
        cache = self._cache()
        mapped = list(map(cache.get, words))
        if None in mapped:
            for index, term in enumerate(mapped):
                if term is None:
                    mapped[index] = term = self._term(words[index])
                    if len(cache) < _CACHE_SIZE:
                        cache[words[index]] = term
        return mapped

    def term_list(self, text: str) -> list[str]:
        """The terms of `text` in order, stop words left out: the fast path for indexing."""
        words = _WORD.findall(unicodedata.normalize("NFC", text))
        return [term for term in self._terms_of(words) if term]

    def indexed(self, text: str) -> tuple[list[str], list[tuple[int, str]]]:
        """The terms of `text` in order, as term_list gives them, and the (position, term) of
        each name written with an elided particle, joined (« N'Diaye » → ndiaye)."""
        text = unicodedata.normalize("NFC", text)
        words = _WORD.findall(text)
        mapped = self._terms_of(words)
        found = [term for term in mapped if term]
        if not holds_apostrophe(text):  # most titles and names: no pass
            return found, []
        joined = self._joined(text, mapped)
        if not joined:
            return found, []
        positions, position, counted = [], 0, 0
        for index, term in sorted(joined.items()):  # stop words take no position
            position += sum(1 for t in mapped[counted:index] if t)
            counted = index
            positions.append((position, term))
        return found, positions

    def _joined(self, text: str, mapped: list[str]) -> dict[int, str]:
        """Word index → the term of that word joined to the elided particle before it, for
        each word after a particle that starts with a capital (a name: « D'Almeida »)."""
        joined: dict[int, str] = {}
        index = scanned = 0
        for _particle, name, term in self._particle_names(text):
            index += len(_WORD.findall(text, scanned, name.start()))  # the words up to the name
            scanned = name.start()
            if mapped[index] and term != mapped[index]:  # a stop word takes no position
                joined[index] = term
        return joined

    def _particle_names(self, text: str) -> Iterator[tuple[re.Match[str], re.Match[str], str]]:
        """Each name of NFC `text` written with an elided particle (« N'Diaye »): the particle's
        match, the name's word and the term of the two joined (ndiay), when they have one."""
        for particle in particles(text):
            name = _WORD.match(text, particle.end())  # a letter follows the particle: a word
            if name:
                (term,) = self._terms_of([particle.group(1) + name.group()])
                if term:
                    yield particle, name, term

    def word_terms(self, text: str) -> dict[str, str]:
        """Each folded word of `text` and its term, stop words left out: the vocabulary the
        site's search in the page looks typed words up in (it folds them the same way). A name
        written with an elided particle is there joined too (« N'Diaye » → ndiaye), as the
        index has it: the page finds it when « ndiaye » is typed."""
        text = unicodedata.normalize("NFC", text)
        words = list(dict.fromkeys(_WORD.findall(text)))
        found = {_folded(w): t for w, t in zip(words, self._terms_of(words), strict=True) if t}
        if holds_apostrophe(text):
            for particle, name, term in self._particle_names(text):
                found.setdefault(_folded(particle.group(1) + name.group()), term)
        return found

    def find(self, text: str, sought: Sought) -> list[tuple[int, int]]:
        """(start, end) of the words of NFC `text` to highlight, in order: those whose term is
        one of the `sought` terms, begins with one of its prefixes or fits one of its wildcards,
        and those whose terms follow one another as one of its phrases does (stop words between
        them skipped, as the index skips them).

        A term begins with its word's first letter, folded (analysis only changes endings), so
        only words beginning as a sought term does are analysed: a new process would otherwise
        stem every word of twenty snippets, most of a search's snippet time."""
        every = [*sought.terms, *(t for p in sought.phrases for t in p), *sought.prefixes]
        initials = {term[0] for term in [*every, *sought.wildcards] if term}
        if initials & set("*?["):  # a wildcard first ("*ment"): any word may fit
            matches = list(_WORD.finditer(text))
        else:
            words = _words_starting(text, frozenset(initials))
            matches = [m for m in words if initial(m.group()) in initials and _starts(text, m)]
        terms = self._terms_of([m.group() for m in matches])
        shows = _shows(sought)
        found = [m.span() for m, term in zip(matches, terms, strict=True) if term and shows(term)]
        if holds_apostrophe(text):  # « N'Diaye » whole, not « Diaye » in it
            found = [*found, *self._joined_spans(text, shows)]
        if sought.phrases:  # a stop word is in no phrase: the index skips it
            words = [(m, term) for m, term in zip(matches, terms, strict=True) if term]
            found = [*found, *self._phrase_spans(text, words, sought.phrases)]
        return _apart(found)

    def _joined_spans(self, text: str, shows: Callable[[str], bool]) -> list[tuple[int, int]]:
        """The spans of the names written with an elided particle whose joined term is sought
        (« N'Diaye » when « ndiaye » was searched)."""
        named = self._particle_names(text)
        return [(particle.start(), name.end()) for particle, name, term in named if shows(term)]

    def _phrase_spans(
        self, text: str, words: list[tuple[re.Match[str], str]], phrases: Collection[tuple]
    ) -> list[tuple[int, int]]:
        """The spans of the words (of `words`: those that may be sought) forming a phrase."""
        found = []
        for index, (_, first) in enumerate(words):
            for phrase in phrases:
                run = words[index : index + len(phrase)]
                if first == phrase[0] and self._forms(text, run, phrase):
                    found.extend(match.span() for match, _ in run)
        return found

    def _forms(self, text: str, run: list[tuple[re.Match[str], str]], phrase: tuple) -> bool:
        """Whether the words of `run` have the terms of `phrase`, with only stop words between."""
        if tuple(term for _, term in run) != phrase:
            return False
        return all(
            self._only_stop_words(text[before.end() : after.start()])
            for (before, _), (after, _) in itertools.pairwise(run)
        )

    def _only_stop_words(self, between: str) -> bool:
        """Whether the text `between` two words of a phrase holds no word the index keeps."""
        return not any(self._terms_of(_WORD.findall(between)))

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
        """Whoosh's token protocol, for queries and highlighting (offsets are in NFC text)."""
        value = unicodedata.normalize("NFC", value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        matches = list(_WORD.finditer(value)) if tokenize else [_Whole(value)]
        words = [match.group() for match in matches]
        terms = self._terms_of(words)
        # A query is read without joined names: whoosh_query.py looks both forms up.
        joined = self._joined(value, terms) if tokenize and mode != "query" else {}
        position = start_pos
        for index, (match, term) in enumerate(zip(matches, terms, strict=True)):
            token.stopped = not term
            if token.stopped and removestops:
                continue
            for text in (term, joined.get(index)) if index in joined else (term,):
                token.text, token.boost = text or fold(match.group()), 1.0
                if keeporiginal:
                    token.original = match.group()
                if positions:
                    token.pos = position
                if chars:
                    token.startchar = start_char + match.start()
                    token.endchar = start_char + match.end()
                yield token
            position += 1


class FrenchText(TEXT):
    """A TEXT field that indexes through FrenchAnalyzer.term_list, without Token objects.

    Same terms and positions as the token protocol (stop words are not counted, as Whoosh's
    StopFilter renumbers them by default), about three times faster on a full build.
    """

    def index(self, value: str, **kwargs):
        positions: dict[str, list[int]] = {}
        found, joined = self.analyzer.indexed(value)
        for position, term in enumerate(found):
            positions.setdefault(term, []).append(position)
        add_joined(positions, joined)
        encode, boost = _encoder(self.format), self.format.field_boost
        for term, found in positions.items():
            yield term.encode("utf-8"), len(found), len(found) * boost, encode(found)


class CombinedText(FrenchText):
    """The one field unfielded words are matched in: title, tags, body and names together.

    Its value is a sequence of (weight, text) parts. Each occurrence of a term counts its part's
    weight, so a word of the title scores as three of the body without a field of its own to
    look up; parts are POSITION_GAP positions apart, so that no phrase spans two of them.

    A part counts a term REPEATS_COUNTED times at most, its length every word: a 50 MB export
    saying « URSSAF » on every line weighed tens of thousands of occurrences, enough to outweigh
    its length and rank above the CR titled « Cotisations URSSAF »; counted at most so, its
    length makes it rank low, as a note that long and that diffuse should.
    """

    POSITION_GAP = 100
    REPEATS_COUNTED = 20

    def index(self, value, **kwargs):
        positions: dict[str, list[int]] = {}
        weights: dict[str, float] = {}
        start = 0
        for weight, text in value:
            found, joined = self.analyzer.indexed(text)
            for position, term in enumerate(found, start):
                positions.setdefault(term, []).append(position)
            joined = [(start + position, term) for position, term in joined]
            add_joined(positions, joined)
            # Counted at C speed, then weighed once per term (weights are halves: exact sums).
            for term, count in Counter([*found, *(term for _, term in joined)]).items():
                counted = count if count < self.REPEATS_COUNTED else self.REPEATS_COUNTED
                weights[term] = weights.get(term, 0.0) + counted * weight
            start += len(found) + self.POSITION_GAP
        encode = _encoder(self.format)
        for term, found in positions.items():
            yield term.encode("utf-8"), len(found), weights[term], encode(found)


# Whoosh encodes each posting's positions anew (a pickled list); half of them hold one position,
# whose encoding is kept here once made, per format class (a full build: 1.4 million postings
# per 10,000 notes).
_ALONE: dict[type, dict[int, bytes]] = {}


def _encoder(format) -> Callable[[list[int]], bytes]:
    """`format.encode`, with the encodings of lone positions kept."""
    encode = format.encode
    alone = _ALONE.setdefault(type(format), {})

    def encoded(positions: list[int]) -> bytes:
        if len(positions) != 1:
            return encode(positions)
        known = alone.get(positions[0])
        if known is None:
            known = alone[positions[0]] = encode(positions)
        return known

    return encoded


class _Whole:
    """A match-like object for untokenized values (prefix and wildcard queries)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def group(self) -> str:
        return self.value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.value)


def terms(text: str) -> list[str]:
    """The search terms of `text` (for tests and for explaining a query)."""
    return [token.text for token in FrenchAnalyzer()(text)]


def _apart(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` in order, those that overlap made one: « O » of « O'Neill » and the whole name
    are one highlight, not two that repeat its first letter."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(set(spans)):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
