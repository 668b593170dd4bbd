"""A name written surname first, in capitals (« DUPONT Jean », French administrative style), is
the same person as « Jean Dupont »; « Martin Thomas » and « Thomas Martin » may be two people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from garefil.core.people import find_person
from garefil.core.text import person_id, same_person

APPEL = "---\ntitle: Appel\ndate: 2024-03-26\ntype: note\nentrepreneur: DUPONT Jean\n---\nAppel.\n"


@pytest.mark.parametrize(
    ("surname_first", "usual"),
    [
        ("DUPONT Jean", "Jean Dupont"),
        ("LE GALL Yann", "Yann Le Gall"),
        ("D'ALMEIDA Paulo", "Paulo D'Almeida"),
        ("D’ALMEIDA Paulo", "Paulo d'Almeida"),
        ("N'DIAYE Fatou", "Fatou Ndiaye"),
        ("DE LA FONTAINE Marie", "Marie de la Fontaine"),
        ("DUPONT Jean-Marc", "Jean-Marc Dupont"),
        ("ÉLIE Sophie", "Sophie Élie"),
    ],
)
def test_a_surname_in_capitals_first_is_the_same_person(surname_first, usual):
    assert same_person(surname_first, usual)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Martin Thomas", "Thomas Martin"),  # no capitals to tell the surname: maybe two people
        ("MARTIN THOMAS", "Thomas Martin"),  # all in capitals: which is the surname?
        ("Jean DUPONT", "Dupont Jean"),
    ],
)
def test_names_without_a_surname_in_capitals_first_keep_their_order(one, other):
    assert not same_person(one, other)


def test_typing_either_order_finds_the_one_person():
    known = ["DUPONT Jean", "Jean Dupont", "Awa Diallo"]
    assert person_id(find_person("dupont", known)) == person_id("Jean Dupont")
    assert person_id(find_person("Jean Dupont", known)) == person_id("Jean Dupont")


def test_every_command_shows_one_person_for_both_spellings(cli, demo_notebook: Path):
    nb = demo_notebook
    before = _bilan(cli, nb)
    (nb / "divers" / "appel.md").write_text(APPEL, encoding="utf-8")
    dupont = [line for line in _lines(cli, nb, "entrepreneurs") if "dupont" in line.lower()]
    assert len(dupont) == 1 and dupont[0].startswith("Jean Dupont"), dupont
    assert dupont[0].split("\t")[-1] == "5"  # the four notes written « Jean Dupont », and this one
    listed = cli("-C", nb, "list", "-e", "dupont").stdout
    assert "Appel" in listed
    found = json.loads(cli("-C", nb, "search", "--json", "-e", "dupont", "appel").stdout)
    assert [Path(hit["path"]).name for hit in found] == ["appel.md"]
    assert "Appel" in cli("-C", nb, "fil", "dupont").stdout
    after = _bilan(cli, nb)
    assert after["entrepreneurs_followed"] == before["entrepreneurs_followed"]
    cli("-C", nb, "site")
    pages = sorted(p.name for p in (nb / ".garefil" / "site" / "entrepreneurs").glob("*dupont*"))
    assert len(pages) == 1, pages
    cli("-C", nb, "sommaire")
    sommaire = (nb / "SOMMAIRE.md").read_text(encoding="utf-8")
    assert "DUPONT Jean" not in sommaire and "Jean Dupont" in sommaire


def test_two_people_whose_names_swap_stay_two(cli, notebook: Path):
    for name, who in (("un.md", "Martin Thomas"), ("deux.md", "Thomas Martin")):
        text = f"---\ntitle: {name}\ndate: 2024-03-26\ntype: note\nentrepreneur: {who}\n---\nA.\n"
        (notebook / name).write_text(text, encoding="utf-8")
    shown = [line.split("\t")[0] for line in _lines(cli, notebook, "entrepreneurs")]
    assert sorted(shown) == ["Martin Thomas", "Thomas Martin"]


def _lines(cli, notebook: Path, *args: str) -> list[str]:
    return cli("-C", notebook, *args).stdout.splitlines()


def _bilan(cli, notebook: Path) -> dict:
    period = ("--depuis", "2024-01-01", "--au", "2024-12-31")
    return json.loads(cli("-C", notebook, "bilan", *period, "--json").stdout)
