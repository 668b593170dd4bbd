"""The site's search in the page agrees with `garefil search` on French forms: the page's own
script (recherche.js) is run by Node against the built index, on the same words as the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT
from garefil.adapters.french_analysis import FrenchAnalyzer
from garefil.adapters.pages.search_index import light

SCRIPT = PROJECT / "src" / "garefil" / "adapters" / "pages" / "site" / "recherche.js"
NODE = shutil.which("node")
# (typed or written form, its light form): the rule both sides apply.
LIGHT_PAIRS = [
    ("cotisations", "cotisation"),
    ("accompagnatrice", "accompagnateur"),
    ("accompagnatrices", "accompagnateur"),
    ("accompagnateurs", "accompagnateur"),
    ("accompagnateur·rice·s", "accompagnateur"),
    ("entrepreneuse", "entrepreneur"),
    ("entrepreneure", "entrepreneur"),
    ("formatrice", "formateur"),
    ("vendeuse", "vendeur"),
    ("conseillere", "conseiller"),
    ("creee", "cree"),
    ("travaux", "travau"),
    ("entrepreneur·e·s", "entrepreneur"),
    ("bus", "bus"),
    ("classe", "classe"),
    ("stress", "stress"),
]
# Run the page's script with the index's scripts, as the page loads them, then search.
RUNNER = """
var fs = require("fs"), vm = require("vm"), site = process.argv[1];
var context = {document: {addEventListener: function () {}}};
context.window = context;
vm.createContext(context);
function load(path) { vm.runInContext(fs.readFileSync(path, "utf8"), context); }
load(process.argv[2]);
load(site + "/assets/index-recherche.js");
context.GAREFIL_RECHERCHE.parts.forEach(function (part) { load(site + "/" + part); });
var queries = JSON.parse(process.argv[3]);
console.log(JSON.stringify({
  found: queries.map(function (q) { return context.garefilSearch(q); }),
  light: JSON.parse(process.argv[4]).map(function (w) { return context.garefilLight(w); })
}));
"""
NOTES = {
    "personne.md": "L'accompagnatrice a rappelé le porteur de projet.",
    "action.md": "L'accompagnement commence lundi.",
    "cotisations.md": "Les cotisations sont payées.",
    "autre.md": "Rien à voir ici.",
}


def run_page(site: Path, queries: list[str]) -> dict:
    words = [written for written, _light in LIGHT_PAIRS]
    args = [json.dumps(queries), json.dumps(words)]
    done = subprocess.run(
        [NODE, "-e", RUNNER, str(site), str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def test_python_makes_light_forms_by_the_rule():
    assert [light(w) for w, _ in LIGHT_PAIRS] == [form for _, form in LIGHT_PAIRS]


# Words of a person's noun and of its action, as notes write them (folded: the page folds first).
BASES = ["accompagn", "form", "anim", "entrepren", "direc", "vend", "conseill", "travail", "cre"]
ENDINGS = (
    ["ateur", "atrice", "ateurs", "atrices", "ateur·rice·s", "ateur·trice", "ateurs/trices",
     "ateuse", "teur", "trice", "teuse", "eur", "eure", "euse", "eurs", "eures", "euses",
     "eur·e·s", "eur(e)s", "eur·euse", "er", "ere", "eres", "ement", "ements", "e", "ee", "ees",
     "ation", "ations", "ent", "s", "es"]
)  # fmt: skip


def test_a_words_light_form_has_its_term():
    """The page looks a form no note holds up by its light form, among the light forms of the
    notes' words (search_index.py): it finds what `garefil search` finds only if a word's light
    form has that word's term, so that « accompagnateur » finds « accompagnatrice » in both,
    and « accompagnement » finds neither."""
    analyzer = FrenchAnalyzer()
    words = [base + ending for base in BASES for ending in ENDINGS]
    differ = [w for w in words if analyzer.term(light(w)) != analyzer.term(w)]
    assert not differ, [(w, light(w)) for w in differ]


# With CI=true (.ci/run installs Node from Debian) a missing Node is a failure, not a skip.
@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="Node is not installed")
def test_the_page_finds_what_the_command_line_finds_for_other_forms(cli, notebook):
    for name, body in NOTES.items():
        (notebook / name).write_text(f"---\ntype: note\ntitle: {name[:-3]}\n---\n{body}\n")
    cli("-C", notebook, "site")
    queries = ["accompagnateur", "accompagnateur ", "cotisation ", "cotisation", "accompagnement"]
    page = run_page(notebook / ".garefil" / "site", queries)
    assert page["light"] == [form for _, form in LIGHT_PAIRS]  # the same rule as Python's
    for query, found in zip(queries, page["found"], strict=True):
        command = json.loads(cli("-C", notebook, "search", "--json", query.strip()).stdout)
        expected = sorted(Path(hit["path"]).stem for hit in command)
        assert expected and sorted(Path(u).stem for u in found) == expected, query
    # The person is not the action, in the page as in the command.
    assert [sorted(Path(u).stem for u in page["found"][i]) for i in (0, 4)] == [
        ["personne"],
        ["action"],
    ]


@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="Node is not installed")
def test_the_page_finds_a_name_written_with_or_without_its_elided_particle(cli, notebook):
    """« ndiaye », « n'diaye » and « N’Diaye » typed in the page find the notes written
    « N'Diaye » and those written « Ndiaye », as `garefil search` does."""
    notes = {"ecrit.md": "Rendez-vous avec Fatou N'Diaye.", "colle.md": "Fatou Ndiaye."}
    for name, body in notes.items():
        (notebook / name).write_text(f"---\ntype: note\ntitle: {name[:-3]}\n---\n{body}\n")
    (notebook / "autre.md").write_text("---\ntype: note\ntitle: autre\n---\nDiaye seul.\n")
    cli("-C", notebook, "site")
    queries = ["ndiaye", "n'diaye", "N’Diaye ", "fatou n'diaye"]
    page = run_page(notebook / ".garefil" / "site", queries)
    for query, found in zip(queries, page["found"], strict=True):
        command = json.loads(cli("-C", notebook, "search", "--json", query.strip()).stdout)
        expected = sorted(Path(hit["path"]).stem for hit in command)
        assert {"colle", "ecrit"} <= set(expected), query  # « n'diaye » finds « Diaye » too
        assert sorted(Path(u).stem for u in found) == expected, query


HAND_NOTE = """---
title: Entretien
date: 2024-03-12
type: cr
entrepreneur: Fatou NDIAYE
referent: Inès Moreau
author: Karim Benali
participants: [Luc Perrin]
lieu: {ville: Saint-Étienne}
thematiques: [Insertion]
site_web: https://exemple.fr/accueil
adresse: 12 rue des Lilas
---
Premier entretien.
"""


def _stems(hits) -> list[str]:
    """The notes' file names, from their pages' addresses (folders joined by ~)."""
    return sorted(Path(hit).stem.rsplit("~", 1)[-1] for hit in hits)


@pytest.mark.skipif(NODE is None and os.environ.get("CI") != "true", reason="Node is not installed")
def test_the_page_finds_people_header_values_and_synonyms_as_the_command_line(cli, notebook):
    """Names in a note's header (entrepreneur, référent, participants), its other header values
    and a tag's synonyms are found in the page as `garefil search` finds them; an address is
    not a word of the page's index."""
    cli(
        "-C",
        notebook,
        "new",
        "cr",
        "--title",
        "Point",
        "-e",
        "Marie de la Fontaine",
        "--body",
        "Plusieurs personnes, dont Marie, ont vu la CAF.",
        "--no-edit",
    )
    (notebook / "entretien.md").write_text(HAND_NOTE, encoding="utf-8")
    (notebook / "ancien.md").write_text("---\ntitle: Ancien\ntype: note\n---\nPôle Emploi.\n")
    (notebook / "nouveau.md").write_text("---\ntitle: Nouveau\ntype: note\n---\nFrance Travail.\n")
    (notebook / "autre.md").write_text("---\ntitle: Autre\ntype: note\n---\nRien à voir.\n")
    # A new notebook's config says France Travail is Pôle Emploi's other name (« pe » too).
    cli("-C", notebook, "site")
    queries = [
        "fontaine",
        "saint etienne",
        "insertion",
        "ndiaye",
        "perrin",
        "moreau",
        "benali",
        "diallo",
        "pole emploi",
        "france travail",
        "pe ",
    ]
    page = run_page(notebook / ".garefil" / "site", [*queries, "exemple", "accueil", "lilas"])
    for query, found in zip(queries, page["found"][: len(queries)], strict=True):
        command = json.loads(cli("-C", notebook, "search", "--json", query.strip()).stdout)
        expected = sorted(Path(hit["path"]).stem for hit in command)
        assert expected and _stems(found) == expected, query
    by_query = dict(zip(queries, page["found"], strict=False))
    assert {"ancien", "nouveau"} <= set(_stems(by_query["pole emploi"]))
    # A web address is not words of the note; a personal field the page hides is not either.
    assert page["found"][-3:] == [[], [], []]
