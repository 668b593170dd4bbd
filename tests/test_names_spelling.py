"""A person's name found however its apostrophes and particles are typed.

Coaches write « N'Diaye », « Ndiaye » or « N Diaye », « de la Fontaine » or « Delafontaine »:
the README promises names « sans souci … d'apostrophe … ni d'espaces ».
"""

from __future__ import annotations

from pathlib import Path

import pytest

from garefil.core.people import find_person
from garefil.core.text import same_person


@pytest.mark.parametrize(
    ("typed", "known"),
    [
        ("N'Diaye", "Fatou Ndiaye"),
        ("ndiaye", "Fatou N'Diaye"),
        ("fatou n’diaye", "Fatou Ndiaye"),
        ("Fatou N Diaye", "Fatou N'Diaye"),
        ("lea delafontaine", "Léa de la Fontaine"),
        ("Delafontaine", "Léa de la Fontaine"),
        ("fontaine", "Léa de la Fontaine"),
    ],
)
def test_a_name_is_found_without_its_apostrophes_or_spaces(typed: str, known: str) -> None:
    assert find_person(typed, [known, "Jean Dupont"]) == known


def test_one_person_spelled_two_ways_is_one_person() -> None:
    assert same_person("Fatou N'Diaye", "fatou ndiaye")
    assert find_person("Ndiaye", ["Fatou N'Diaye", "Fatou Ndiaye"]) in {
        "Fatou N'Diaye",
        "Fatou Ndiaye",
    }
    assert not same_person("Léa Fontaine", "Léa de la Fontaine")


def test_search_list_and_fil_find_ndiaye_typed_with_an_apostrophe(cli, demo_notebook: Path):
    searched = cli("-C", demo_notebook, "search", "N'Diaye").stdout
    assert "Rendez-vous Fatou Ndiaye" in searched
    listed = cli("-C", demo_notebook, "list", "-e", "N'Diaye").stdout
    assert listed.count("Fatou Ndiaye") >= 4
    thread = cli("-C", demo_notebook, "fil", "fatou n'diaye").stdout
    assert "Fatou Ndiaye" in thread


def test_list_finds_a_particle_name_typed_glued(cli, notebook: Path) -> None:
    cli("-C", notebook, "new", "cr", "-e", "Léa de la Fontaine", "--title", "Point", "--body", "x")
    listed = cli("-C", notebook, "list", "-e", "lea delafontaine").stdout
    assert "Léa de la Fontaine" in listed


def test_an_unknown_entrepreneur_with_no_close_name_names_none(cli, demo_notebook: Path):
    refused = cli("-C", demo_notebook, "fil", "zzz qqq", code=4)
    assert "zzz qqq" in refused.stderr
    assert "noms proches" not in refused.stderr and "—" not in refused.stderr
    close = cli("-C", demo_notebook, "fil", "Fatou Ndiayo", code=4)
    assert "noms proches : Fatou Ndiaye" in close.stderr


def _front(folder: Path, kind: str, words: str = "") -> str:
    (found,) = [p for p in (folder / kind).rglob("*.md") if words in p.name]
    return found.read_text(encoding="utf-8")


def test_a_known_name_is_written_as_its_fiche_spells_it(cli, notebook: Path) -> None:
    cli("-C", notebook, "new", "fiche", "-e", "Fatou N'Diaye", "--body", "x")
    made = cli(
        "-C", notebook, "new", "rdv", "-e", "fatou n’diaye", "--date", "demain 14h", "--body", "x"
    )
    assert "Écrit « Fatou N'Diaye » (nom de la fiche)." in made.stderr
    text = _front(notebook, "rdv")
    assert "entrepreneur: Fatou N'Diaye" in text
    assert "n’diaye" not in text


def test_a_new_name_typed_in_lower_case_is_capitalised(cli, notebook: Path) -> None:
    made = cli("-C", notebook, "new", "cr", "-e", "lina roy", "--body", "x")
    assert "Écrit" not in made.stderr
    assert "entrepreneur: Lina Roy" in _front(notebook, "cr", "roy")
    cli("-C", notebook, "new", "cr", "-e", "léa de la fontaine", "--title", "Point", "--body", "x")
    assert "entrepreneur: Léa de La Fontaine" in _front(notebook, "cr", "fontaine")


def test_a_new_member_is_written_as_the_notes_spell_them(cli, notebook: Path) -> None:
    cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "-r", "Inès Moreau", "--body", "x")
    added = cli("-C", notebook, "config", "membre", "ajouter", "ines moreau")
    assert "Écrit « Inès Moreau » (comme l'écrivent les notes)." in added.stderr
    assert "Inès Moreau" in cli("-C", notebook, "config", "membres").stdout
    cli("-C", notebook, "config", "membre", "ajouter", "INES MOREAU")
    assert cli("-C", notebook, "config", "membres").stdout.count("Moreau") == 1


def test_only_an_elided_word_that_may_be_a_name_looks_the_names_up() -> None:
    from garefil.core.people import elided_names, names_in_query

    assert names_in_query("N'Diaye") and names_in_query("o'brien")
    assert not names_in_query("l'accompagnement aujourd'hui presqu'île")
    widened = elided_names("N'Diaye l'accompagnement", ["Fatou Ndiaye"], [])
    assert widened == "(N'Diaye OR ndiaye OR entrepreneur_key:\"fatoundiaye\") l'accompagnement"


def test_a_referent_is_written_as_the_notes_spell_them_while_no_team_is_listed(cli, notebook):
    cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "-r", "Inès Moreau", "--body", "x")
    made = cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "-r", "ines moreau", "--body", "y")
    assert "Écrit « Inès Moreau » (comme l'écrivent les notes)." in made.stderr
    assert "referent: Inès Moreau" in _front(notebook, "cr", "roy")
