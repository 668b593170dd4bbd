"""Reading commands agree with each other: query words, filters on people, types and statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PEOPLE = {
    "cr/2024/dupont-jean.md": ("cr", "Jean Dupont", "Awa Diallo", "brouillon", "acre urssaf"),
    "cr/2024/dupont-marie.md": ("cr", "Marie Dupont", "Awa Diallo", "envoye", "acre cotisations"),
    "cr/2024/darc.md": ("cr", "Jeanne d’Arc", "Karim Benali", "brouillon", "acre brouillon"),
    "reunions/2024/equipe.md": ("reunion", None, "Inès Moreau", None, "réunion d'équipe acre"),
    "rdv/2024/hugo.md": ("rdv", "Hugo Lefèvre", "Inès  Moreau", "prevu", "rendez-vous"),
}


@pytest.fixture
def people(notebook: Path) -> Path:
    """A notebook with two Duponts, a name with a typographic apostrophe, and an odd spacing."""
    for path, (kind, who, referent, status, body) in PEOPLE.items():
        lines = [f"type: {kind}", f"title: {Path(path).stem}", "date: 2024-03-01"]
        lines += [f"entrepreneur: {who}"] if who else []
        lines += [f"referent: {referent}"] + ([f"status: {status}"] if status else [])
        target = notebook / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\n" + "\n".join(lines) + f"\n---\n\n{body}\n", encoding="utf-8")
    return notebook


def listed(cli, notebook: Path, *args: str) -> list[str]:
    notes = json.loads(cli("-C", notebook, "list", "--json", *args).stdout)
    return sorted(Path(n["path"]).stem for n in notes)


def searched(cli, notebook: Path, *args: str) -> list[str]:
    hits = json.loads(cli("-C", notebook, "search", "--json", *args).stdout)
    return sorted(Path(h["path"]).stem for h in hits)


def test_query_words_starting_with_a_dash_exclude_them(cli, people):
    assert searched(cli, people, "acre", "-brouillon") == ["dupont-jean", "dupont-marie", "equipe"]
    assert searched(cli, people, "acre", "-cotisations", "-n", "5") == [
        "darc",
        "dupont-jean",
        "equipe",
    ]
    assert searched(cli, people, "-entreprise", "acre", "--limit=1") != []  # -e is not read


def test_real_options_of_search_still_work_around_words(cli, people):
    assert len(searched(cli, people, "acre", "-n1")) == 1
    assert len(searched(cli, people, "-n", "2", "acre")) == 2
    assert searched(cli, people, "--type", "reunion", "acre") == ["equipe"]
    assert searched(cli, people, "acre", "--", "-urssaf") == ["darc", "dupont-marie", "equipe"]
    typo = cli("-C", people, "search", "acre", "--limt", "3", code=2)
    assert "--limt" in typo.stderr and "--limit" in typo.stderr


def test_one_person_rule_for_list_and_search_options_and_fields(cli, people):
    for typed, expected in [
        ("marie", ["dupont-marie"]),
        ("Dupont Jean", ["dupont-jean"]),
        ("jeanne d'arc", ["darc"]),  # the note writes d’Arc
        ("JEANNE  D’ARC", ["darc"]),
        ("arc", ["darc"]),
        ("zorro", []),  # nobody by that name: no note, no error
    ]:
        assert listed(cli, people, "-e", typed) == expected, typed
        assert searched(cli, people, "--entrepreneur", typed) == expected, typed
        assert searched(cli, people, f'entrepreneur:"{typed}"') == expected, typed
    for typed in ("inès moreau", "Moreau", "ines"):  # one note spells it "Inès  Moreau"
        assert listed(cli, people, "-r", typed) == ["equipe", "hugo"], typed
        assert searched(cli, people, f"ref:{typed.split()[-1]}") == ["equipe", "hugo"], typed


def test_a_name_that_fits_two_people_is_an_error_listing_them(cli, people):
    for command in (
        ("list", "-e", "dupont"),
        ("search", "--entrepreneur", "Dupont"),
        ("search", "acre", "entrepreneur:dupont"),
    ):
        result = cli("-C", people, *command, code=4)
        assert "Jean Dupont, Marie Dupont" in result.stderr, command
        assert "nom complet" in result.stderr
    both = ["dupont-jean", "dupont-marie"]
    assert searched(cli, people, "entrepreneur:dup*") == both  # a pattern asks for several


def test_unknown_types_and_statuses_are_errors_listing_the_known_ones(cli, people):
    for command in ("list", "search"):
        bad_type = cli("-C", people, command, "--type", "foo", code=5)
        assert "« foo »" in bad_type.stderr and "cr, rdv, reunion" in bad_type.stderr
        bad_status = cli("-C", people, command, "--status", "ouvert", code=5)
        assert "« ouvert »" in bad_status.stderr and "ouverte" in bad_status.stderr
    for_type = cli("-C", people, "list", "--type", "cr", "--status", "tenu", code=5).stderr
    assert "brouillon, envoyé" in for_type and "tenu" not in for_type.split("connus")[1]


def test_statuses_used_by_notes_are_known_too(cli, people):
    hugo = people / "rdv" / "2024" / "hugo.md"
    hugo.write_text(hugo.read_text(encoding="utf-8").replace("prevu", "En pause"), "utf-8")
    assert listed(cli, people, "--status", "en pause") == ["hugo"]
    assert listed(cli, people, "--status", "ENVOYE") == ["dupont-marie"]


def test_type_names_are_accepted_as_coaches_write_them(cli, people):
    for typed in ("CR", "crs", "réunion", "Réunion", "reunions"):
        kind = "cr" if typed.lower().startswith("cr") else "reunion"
        wanted = listed(cli, people, "--type", kind)
        assert listed(cli, people, "--type", typed) == wanted, typed
        assert searched(cli, people, "acre", "--type", typed) == [
            n for n in wanted if n != "hugo"
        ], typed
    assert searched(cli, people, "acre", "type:CR") == ["darc", "dupont-jean", "dupont-marie"]
    assert "« foo »" in cli("-C", people, "search", "acre", "type:foo", code=5).stderr
    made = cli("-C", people, "new", "Réunion", "--title", "Point", "--no-edit").stdout
    assert made.split("\t")[1].startswith("reunions/")
    assert "-reunion-" in made.split("\t")[0]
