"""Decisions and actions written without --dans go in the latest meeting held up to today, never
in a meeting prepared for a day to come."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def team_notebook(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")
    for member in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", member)
    return notebook


def in_notes(cli, notebook, kind: str) -> list[str]:
    return [e["note"]["id"] for e in json.loads(cli("-C", notebook, kind, "--json").stdout)]


def test_today_s_decision_goes_in_today_s_meeting_not_next_week_s(cli, team_notebook):
    cli("-C", team_notebook, "new", "reunion", "--no-edit")
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    cli("-C", team_notebook, "decision", "ajouter", "Décision prise aujourd'hui")
    cli("-C", team_notebook, "action", "ajouter", "Awa Diallo", "Appeler la CCI")
    [decision] = in_notes(cli, team_notebook, "decisions")
    [action] = in_notes(cli, team_notebook, "actions")
    assert decision.startswith("2026-11-30-reunion-") and action == decision


def test_with_only_a_meeting_to_come_the_coach_is_told_to_name_the_note(
    cli, team_notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-12-01")  # the day after the meeting slot
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    said = cli("-C", team_notebook, "decision", "ajouter", "Trop tôt", code=4).stderr
    assert "--dans 2026-12-07-reunion-" in said
    assert in_notes(cli, team_notebook, "decisions") == []
