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
