"""Who the coach is: the `nom` setting, else git's name when it is a member of the listed team.
The home screen and `suivi --moi` agree with `config set nom`, which refuses a non-member."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture
def signed_by_outsider(demo_notebook: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo notebook, its team Karim and Awa, its changes signed by Inès, not of it."""
    config = demo_notebook / ".garefil" / "config.toml"
    text = config.read_text(encoding="utf-8")
    team = 'members = ["Karim Benali", "Awa Diallo"]'
    config.write_text(re.sub(r"(?m)^members = .*$", team, text), encoding="utf-8")
    git(demo_notebook, "config", "user.name", "Inès Moreau")
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-20")
    return demo_notebook


def test_the_three_agree_that_a_git_name_outside_the_team_is_not_the_coach(
    cli, signed_by_outsider: Path
):
    refused = cli("-C", signed_by_outsider, "config", "set", "nom", "Inès Moreau", code=5)
    assert "Inès Moreau" in refused.stderr
    screen = cli("-C", signed_by_outsider).stdout
    assert "Bonjour Inès Moreau" not in screen and "config set nom" in screen
    assert "À faire pour vous" not in screen and "suivi --moi" not in screen
    mine = cli("-C", signed_by_outsider, "suivi", "--moi", code=5)
    assert "Inès Moreau" in mine.stderr and "config set nom" in mine.stderr


def test_a_git_name_of_the_team_is_still_the_coach(cli, signed_by_outsider: Path):
    git(signed_by_outsider, "config", "user.name", "karim benali")
    screen = cli("-C", signed_by_outsider).stdout
    assert "Bonjour Karim Benali" in screen
    assert "Karim Benali" in cli("-C", signed_by_outsider, "suivi", "--moi").stdout
