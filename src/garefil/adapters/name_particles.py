"""Names written with an elided particle (« N'Diaye », « D'Almeida », « O'Neill »), as the
French analysis finds them: one or two letters that start a word, an apostrophe, a capital.

The analysis (french_analysis.py) also gives such a name's joined term (ndiaye) at the name's
position; the query language (whoosh_query.py) seeks an elided word under both forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from garefil.core.text import APOSTROPHES, LETTER_APOSTROPHES

# A letter or digit, and a letter, as the analysis's words are made of: ʼ, a letter to Unicode,
# is an apostrophe here (core/text.py APOSTROPHES), so « Nʼdiaye » is two words as « N'diaye » is.
ALNUM = rf"[^\W_{LETTER_APOSTROPHES}]"
LETTER = rf"[^\W\d_{LETTER_APOSTROPHES}]"
# Compiled when a text first holds an apostrophe before a capital (re's own cache).
_PARTICLE = rf"(?<!{ALNUM})({LETTER}{{1,2}})[{APOSTROPHES}](?={LETTER})"
# An apostrophe before a letter that may be a capital: a sieve five times cheaper than looking
# for particles everywhere (French text has one « d' » or « l' » in about every hundred letters).
_BEFORE_CAPITAL = re.compile(rf"[{APOSTROPHES}](?=[^\W\d_a-zß-ÿ])")


def particles(text: str) -> Iterator[re.Match[str]]:
    """The elided particles of `text` before a capital (« N' » of « N'Diaye »), not those of
    ordinary words (« d'abord », « qu'il »); group 1 is the particle's letters."""
    for apostrophe in _BEFORE_CAPITAL.finditer(text):
        at = apostrophe.start()
        if text[at + 1].isupper():
            pattern = re.compile(_PARTICLE)
            particle = pattern.match(text, max(at - 2, 0)) or pattern.match(text, at - 1)
            if particle and particle.end() == at + 1:
                yield particle


def add_joined(positions: dict[str, list[int]], joined: list[tuple[int, str]]) -> None:
    """Add the joined names' terms at their positions, each term's positions kept in order."""
    for position, term in joined:
        positions.setdefault(term, []).append(position)
    for term in {term for _, term in joined}:
        positions[term].sort()
