"""The site's search index: the CLI's French analysis, shipped as scripts for the page.

A page opened from `file://` cannot fetch a JSON file, but it can load a script. The index is cut
in shards by a hash of each note's address, so that a rebuild after one change rewrites one shard,
not the whole index: `assets/index-recherche.js` sets `window.GAREFIL_RECHERCHE` to the stop words
and the list of shards, and each `assets/recherche/partie-NN.js` adds one shard to
`window.GAREFIL_PARTIES`. A shard holds its notes (address, title, date, type, the start of their
text for snippets), a vocabulary from each folded word to its term (made by
adapters/french_analysis.py, the same analysis as `garefil search`) and the postings from each term
to its notes. The page's script loads them all, joins them, folds the typed words as core/text.py's
`fold` does and looks them up in the vocabulary, so stemming stays in Python and both sides agree
by construction. A word typed in a form no note holds ("cotisation" when notes say "cotisations",
"accompagnateur" when they say "accompagnatrice") is looked up by its light form (`light`: plural
and feminine endings undone), which recherche.js makes by the same rule: each shard also maps the
light forms of its words to their terms.

Each note's share (its words and terms) is computed when its page is written and kept in the
site's manifest, so a rebuild after one change analyses one note and reassembles one shard.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from garefil.adapters.french_analysis import STOP_WORDS, FrenchAnalyzer
from garefil.core.dates import day_of, iso
from garefil.core.fields import FIELD_ONLY, is_word_value
from garefil.core.model import Note
from garefil.core.site_publishing import HIDDEN

SNIPPET_CHARS = 1000  # of each note's text kept for snippets: the index stays small
SHARDS = 64  # about 150 notes a shard in a notebook of ten thousand
HEAD = "assets/index-recherche.js"
_MARKUP = re.compile(r"[#*_>`|~\[\]]+|\]\([^)]*\)|<[^>]*>")
# Card fields `garefil search` finds by field only (`type:cr`), or tags, already words of a note.
NOT_WORDS_ON_CARD = frozenset({"type", "date", "status", "tags"})
_BLANKS = re.compile(r"\s+")
_ANALYZER = FrenchAnalyzer()
_INCLUSIVE_MARK = re.compile(r"[·•⋅‧./(]")
# Feminine endings and the masculine they share a term with, as french_analysis.py's _GENDERED.
LIGHT_ENDINGS = (
    ("trice", "teur"),
    ("teuse", "teur"),
    ("euse", "eur"),
    ("eure", "eur"),
    ("ere", "er"),
    ("ee", "e"),
)


def light(word: str) -> str:
    """A folded word's light form, made by recherche.js's `light` too (keep them equal): the
    inclusive ending, then a plural s or x, then a feminine ending undone."""
    word = _INCLUSIVE_MARK.split(word, 1)[0]
    if len(word) > 3 and word[-1] in "sx" and word[-2] != "s":
        word = word[:-1]
    for feminine, masculine in LIGHT_ENDINGS:
        if len(word) > len(feminine) + 2 and word.endswith(feminine):
            return word[: -len(feminine)] + masculine
    return word


def plain(markdown: str) -> str:
    """Markdown as running text: marks and tags removed, blanks joined."""
    return _BLANKS.sub(" ", _MARKUP.sub(" ", markdown)).strip()


def header_words(card: Iterable[tuple[str, Iterable[str]]]) -> str:
    """The words of a note's card that `garefil search` finds too: the people it names and its
    other header values, but neither its type, date or state, nor an address, a path or a
    number; only what the card shows, so the index tells nothing the page does not."""
    values = (
        value.replace(HIDDEN, " ")
        for key, shown in card
        if key not in NOT_WORDS_ON_CARD and key not in FIELD_ONLY
        for value in shown
    )
    return "\n".join(v for v in values if is_word_value(v))


def note_share(note: Note, url: str, text: str, header: str = "") -> dict[str, Any]:
    """What one note brings to the index (kept in the manifest between builds): the words of
    its title, text, tags and `header` (see `header_words`)."""
    words = _ANALYZER.word_terms(f"{note.title}\n{text}\n{' '.join(note.tags)}\n{header}")
    lights = {light(w): t for w, t in words.items() if light(w) not in words}
    return {
        "u": url,
        "t": note.title or note.id,
        "d": iso(day_of(note.date)) or "",
        "y": note.type,
        "x": text[:SNIPPET_CHARS],
        "w": words,
        "l": lights,
    }


def shard_of(url: str) -> int:
    """The shard a note page's share goes in (the same for the same address, build after build)."""
    return int.from_bytes(hashlib.blake2b(url.encode(), digest_size=4).digest(), "big") % SHARDS


def shard_path(shard: int) -> str:
    """Where a shard's script is, in the site's folder."""
    return f"assets/recherche/partie-{shard:02d}.js"


def head(shards: Iterable[int], synonyms: Mapping[str, str] | None = None) -> str:
    """The script that says which shards there are, the stop words and the tags' synonyms."""
    data = {
        "stop": sorted(STOP_WORDS),
        "parts": [shard_path(s) for s in sorted(shards)],
        "syn": synonym_groups(synonyms or {}),
    }
    return "window.GAREFIL_RECHERCHE=" + _json(data) + ";\n"


def synonym_groups(synonyms: Mapping[str, str]) -> list[list[str]]:
    """The notebook's tag synonyms as groups of names, each name its words ("pole emploi"): a
    query naming one also finds the others, as core/search.py's `_with_synonyms` widens it."""
    groups: dict[str, set[str]] = {}
    for alias, preferred in synonyms.items():
        groups.setdefault(preferred, {preferred}).add(alias)
    return [
        sorted(name.replace("-", " ") for name in names)
        for _preferred, names in sorted(groups.items())
        if len(names) >= 2
    ]


def assemble(shard: int, shares: Iterable[Mapping[str, Any]]) -> str:
    """One shard's script from its notes' shares, in a stable order."""
    docs, vocabulary, lights, postings = [], {}, {}, {}
    for number, share in enumerate(sorted(shares, key=lambda s: s["u"])):
        docs.append([share["u"], share["t"], share["d"], share["y"], share["x"]])
        vocabulary.update(share["w"])
        lights.update(share.get("l", {}))
        for term in set(share["w"].values()):
            postings.setdefault(term, []).append(number)
    # Notes in address order make the dictionaries' order, so the file is the same for the
    # same notes without sorting their keys.
    data = _json({"docs": docs, "vocab": vocabulary, "light": lights, "postings": postings})
    return f"(window.GAREFIL_PARTIES=window.GAREFIL_PARTIES||{{}})[{shard}]={data};\n"


def _json(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end a script element if the index were ever inlined; escaped, it never is.
    return text.replace("</", "<\\/")
