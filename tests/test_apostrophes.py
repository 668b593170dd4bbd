"""One rule says what an apostrophe is (core/text.py APOSTROPHES: ' ’ ‘ ʼ), wherever a name is
compared, a word searched or looked up in the site's page: « N'Diaye » typed or written with any
of them is the same person, found by `search`, by `-e`, by `list -e` and by the page."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from garefil.adapters.french_analysis import FrenchAnalyzer
from garefil.core.search import Sought
from garefil.core.text import APOSTROPHES, LETTER_APOSTROPHES, person_id, person_key, same_person
from test_elided_names import found, notebook_of
from test_site_search import NODE, SCRIPT, run_page

MARKS = pytest.mark.parametrize("mark", APOSTROPHES, ids=lambda m: f"U+{ord(m):04X}")
# Each note writes Fatou's name with one of the marks, one without; Karim's name has a particle
# of three letters, which the index does not join: only the person's key finds both spellings.
NOTES = {
    **{
        f"cr/fatou-{ord(mark):04x}.md": (f"Fatou N{mark}Diaye", f"Fatou N{mark}Diaye a un devis.")
        for mark in APOSTROPHES
    },
    "cr/fatou-collee.md": ("Fatou Ndiaye", "Point avec Fatou Ndiaye sur le devis."),
    "cr/karim-apostrophe.md": ("Karim Abd'Allah", "Karim ouvre son atelier."),
    "cr/karim-colle.md": ("Karim Abdallah", "Karim signe le bail."),
    "cr/autre.md": ("Jean Dupont", "L'accompagnement de Jean commence."),
}
FATOU = {path for path in NOTES if path.startswith("cr/fatou")}
KARIM = {"cr/karim-apostrophe.md", "cr/karim-colle.md"}


@pytest.fixture
def names(tmp_path: Path) -> Path:
    """A notebook whose notes write the same two people with every apostrophe and without."""
    return notebook_of(tmp_path / "carnet", NOTES)


@MARKS
def test_every_apostrophe_spells_the_same_person(mark):
    assert same_person(f"Fatou N{mark}Diaye", "fatou ndiaye")
    assert same_person(f"N{mark}Diaye", "N Diaye")
    assert person_id(f"Karim Abd{mark}Allah") == "karimabdallah"
    assert person_key(f"Jeanne d{mark}Arc") == "jeanne d'arc"


@MARKS
def test_every_apostrophe_joins_a_particle_to_its_name_in_the_index(mark):
    assert FrenchAnalyzer().indexed(f"Fatou N{mark}Diaye vient") == (
        ["fatou", "diay", "vient"],
        [(1, "ndiay")],
    )


@pytest.mark.parametrize("mark", ["`", "´", "′"])
def test_accents_and_primes_are_no_apostrophes(mark):
    """Markdown's code mark, a spacing accent and a prime split words, but join no name."""
    assert FrenchAnalyzer().indexed(f"Fatou N{mark}Diaye") == (["fatou", "diay"], [])


@MARKS
def test_search_and_filters_find_a_name_typed_with_any_apostrophe(cli, names, mark):
    assert found(cli, names, f"N{mark}Diaye") == FATOU
    assert found(cli, names, f"fatou n{mark}diaye") == FATOU
    assert found(cli, names, f"Abd{mark}Allah") == KARIM  # through the person's key
    assert found(cli, names, "-e", f"Fatou N{mark}Diaye") == FATOU
    listed = cli("-C", names, "list", "-e", f"N{mark}Diaye", "--json").stdout
    assert {note["path"] for note in json.loads(listed)} == FATOU


def test_the_joined_name_finds_every_spelling(cli, names):
    assert found(cli, names, "ndiaye") == FATOU
    assert found(cli, names, "-e", "ndiaye") == FATOU


def test_a_coach_s_terminal_finds_a_name_typed_with_a_letter_apostrophe(run_garefil, names):
    done = run_garefil("-C", names, "search", "Nʼdiaye", "--json")
    assert done.returncode == 0, done.stderr
    assert {hit["path"] for hit in json.loads(done.stdout)} == FATOU


def test_the_page_s_script_knows_the_same_apostrophes():
    script = SCRIPT.read_text(encoding="utf-8")
    (marks,) = re.findall(r'var APOSTROPHES = "([^"]*)";', script)
    assert marks == APOSTROPHES
    (letter_word,) = re.findall(r'var ALNUM = "\(\?:\(\?!([^)]*)\)', script)
    assert letter_word == LETTER_APOSTROPHES


# With CI=true a missing Node is a failure, not a skip (as in test_site_search.py).
@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="Node is not installed")
def test_the_page_finds_a_name_typed_with_any_apostrophe(cli, names):
    cli("-C", names, "site")
    queries = ["ndiaye", *(f"N{mark}Diaye " for mark in APOSTROPHES)]
    page = run_page(names / ".garefil" / "site", queries)
    for query, urls in zip(queries, page["found"], strict=True):
        shown = {Path(url).stem.split("~")[-1] for url in urls}  # cr~fatou-2019.html
        assert shown == {Path(path).stem for path in FATOU}, query


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="NOnoDdAl'’‘ʼ` aeéÉ-.", max_size=30))
@example("Moussa N'Diaye, le D’Almeida, Nʼest et l‘Urssaf")
def test_the_index_the_page_and_the_highlights_join_the_same_names(text):
    """The index's joined names are in the page's vocabulary and highlighted in a snippet."""
    analyzer = FrenchAnalyzer()
    text = unicodedata.normalize("NFC", text)
    joined = {term for _, term in analyzer.indexed(text)[1]}
    assert joined <= set(analyzer.word_terms(text).values())
    for term in joined:
        assert analyzer.find(text, Sought(terms=frozenset({term}))), term


def test_anonymising_a_person_replaces_their_name_under_every_apostrophe(cli, notebook):
    """The fiche writes « D'Almeida », a note « D’Almeida »: both are the person, replaced; the
    surname alone, however written, is listed for a coach to rewrite."""
    cli("-C", notebook, "entrepreneur", "ajouter", "Ana D'Almeida", "--date", "2019-03-01")
    body = "Ana D’Almeida signe le bail.\n\nMme D'Almeida rappellera."
    cli("-C", notebook, "new", "cr", "--entrepreneur", "Ana D'Almeida", "--date", "2020-04-10",
        "--no-edit", "--body", body)  # fmt: skip
    done = cli("-C", notebook, "rgpd", "anonymiser", "Ana D'Almeida", "--oui")
    (cr,) = (notebook / "cr").rglob("*.md")
    lines = cr.read_text(encoding="utf-8").splitlines()
    assert not [line for line in lines if "Ana" in line]  # the full name, with ’ too
    (left,) = [n for n, line in enumerate(lines, start=1) if "Almeida" in line]
    assert f"{cr.name}:{left} : « almeida »" in done.stderr
