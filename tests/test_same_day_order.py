"""Things of one day come in the order they happened (the header's time, else when git first
recorded them), never in the order of their file names, wherever they are listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def written_at(cli, notebook: Path, monkeypatch):
    """`written_at("09:00:00", kind, *options)`: a note of 2024-05-02 (a day, no time in its
    header) written and committed at that time of that day."""

    def write(moment: str, kind: str, *options: str) -> str:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{moment}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{moment}")
        out = cli("-C", notebook, "new", kind, "--date", "2024-05-02", *options, "--body", "x")
        return out.stdout.split("\t")[0]

    return write


def test_the_home_screen_lists_same_day_requests_as_suivi_does(cli, notebook, written_at):
    """File names follow the entrepreneur's name (A before Z): Zoé's request came first."""
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")  # the git identity's name
    written_at("09:00:00", "demande", "-e", "Zoé Vidal", "-r", "Awa Diallo")
    written_at("11:00:00", "demande", "-e", "Anna Bel", "-r", "Awa Diallo")
    suivi = [d["entrepreneur"] for d in json.loads(cli("-C", notebook, "suivi", "--json").stdout)]
    assert suivi == ["Zoé Vidal", "Anna Bel"]
    home = cli("-C", notebook).stdout
    assert "À faire pour vous (2) :" in home
    assert home.index("Zoé Vidal") < home.index("Anna Bel")
