"""Search details a coach meets: queries typed oddly, and what a snippet highlights."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path


def found(cli, notebook: Path, *args: str) -> list[str]:
    result = cli("-C", notebook, "search", "--json", "--limit", "100", *args)
    return sorted(hit["path"] for hit in json.loads(result.stdout))


def test_a_decomposed_query_finds_the_tag_s_synonyms_too(cli, run_garefil, demo_notebook):
    """Some keyboards and copy-pastes give decomposed accents (NFD): "pôle emploi" typed so
    still finds the notes that only say "France Travail"."""
    composed = found(cli, demo_notebook, "pôle emploi")
    typed = unicodedata.normalize("NFD", "pôle emploi")
    process = run_garefil("-C", demo_notebook, "search", "--json", "--limit", "100", typed)
    decomposed = sorted(hit["path"] for hit in json.loads(process.stdout))
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
    for query in ("accomp*", "acc?mp*"):  # a wildcard too
        shown = highlighted(cli, demo_notebook, query)
        assert len(shown) > 10 and all(shown.values()), shown  # every hit shows why it was found
        assert all(w.lower().startswith("accomp") for words in shown.values() for w in words)


URSSAF = "---\ntitle: Urssaf\n---\n\nCotisations urssaf.\n"
BOTH = "---\ntitle: Urssaf et CAF\n---\n\nurssaf et caf le même jour.\n"


def test_a_query_without_any_word_says_there_is_nothing_to_search(cli, notebook):
    (notebook / "u.md").write_text(URSSAF, encoding="utf-8")
    for words in (['""'], ["()"], ["-"], ["—"], ["…"], ["^"], ["--", "--"]):
        refused = cli("-C", notebook, "search", *words, code=5).stderr
        assert "aucun mot à chercher" in refused and "trop courants" not in refused, refused
        assert 'garefil search "pôle emploi"' in refused  # the usual example
    assert "trop courants" in cli("-C", notebook, "search", "de la", code=5).stderr
    assert len(found(cli, notebook, "*")) == 1  # every note, as before


def test_a_field_without_a_value_is_refused(cli, notebook):
    (notebook / "u.md").write_text(URSSAF.replace("title:", "tags: [urssaf]\ntitle:"), "utf-8")
    for query in ("tag:", 'tag:""', "titre: urssaf", "urssaf OU (tag:)"):
        refused = cli("-C", notebook, "search", query, code=5).stderr
        assert "n'a pas de valeur" in refused and "tag:urssaf" in refused, refused
    for query in ("tag:urssaf", 'tag:"urssaf"', "tag:(urssaf OR caf)", "titre:urssaf"):
        assert found(cli, notebook, query) == ["u.md"], query


def test_two_operators_in_a_row_are_shown_with_the_operator_typed(cli, notebook):
    for query, example in (
        ("pôle SAUF SAUF emploi", "urssaf SAUF caf"),
        ("urssaf ET OU caf", "urssaf ET caf"),
        ("urssaf OR OR caf", "urssaf OR caf"),
    ):
        refused = cli("-C", notebook, "search", query, code=5).stderr
        assert f'garefil search "{example}"' in refused, refused


def test_an_exclusion_is_written_once(cli, notebook):
    """`urssaf SAUF -caf` excluded caf once and `urssaf SAUF NOT caf` twice (finding the notes
    with caf): both are refused as two operators in a row, as `SAUF SAUF` is."""
    (notebook / "u.md").write_text(URSSAF, encoding="utf-8")
    (notebook / "b.md").write_text(BOTH, encoding="utf-8")
    for query in ("urssaf SAUF -caf", "urssaf SAUF NOT caf", "urssaf NOT -caf"):
        refused = cli("-C", notebook, "search", query, code=5).stderr
        assert "deux opérateurs à la suite" in refused, refused
    for query in ("urssaf SAUF caf", "urssaf -caf", "urssaf ET NOT caf", "urssaf NOT caf"):
        assert found(cli, notebook, query) == ["u.md"], query


def test_lowercase_operators_are_pointed_out_when_nothing_is_found(cli, notebook):
    (notebook / "u.md").write_text(URSSAF, encoding="utf-8")
    (notebook / "b.md").write_text(BOTH, encoding="utf-8")
    capitals = "les opérateurs s'écrivent en majuscules : ET, OU, SAUF"
    table = cli("-C", notebook, "search", "urssaf sauf caf")
    assert "Aucune note ne correspond." in table.stderr and capitals in table.stderr
    as_json = cli("-C", notebook, "search", "urssaf sauf caf", "--json")
    assert json.loads(as_json.stdout) == [] and capitals in as_json.stderr
    assert found(cli, notebook, "urssaf SAUF caf") == ["u.md"]
    found_some = cli("-C", notebook, "search", "urssaf ou caf")  # found: nothing to point out
    assert "Urssaf et CAF" in found_some.stdout and capitals not in found_some.stderr
    nothing = cli("-C", notebook, "search", "zzz")  # no operator typed: only "no match"
    assert "Aucune note" in nothing.stderr and capitals not in nothing.stderr


def test_words_of_a_tag_joined_by_et_find_its_synonyms_too(cli, demo_notebook):
    """`pôle ET emploi` asks what `pôle emploi` does: the notes that say France Travail too."""
    plain = found(cli, demo_notebook, "pôle emploi")
    assert found(cli, demo_notebook, "pôle ET emploi") == plain
    assert found(cli, demo_notebook, "pôle AND emploi") == plain


def test_a_tag_whose_name_holds_et_keeps_its_synonyms(cli, notebook):
    config = notebook / ".garefil" / "config.toml"
    text = config.read_text(encoding="utf-8")
    synonym = '[tags.synonyms]\n"sante-et-securite" = "hygiene-securite"\n'
    config.write_text(text.replace("[tags.synonyms]\n", synonym), encoding="utf-8")
    (notebook / "h.md").write_text("---\ntitle: Atelier\n---\n\nHygiène, sécurité.\n", "utf-8")
    assert found(cli, notebook, "santé ET sécurité") == ["h.md"]


def test_an_exclusion_leaves_out_every_note_holding_the_word(cli, notebook):
    """Whoosh's exclusion kept a note holding the excluded word when a note holding only that
    word came first in the index (« a.md »): `urssaf SAUF caf` found the note with both."""
    (notebook / "a.md").write_text("---\ntitle: A\n---\nLa CAF seule.\n", encoding="utf-8")
    (notebook / "b.md").write_text(BOTH, encoding="utf-8")
    (notebook / "u.md").write_text(URSSAF, encoding="utf-8")
    for query in ("urssaf SAUF caf", "urssaf -caf", "(urssaf OU caf) SAUF caf"):
        assert found(cli, notebook, query) == ["u.md"], query
