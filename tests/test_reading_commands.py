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
