"""A late action says what it is and its id wherever it is due: `suivi`, the home screen, the
site and the SOMMAIRE, so that `garefil action faite a-…` can be typed from what is shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture
def late(cli, notebook: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Awa's action « préparer le bilan », due 5 November, seen on 9 November: its id."""
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-02 08:00")  # a Monday morning: its meeting to come
    cli("-C", notebook, "config", "user", "Awa Diallo", "awa@example.org")
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    cli("-C", notebook, "config", "set", "nom", "Awa Diallo")
    cli("-C", notebook, "reunion", "preparer", "--no-edit")
    out = cli("-C", notebook, "action", "ajouter", "awa", "préparer le bilan", "--pour", "5/11")
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-09")
    return out.stdout.split("\t")[0]


def test_suivi_says_the_action_and_its_id(cli, notebook, late):
    rows = [r.split("\t") for r in cli("-C", notebook, "suivi").stdout.splitlines()]
    (item,) = json.loads(cli("-C", notebook, "suivi", "--json").stdout)
    assert (item["about"], item["detail"]) == ("préparer le bilan", late)
    said = f"action en retard : préparer le bilan ({late})"
    assert rows == [["Awa Diallo", "2026-11-05", said, "", item["id"]]]
    shown = rows[0][2].rsplit("(", 1)[1].rstrip(")")
    cli("-C", notebook, "action", "faite", shown)  # what is shown is what it takes
    assert json.loads(cli("-C", notebook, "suivi", "--json").stdout) == []


def test_the_home_screen_says_the_action_and_its_id(cli, notebook, late):
    home = cli("-C", notebook).stdout
    assert f"· action en retard : préparer le bilan ({late})" in home, home


def test_the_site_and_the_sommaire_say_the_action_and_its_id(cli, notebook, late):
    cli("-C", notebook, "site")
    home = (notebook / ".garefil" / "site" / "index.html").read_text(encoding="utf-8")
    assert f"préparer le bilan ({late})" in home
    cli("-C", notebook, "sommaire")
    due = (notebook / "sommaire" / "a-traiter.md").read_text(encoding="utf-8")
    assert f"— « préparer le bilan » ({late})" in due
    assert git(notebook, "status", "--porcelain") == ""
