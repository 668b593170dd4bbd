"""Search details a coach meets: queries typed oddly, and what a snippet highlights."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path


def found(cli, notebook: Path, *args: str) -> list[str]:
    result = cli("-C", notebook, "search", "--json", "--limit", "100", *args)
    return sorted(hit["path"] for hit in json.loads(result.stdout))


def test_a_decomposed_query_finds_the_tag_s_synonyms_too(cli, demo_notebook):
    """Some keyboards and copy-pastes give decomposed accents (NFD): "pôle emploi" typed so
    still finds the notes that only say "France Travail"."""
    composed = found(cli, demo_notebook, "pôle emploi")
    decomposed = found(cli, demo_notebook, unicodedata.normalize("NFD", "pôle emploi"))
    synonym_only = set(found(cli, demo_notebook, '"france travail"')) - set(
        found(cli, demo_notebook, "pôle")
    )
    assert synonym_only and synonym_only <= set(composed)  # a note that only says France Travail
    assert decomposed == composed


def highlighted(cli, notebook: Path, query: str) -> dict[str, list[str]]:
    """The highlighted words of each hit's snippet, by path."""
    result = cli("-C", notebook, "search", "--json", "--limit", "100", query)
    return {
        hit["path"]: [hit["snippet"][start:end] for start, end in hit["highlights"]]
        for hit in json.loads(result.stdout)
    }


PHRASES = """---
title: Cours de langue
---

Cours d'anglais-français. Le calcul du reliquat est fait, il reste un reliquat.
Inscrite à France Travail depuis mars ; un calcul de reliquat suivra.
"""


def test_a_phrase_highlights_its_own_occurrences_only(cli, notebook):
    """« français » shares the stem of « France », and a lone « reliquat » is no "calcul du
    reliquat": only the words that form the phrase are highlighted."""
    (notebook / "cours.md").write_text(PHRASES, encoding="utf-8")
    assert highlighted(cli, notebook, '"France Travail"') == {"cours.md": ["France", "Travail"]}
    calcul = ["calcul", "reliquat", "calcul", "reliquat"]  # "de" is skipped as the index skips it
    assert highlighted(cli, notebook, '"calcul du reliquat"') == {"cours.md": calcul}
    # a plain word is highlighted wherever it occurs, beside the phrase
    both = highlighted(cli, notebook, 'anglais OR "france travail"')["cours.md"]
    assert both == ["anglais", "France", "Travail"]


def test_a_tag_s_synonym_phrase_highlights_no_lookalike(cli, demo_notebook):
    """`pôle emploi` adds the phrase "France Travail": « français » in a fiche is not it."""
    for query in ("pôle emploi", '"France Travail"'):
        shown = highlighted(cli, demo_notebook, query)
        words = {word.lower() for words in shown.values() for word in words}
        assert "france" in words and "français" not in words, (query, words)


def test_a_prefix_highlights_the_words_it_expands_to(cli, demo_notebook):
    shown = highlighted(cli, demo_notebook, "accomp*")
    assert len(shown) > 10 and all(shown.values()), shown  # every hit shows why it was found
    assert all(w.lower().startswith("accomp") for words in shown.values() for w in words)
