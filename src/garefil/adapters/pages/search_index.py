"""The site's search index: the CLI's French analysis, shipped as one script for the page.

A page opened from `file://` cannot fetch a JSON file, but it can load a script: the index is
`assets/index-recherche.js`, which sets `window.GAREFIL_RECHERCHE`. It holds the notes (address,
title, date, type, the start of their text for snippets), a vocabulary from each folded word to
its term (made by adapters/french_analysis.py, the same analysis as `garefil search`), the
postings from each term to its notes, and the stop words. The page's script folds the typed
words as core/text.py's `fold` does and looks them up in the vocabulary, so stemming stays in
Python and both sides agree by construction.

Each note's share (its words and terms) is computed when its page is written and kept in the
site's manifest, so a rebuild after one change analyses one note and only reassembles the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from garefil.adapters.french_analysis import STOP_WORDS, FrenchAnalyzer
from garefil.core.dates import day_of, iso
from garefil.core.model import Note

SNIPPET_CHARS = 1000  # of each note's text kept for snippets: the index stays small
_MARKUP = re.compile(r"[#*_>`|~\[\]]+|\]\([^)]*\)|<[^>]*>")
_BLANKS = re.compile(r"\s+")
_ANALYZER = FrenchAnalyzer()


def plain(markdown: str) -> str:
    """Markdown as running text: marks and tags removed, blanks joined."""
    return _BLANKS.sub(" ", _MARKUP.sub(" ", markdown)).strip()


def note_share(note: Note, url: str, text: str) -> dict[str, Any]:
    """What one note brings to the index (kept in the manifest between builds)."""
    words = _ANALYZER.word_terms(f"{note.title}\n{text}\n{' '.join(note.tags)}")
    return {
        "u": url,
        "t": note.title or note.id,
        "d": iso(day_of(note.date)) or "",
        "y": note.type,
        "x": text[:SNIPPET_CHARS],
        "w": words,
    }


def assemble(shares: Iterable[Mapping[str, Any]]) -> str:
    """The index script from every published note's share, in a stable order."""
    docs, vocabulary, postings = [], {}, {}
    for number, share in enumerate(sorted(shares, key=lambda s: s["u"])):
        docs.append([share["u"], share["t"], share["d"], share["y"], share["x"]])
        vocabulary.update(share["w"])
        for term in set(share["w"].values()):
            postings.setdefault(term, []).append(number)
    # Notes in address order make the dictionaries' order, so the file is the same for the
    # same notes without sorting a hundred thousand keys.
    data = {"docs": docs, "vocab": vocabulary, "postings": postings, "stop": sorted(STOP_WORDS)}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # "</" would end a script element if the index were ever inlined; escaped, it never is.
    return "window.GAREFIL_RECHERCHE=" + text.replace("</", "<\\/") + ";\n"
