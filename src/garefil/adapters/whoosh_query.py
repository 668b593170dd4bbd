"""The query language of search: how a coach's words become a Whoosh query.

French operators (ET, OU, SAUF) beside English ones, French field names (titre, étiquette…),
+word and -word, and any front-matter key as a field (`lieu:lyon`). Whoosh's parser reads
them; the shapes searches take most are built directly, as the parser builds them, without
importing it (parse()). And back: what a query seeks, as a snippet highlights it (sought_in()).
"""

from __future__ import annotations

import copy
import re

from whoosh.fields import Schema
from whoosh.matching import AndNotMatcher
from whoosh.query import And, AndNot, Not, Or, Phrase, Prefix, Term, Wildcard

from garefil.adapters.name_particles import ALNUM, LETTER
from garefil.core.query_check import OPERATORS
from garefil.core.text import APOSTROPHES, holds_apostrophe

TYPE_CHECKING = False  # the search's values are imported when a search asks for them
if TYPE_CHECKING:
    from garefil.core.search import Sought

ALIASES = {
    "text": ["body", "texte"],
    "tags": ["tag", "etiquette", "étiquette"],
    "title": ["titre"],
    "status": ["etat", "état", "statut"],
    "author": ["auteur"],
    "entrepreneur": ["ent"],
    "referent": ["ref", "référent"],
}
# Other front-matter keys (core/fields.py) are fields of their own, `lieu` indexed as `fm_lieu`:
# the prefix keeps a notebook's key from ever colliding with one of garefil's fields.
EXTRA_PREFIX = "fm_"
# The fields whose words a snippet highlights.
HIGHLIGHTED = frozenset({"title", "tagtext", "text", "decisions", "actions"})
# Words of letters and digits only, none of them an operator: no syntax for the parser to read.
_PLAIN_WORDS = re.compile(rf"{ALNUM}+(?: {ALNUM}+)*")
_WITH_PHRASES = re.compile(r'\((?P<words>[^()"]*)\)(?P<phrases>(?: OR "[^"\n]*")+)')
_PHRASE = re.compile(r'"([^"\n]*)"')  # the parser's phrases end with the line
# An elided word (n'diaye, d'almeida, l'urssaf) up to the next blank, parenthesis or quote.
# Compiled when a query first holds an apostrophe (re's own cache): most hold none.
_ELIDED = rf"(?<!{ALNUM})({LETTER}{{1,2}})[{APOSTROPHES}]([^\s()\"{APOSTROPHES}]+)"


def parse(schema: Schema, text: str):
    """The query `text` asks for, read by Whoosh's parser, whose import and plugins cost a new
    process about 7 ms; except the shapes searches take most, built directly as the parser
    builds them (tests/test_properties.py compares both): plain words, one exact phrase, and
    plain words ORed with phrases, as core/search.py adds a tag's synonyms
    ("(pôle emploi) OR "france travail"")."""
    analyzer = schema["text"].analyzer
    direct = _direct(analyzer, text.strip())
    if direct is not None:
        return direct
    return _excluding_rightly(_parser(schema).parse(both_forms(analyzer, text)))


def _excluding_rightly(query):
    """`query` with each exclusion (SAUF, -word) as _Without: Whoosh's own kept a note that
    holds the excluded word when another note holding it came first."""
    if type(query) is AndNot:
        query = _Without(query.a, query.b)  # a boost is its parts'
    return query if query.is_leaf() else query.apply(_excluding_rightly)


def both_forms(analyzer, text: str) -> str:
    """`text` with each elided word also sought joined: « n'diaye » → (n'diaye OR ndiaye), a
    "phrase" with one also as the phrase joined. The index holds a name written with its
    particle under both forms (french_analysis.py), and a note may write it either way; an
    ordinary word keeps its notes (« d'abord » is in no note as « dabord »). A stop word after
    the apostrophe (qu'il, c'est) is left alone: joined, it would be a word to find."""
    if not holds_apostrophe(text):
        return text

    def joined(match: re.Match[str]) -> str:
        return match[1] + match[2] if analyzer.term(match[2]) else match[0]

    parts = text.split('"')
    for index, part in enumerate(parts):
        if index % 2 == 0:
            parts[index] = re.sub(_ELIDED, lambda m: _either(m[0], joined(m)), part)
        elif index == len(parts) - 1 or parts[index + 1].startswith("~"):
            continue  # a "phrase"~2 keeps its slop on the one phrase
        elif (glued := re.sub(_ELIDED, joined, part)) != part:
            parts[index - 1] += "("
            parts[index] = f'{part}" OR "{glued}'
            parts[index + 1] = ")" + parts[index + 1]
    return '"'.join(parts)


def _either(typed: str, joined: str) -> str:
    return typed if joined == typed else f"({typed} OR {joined})"


def without_absent(query, reader):
    """`query` without the alternatives of an OR that no note holds: the joined form of an
    ordinary elided word (both_forms: « dabord ») is in no note, and left in, it would keep
    « d'abord l'accompagnement » off the ranking's path for plain words (whoosh_ranking.py),
    a third slower. The notes found and their scores are the same."""
    if isinstance(query, Or):
        kept = [part for part in query.subqueries if not _absent(part, reader)]
        if kept and len(kept) < len(query.subqueries):
            query = copy.copy(query)
            query.subqueries = kept
    if query.is_leaf():
        return query
    return query.apply(lambda part: without_absent(part, reader)).normalize()


def spellings_once(query, text: str, searcher):
    """`query` with each word sought in several spellings (both_forms: « n'diaye » as *diaye*
    or *ndiaye*) counted once per note, as rare as its commonest spelling.

    A note that writes « N'Diaye » holds both terms: an OR added both scores, and the rarer
    spelling weighed more, so that a note merely mentioning « N'Diaye » outranked the notes of
    Fatou, written « Ndiaye ». The commonest spelling is scored; another counts only in the
    notes without it, scaled to the commonest's rarity: each note scores as if it held one
    spelling. (Whoosh's DisjunctionMax would say it, but its matcher mixes the scores of two
    notes when its parts are on different ones.)"""
    schema = searcher.schema
    spellings: dict[str, dict[str, str]] = {}

    def spelling(field: str) -> dict[str, str]:
        """Each joined term of `text`'s elided words in `field` → the term typed apart."""
        if field not in spellings:
            analyzer = getattr(schema[field], "analyzer", None) if field in schema else None
            spellings[field] = _joined_terms(analyzer, text) if hasattr(analyzer, "term") else {}
        return spellings[field]

    return _counted_once(query, spelling, searcher)


def _joined_terms(analyzer, text: str) -> dict[str, str]:
    """The term of each elided word of `text` joined → its term apart (ndiay → diay)."""
    found = {}
    if not holds_apostrophe(text):  # no word elided
        return found
    for match in re.finditer(_ELIDED, text):
        apart, joined = analyzer.term(match[2]), analyzer.term(match[1] + match[2])
        if apart and joined and apart != joined:
            found[joined] = apart
    return found


def _counted_once(query, spelling, searcher):
    """`query` with the alternatives of each OR that spell one word counted once."""
    if not query.is_leaf():
        query = query.apply(lambda part: _counted_once(part, spelling, searcher))
    if type(query) is not Or:
        return query
    groups: dict[object, list] = {}
    for part in query.subqueries:
        groups.setdefault(_spelled(part, spelling) or id(part), []).append(part)
    if len(groups) == len(query.subqueries):
        return query  # no word sought in two spellings
    parts = [_once(group, searcher) if len(group) > 1 else group[0] for group in groups.values()]
    found = copy.copy(query)
    found.subqueries = parts
    return found


def _spelled(part, spelling) -> tuple | None:
    """What a word or phrase seeks, its joined terms written apart: one key for its spellings;
    None if it has no spelling of an elided word."""
    if isinstance(part, Term) and isinstance(part.text, str):
        words = [part.text]
    elif isinstance(part, Phrase):
        words = list(part.words)
    else:
        return None
    apart = spelling(part.fieldname)
    if not any(word in apart or word in apart.values() for word in words):
        return None
    return (type(part), part.fieldname, tuple(apart.get(word, word) for word in words))


def _once(alternatives: list, searcher):
    """The spellings `alternatives` of one word, as one: the commonest scored, each other in
    the notes without the ones before it, scaled to the commonest's rarity."""
    rarity = {id(part): _rarity(part, searcher) for part in alternatives}
    ordered = sorted(alternatives, key=lambda part: rarity[id(part)])
    common = rarity[id(ordered[0])]
    parts = [ordered[0]]
    for index, part in enumerate(ordered[1:], 1):
        scaled = copy.copy(part)
        scaled.boost = part.boost * common / (rarity[id(part)] or common or 1.0)
        parts.append(_Without(scaled, ordered[0] if index == 1 else Or(ordered[:index])))
    return Or(parts)


class _Without(AndNot):
    """The notes of `a` without those of `b`, scored by `a`: Whoosh's AndNot, whose matcher
    (whoosh3 3.54) keeps the first note of `a` when `b`'s first note comes before it, even if
    `b` holds it too; And with Not excludes rightly but adds 1 to the score."""

    def matcher(self, searcher, context=None):
        """AndNot's matcher, excluding from the first note on."""
        scored = self.a.matcher(searcher, context)
        return _WithoutMatcher(scored, self.b.matcher(searcher, searcher.boolean_context()))


class _WithoutMatcher(AndNotMatcher):
    """AndNotMatcher, whose first note is also looked for among the excluded ones."""

    def _find_first(self):
        if self.a.is_active() and self.b.is_active():
            self._find_next()


def _rarity(part, searcher) -> float:
    """The inverse document frequency of a word, or the sum of a phrase's words'."""
    words = part.words if isinstance(part, Phrase) else [part.text]
    return sum(searcher.idf(part.fieldname, word) for word in words)


def _absent(query, reader) -> bool:
    """Whether `query` is a word or a phrase with a word that no note holds."""
    if isinstance(query, Term):
        return (query.fieldname, query.text) not in reader
    if isinstance(query, Phrase):
        return any((query.fieldname, word) not in reader for word in query.words)
    return False


def _direct(analyzer, text: str):
    """The query of `text` if it has one of the shapes parse() builds itself, else None."""
    words = _plain_words(text)
    if words is not None:
        return _all_of(analyzer, words)
    phrase = _PHRASE.fullmatch(text)
    if phrase and (words := _plain_words(phrase[1])):
        return _exact(analyzer, words).normalize()
    shape = _WITH_PHRASES.fullmatch(text)
    if shape is None:
        return None
    words = _plain_words(shape["words"])
    phrases = [_plain_words(phrase) for phrase in _PHRASE.findall(shape["phrases"])]
    if words is None or None in phrases:
        return None
    return Or([_all_of(analyzer, words), *(_exact(analyzer, p) for p in phrases)]).normalize()


def _plain_words(text: str) -> list[str] | None:
    """The words of `text` if it is plain words (letters and digits, no operator), else None."""
    words = text.split()
    if words and _PLAIN_WORDS.fullmatch(" ".join(words)) and OPERATORS.isdisjoint(words):
        return words
    return None


def _terms(analyzer, words: list[str]) -> list[str]:
    return [term for term in map(analyzer.term, words) if term]


def _all_of(analyzer, words: list[str]):
    return And([Term("text", term) for term in _terms(analyzer, words)]).normalize()


def _exact(analyzer, words: list[str]):
    return Phrase("text", _terms(analyzer, words))


def _parser(schema: Schema):
    from whoosh import qparser  # only searches need the parser (a tenth of Whoosh's import)

    # One default field analysed as text: a stop word ("mise en oeuvre") is dropped from the
    # query, never required through a name field that keeps stop words ("de la Fontaine").
    parser = qparser.QueryParser("text", schema)
    # + and - count only before a word: "pole-emploi" is a compound, not "pole NOT emploi".
    parser.add_plugin(_exclusions_plugin()(r"(?<![^\s(])\+", r"(?<![^\s(])-"))
    parser.add_plugin(qparser.FieldAliasPlugin(ALIASES))
    parser.add_plugin(_ExtraFieldsPlugin(frozenset(schema.names())))
    parser.replace_plugin(
        qparser.OperatorsPlugin(
            And=r"(?<=\s)(AND|ET)(?=\s)",
            Or=r"(?<=\s)(OR|OU)(?=\s)",
            AndNot=r"(?<=\s)(ANDNOT|SAUF)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))NOT(?=\s)",
        )
    )
    return parser


class _ExtraFieldsPlugin:
    """`lieu:lyon` searches the field `fm_lieu` (see EXTRA_PREFIX): a field name the schema does
    not declare is a front-matter key. The query was checked first (core/search.py), so only
    keys present in the notebook get here. Runs after aliases (90), before field names (100)."""

    def __init__(self, declared: frozenset[str]) -> None:
        self.declared = declared | {"*"}  # "*:*" is every note, not a key

    def taggers(self, parser):
        """No syntax of its own."""
        return []

    def filters(self, parser):
        """One filter, between field aliases and field names."""
        return [(self.to_extra_fields, 95)]

    def to_extra_fields(self, parser, group):
        """Prefix every undeclared field name."""
        from whoosh.qparser import syntax

        for node in group:
            if isinstance(node, syntax.GroupNode):
                self.to_extra_fields(parser, node)
            elif isinstance(node, syntax.FieldnameNode) and node.fieldname not in self.declared:
                node.fieldname = EXTRA_PREFIX + node.fieldname
        return group


def _exclusions_plugin():
    """+word and -word; a query made only of -words means every note without them, as NOT
    does (Whoosh would find nothing: its -word only removes notes from what other words find)."""
    from whoosh import qparser
    from whoosh.qparser import syntax

    class ExclusionsPlugin(qparser.PlusMinusPlugin):
        def do_plusminus(self, parser, group):
            sorted_group = super().do_plusminus(parser, group)
            if isinstance(sorted_group, syntax.AndNotGroup) and not sorted_group[0]:
                return syntax.NotGroup([sorted_group[1]])
            return sorted_group

    return ExclusionsPlugin


def sought_in(query) -> Sought:
    """What `query` seeks in the highlighted fields, as a snippet shows it: its terms, its
    phrases as runs of terms, its prefixes and wildcards; an excluded part (SAUF, NOT) is in no
    hit to show."""
    from garefil.core.search import Sought

    found: dict[type, set] = {Term: set(), Phrase: set(), Prefix: set(), Wildcard: set()}
    pending = [query]
    while pending:
        part = pending.pop()
        if isinstance(part, AndNot):
            pending.append(part.a)
        elif isinstance(part, Not):
            continue
        elif type(part) not in found:  # And, Or…: what they join
            pending.extend(part.children())
        elif part.fieldname in HIGHLIGHTED:
            words = part.words if isinstance(part, Phrase) else [part.text]
            found[type(part)].add(tuple(map(_text_of, words)))

    def single(kind: type) -> frozenset[str]:
        return frozenset(words[0] for words in found[kind] if words[0])

    return Sought(single(Term), frozenset(found[Phrase]), single(Prefix), single(Wildcard))


def _text_of(term: str | bytes) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)
