"""One person written two ways is one person everywhere people are counted or listed.

Notes written by other tools (or before the names were tidied) spell « Fatou N'Diaye » as
« Fatou Ndiaye » or « fatou n diaye », and « Marie Le Goff » as « Marie Legoff »: `fil`,
`list -e` and the search already take them for one person; the sommaire, `bilan`, the site,
`entrepreneurs` and `suivi --referent` must count and show them once, under one spelling (the
fiche's, else the most written).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git


def _note(folder: Path, path: str, kind: str, day: str, who: str, referent: str, extra="") -> None:
    file = folder / path
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(
        f"---\nid: {file.stem}\ntype: {kind}\ntitle: {kind} {day}\ndate: {day}\n"
        f"entrepreneur: {who}\nreferent: {referent}\n{extra}---\n\nx\n",
        encoding="utf-8",
    )


@pytest.fixture
def spelled_twice(cli, notebook: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fiche for « Fatou N'Diaye » (référent « Marie Le Goff »), three reports and two open
    requests about « Fatou Ndiaye » for « Marie Legoff », one report for « fatou n diaye »."""
    monkeypatch.setenv("GAREFIL_TODAY", "2026-03-15")
    _note(notebook, "fiches/f.md", "fiche", "2026-01-05", "Fatou N'Diaye", "Marie Le Goff")
    for day in ("01", "02", "03"):
        _note(notebook, f"cr/c{day}.md", "cr", f"2026-02-{day}", "Fatou Ndiaye", "Marie Legoff")
    _note(notebook, "cr/c05.md", "cr", "2026-02-05", "fatou n diaye", "marie le goff")
    for day, referent in (("11", "Marie Legoff"), ("12", "marie le goff")):
        status = "status: ouverte\n"
        _note(
            notebook,
            f"demandes/d{day}.md",
            "demande",
            f"2026-01-{day}",
            "Fatou Ndiaye",
            referent,
            status,
        )
    git(notebook, "add", "-A")
    git(notebook, "commit", "-q", "-m", "notes written elsewhere")
    return notebook


def test_entrepreneurs_lists_one_person_under_the_fiche_spelling(cli, spelled_twice: Path):
    people = json.loads(cli("-C", spelled_twice, "entrepreneurs", "--json").stdout)
    assert [(p["name"], p["notes"]) for p in people] == [("Fatou N'Diaye", 6)]


def test_suivi_by_referent_counts_every_spelling(cli, spelled_twice: Path):
    mine = json.loads(cli("-C", spelled_twice, "suivi", "--referent", "legoff", "--json").stdout)
    assert [d["id"] for d in mine] == ["d11", "d12"]
    assert {(d["referent"], d["entrepreneur"]) for d in mine} == {
        ("Marie Le Goff", "Fatou N'Diaye")
    }
    everyone = cli("-C", spelled_twice, "suivi").stdout
    assert "Marie Legoff" not in everyone and "marie le goff" not in everyone


def test_bilan_counts_one_entrepreneur_and_one_referent(cli, spelled_twice: Path):
    figures = json.loads(cli("-C", spelled_twice, "bilan", "--json").stdout)
    assert figures["entrepreneurs_followed"] == 1 and figures["entrepreneurs_new"] == 1
    assert figures["activity"] == {"2026-01": {"Marie Le Goff": 3}, "2026-02": {"Marie Le Goff": 4}}
    alone = json.loads(cli("-C", spelled_twice, "bilan", "-r", "Le Goff", "--json").stdout)
    assert alone["reports_written"] == 4


def test_the_sommaire_has_one_page_per_person(cli, spelled_twice: Path):
    cli("-C", spelled_twice, "sommaire")
    pages = spelled_twice / "sommaire"
    assert sorted(p.name for p in (pages / "entrepreneurs").iterdir()) == ["fatou-n-diaye.md"]
    assert sorted(p.name for p in (pages / "referents").iterdir()) == ["marie-le-goff.md"]
    summary = (spelled_twice / "SOMMAIRE.md").read_text(encoding="utf-8")
    assert "Ndiaye" not in summary and "Legoff" not in summary and "le goff" not in summary


def test_the_site_has_one_page_per_person(cli, spelled_twice: Path, tmp_path: Path):
    cli("-C", spelled_twice, "site", "-o", tmp_path / "site")
    site = tmp_path / "site"
    assert len(list((site / "entrepreneurs").iterdir())) == 1
    assert len(list((site / "referents").iterdir())) == 1
    people = (site / "pages" / "personnes.html").read_text(encoding="utf-8")
    assert people.count("entrepreneurs/fatou-n-diaye-") == 1 and "Ndiaye" not in people


def test_jardin_proposes_the_spelling_the_listings_show(cli, spelled_twice: Path):
    found = cli("-C", spelled_twice, "jardin", code=None).stdout
    assert "« Fatou Ndiaye » est écrit « Fatou N'Diaye » ailleurs" in found
    assert "« Marie Legoff » est écrit « Marie Le Goff » ailleurs" in found
    assert "« Fatou N'Diaye » est écrit" not in found


def test_rgpd_anonymises_the_person_however_the_notes_spell_them(cli, spelled_twice: Path):
    cli("-C", spelled_twice, "rgpd", "anonymiser", "Fatou N'Diaye", "--oui")
    left = [
        path.relative_to(spelled_twice).as_posix()
        for path in spelled_twice.rglob("*.md")
        if ".git" not in path.parts and "diaye" in path.read_text(encoding="utf-8").lower()
    ]
    assert left == [], left


def test_decisions_of_an_entrepreneur_come_from_every_spelling(cli, spelled_twice: Path):
    for name, text in (("c01", "Financer le four."), ("c05", "Chercher un local.")):
        cr = spelled_twice / "cr" / f"{name}.md"
        said = cr.read_text(encoding="utf-8") + f"\n## Décisions\n\n- {text}\n"
        cr.write_text(said, encoding="utf-8")
    git(spelled_twice, "commit", "-qam", "deux décisions")
    found = json.loads(
        cli("-C", spelled_twice, "decisions", "--entrepreneur", "Fatou N'Diaye", "--json").stdout
    )
    assert sorted(d["text"] for d in found) == ["Chercher un local.", "Financer le four."], found
