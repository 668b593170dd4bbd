"""Search edge cases a coach meets: notes from other tools, dangling operators, nested keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def hits(cli, notebook: Path, *args: str) -> list[dict]:
    return json.loads(cli("-C", notebook, "search", "--json", *args).stdout)


def test_a_latin1_note_has_a_readable_snippet(cli, notebook):
    text = "---\ntitle: Réunion CAF\ndate: 2026-11-02\n---\n\nRéunion à la CAF, décision prise.\n"
    (notebook / "latin.md").write_bytes(text.encode("latin-1"))
    [hit] = hits(cli, notebook, "réunion CAF")
    assert "Réunion à la CAF, décision prise." in hit["snippet"]
    assert "\ufffd" not in cli("-C", notebook, "search", "réunion CAF").stdout


@pytest.mark.parametrize(
    "query, operator",
    [("urssaf AND", "AND"), ("urssaf OR", "OR"), ("urssaf NOT", "NOT"), ("OU urssaf", "OU")],
)
def test_a_lone_operator_at_an_end_is_a_clear_error(cli, notebook, query, operator):
    (notebook / "u.md").write_text("---\ntitle: Urssaf\n---\n\nurssaf\n", encoding="utf-8")
    result = cli("-C", notebook, "search", query, code=5)
    assert f"« {operator} »" in result.stderr and f"urssaf {operator} caf" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2 and "Traceback" not in result.output
    assert len(hits(cli, notebook, "NOT caf")) == 1


@pytest.mark.parametrize(
    "query", ['"reliquat d ARE" OU urssaf', 'urssaf OU "reliquat d ARE"', '("reliquat") OR urssaf']
)
def test_a_quoted_phrase_is_something_an_operator_can_join(cli, notebook, query):
    (notebook / "u.md").write_text("---\ntitle: Urssaf\n---\n\nurssaf\n", encoding="utf-8")
    (notebook / "r.md").write_text("---\ntitle: ARE\n---\n\nLe reliquat d'ARE.\n", encoding="utf-8")
    assert len(hits(cli, notebook, query)) == 2


def test_a_search_of_common_words_only_says_so(cli, notebook):
    (notebook / "u.md").write_text("---\ntitle: Urssaf\n---\n\nde la\n", encoding="utf-8")
    result = cli("-C", notebook, "search", "de la", code=5)
    assert "trop courants" in result.stderr and "Aucune note" not in result.output
    assert len(hits(cli, notebook, "urssaf de la")) == 1


NESTED = """---
title: Partenaire
organisme:
  nom: Chambre des métiers
  adresse: {ville: Lyon}
lieu: Paris
---

Rencontre.
"""


def test_a_nested_key_is_addressed_by_its_path(cli, notebook):
    (notebook / "p.md").write_text(NESTED, encoding="utf-8")
    (notebook / "q.md").write_text("---\ntitle: Autre\nnom: chambre\n---\n\nx\n", encoding="utf-8")
    assert [h["path"] for h in hits(cli, notebook, "organisme.nom:chambre")] == ["p.md"]
    assert [h["path"] for h in hits(cli, notebook, "Organisme.Adresse.Ville:lyon")] == ["p.md"]
    assert hits(cli, notebook, "organisme.nom:lyon") == []
    listed = cli("-C", notebook, "list", "--json", "--champ", "organisme.nom=Chambre des métiers")
    assert [n["path"] for n in json.loads(listed.stdout)] == ["p.md"]


def test_an_unknown_nested_key_is_named_as_typed(cli, notebook):
    (notebook / "p.md").write_text(NESTED, encoding="utf-8")
    result = cli("-C", notebook, "search", "organisme.nmo:chambre", code=5)
    assert "« organisme.nmo: »" in result.stderr and "organisme.nom:" in result.stderr
    result = cli("-C", notebook, "list", "--champ", "organisme.nmo=x", code=5)
    assert "« organisme.nmo »" in result.stderr


def test_champ_filters_on_garefil_s_own_header_keys_too(cli, notebook):
    (notebook / "a.md").write_text(
        "---\ntitle: Point Élan\nstatus: envoyé\nreferent: Awa Diallo\nentrepreneur: Jean"
        " Dupont\ntags: [compta]\n---\n\nx\n",
        encoding="utf-8",
    )
    (notebook / "b.md").write_text(
        "---\ntitle: Autre\nstatus: brouillon\n---\n\ny\n", encoding="utf-8"
    )

    def listed(*filters: str) -> list[str]:
        found = cli("-C", notebook, "list", "--json", *(f"--champ={f}" for f in filters))
        return [n["path"] for n in json.loads(found.stdout)]

    assert listed("status=envoye") == ["a.md"]
    assert listed("referent=awa diallo", "entrepreneur=JEAN DUPONT") == ["a.md"]
    assert listed("title=point elan", "tags=compta") == ["a.md"]
    assert listed("status=envoy") == []  # the whole value, as the help and docs say
    assert listed("status=brouillon") == ["b.md"]


def test_champ_on_an_address_key_says_why_it_is_not_there_and_names_the_own_keys(cli, notebook):
    (notebook / "fiche.md").write_text(
        "---\ntitle: Fiche\nemail: jean@exemple.org\n---\n\nx\n", encoding="utf-8"
    )
    said = cli("-C", notebook, "list", "--champ", "email=jean@exemple.org", code=5).stderr
    assert "« email »" in said and "les adresses, les dates et les nombres" in said
    assert "referent" in said and "status" in said
