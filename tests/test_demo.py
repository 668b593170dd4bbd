"""The demo notebook is complete, readable, and invents its people."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from collections import Counter

from conftest import PROJECT, dev_script, git

MISSION_NAMES = (
    "Barreau",
    "Chemin",
    "Imbert",
    "Monneau",
    "Demore",
    "Rimaud",
    "Charles",
    "Bellec",
    "Morel",
    "Dorge",
    "Richard",
    "Didier",
)


def test_demo_notebook_covers_every_type_and_parses(cli, demo_notebook):
    result = cli("-C", demo_notebook, "list", "--json")
    notes = json.loads(result.stdout)
    assert result.stderr.count("⚠") == 0
    assert len(notes) >= 40
    types = Counter(n["type"] for n in notes)
    assert set(types) >= {"cr", "rdv", "reunion", "pad", "demande", "fiche", "note"}
    coaches = {n["referent"] for n in notes if n["referent"]}
    entrepreneurs = {n["entrepreneur"] for n in notes if n["entrepreneur"]}
    assert len(coaches) >= 5 and len(entrepreneurs) >= 12
    tags = {t for n in notes for t in n["tags"]}
    assert {"pole-emploi", "urssaf"} <= tags
    dates = sorted(n["date"][:10] for n in notes if n["date"])
    assert dates[0][:7] != dates[-1][:7]  # months of life, not one day


def test_demo_notes_carry_decisions_and_actions(cli, demo_notebook):
    meeting = json.loads(cli("-C", demo_notebook, "list", "--type", "reunion", "--json").stdout)[0]
    shown = json.loads(cli("-C", demo_notebook, "show", meeting["id"], "--json").stdout)
    assert shown["decisions"] and shown["actions"][0]["who"]


def test_every_demo_action_is_a_team_member_s(cli, demo_notebook):
    config = (demo_notebook / ".garefil" / "config.toml").read_text(encoding="utf-8")
    members = tomllib.loads(config)["team"]["members"]
    actions = json.loads(cli("-C", demo_notebook, "actions", "--toutes", "--json").stdout)
    assert actions and not [a["who"] for a in actions if a["who"] not in members]


def test_demo_uses_invented_people_only():
    text = "".join(p.read_text(encoding="utf-8") for p in (PROJECT / "notes").rglob("*.md"))
    assert not [name for name in MISSION_NAMES if name in text]


def test_working_on_a_demo_copy_never_touches_the_project(cli, demo_notebook):
    before = git(PROJECT, "rev-parse", "HEAD")
    cli("-C", demo_notebook, "new", "note", "--title", "Essai", "--no-edit")
    assert git(PROJECT, "rev-parse", "HEAD") == before
    assert git(demo_notebook, "log", "-1", "--format=%s").startswith("note:")


def test_demo_history_has_the_team_its_dates_and_a_second_coach(tmp_path):
    dev = dev_script()
    env = dev.demo_env(tmp_path)
    notebook = dev.build_demo(tmp_path, [sys.executable, "-m", "garefil"], env)
    log = subprocess.run(
        ["git", "log", "--format=%an|%ad", "--date=short"],
        cwd=notebook,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.splitlines()
    authors = {line.split("|")[0] for line in log}
    months = {line.split("|")[1][:7] for line in log}
    assert {"Awa Diallo", "Sophie Laurent", "Karim Benali", "Inès Moreau"} <= authors
    assert len(months) >= 3
    garefil = [sys.executable, "-m", "garefil", "-C", notebook]
    synced = subprocess.run([*garefil, "sync"], capture_output=True, text=True, env=env)
    assert "Karim Benali : note « Rappel banque » — ajoutée" in synced.stderr
    meeting = "Karim Benali : note « Réunion d'équipe du 2024-01-29 » (réunion) — modifiée"
    assert meeting in synced.stderr
    history = subprocess.run(
        [*garefil, "history", "2024-01-29-reunion", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    entries = json.loads(history.stdout)
    assert [e["author"] for e in entries] == ["Karim Benali", "Awa Diallo"]  # tagged by Karim
    assert entries[-1]["date"].startswith("2024-01-29")  # written by Awa on the meeting's day
    assert dev.shown(["search", "pôle emploi"]) == "$ garefil search 'pôle emploi'"


def test_a_kept_demo_notebook_stays_to_follow_the_guide_and_never_lands_on_a_folder_in_use(
    tmp_path, capsys
):
    dev = dev_script()
    kept = tmp_path / "demo"
    assert dev.keep_demo(kept, [sys.executable, "-m", "garefil"]) == 0
    assert (kept / "carnet" / ".garefil" / "config.toml").is_file()
    assert f"gardé dans {kept / 'carnet'}" in capsys.readouterr().err
    assert dev.keep_demo(kept, [sys.executable, "-m", "garefil"]) == 6  # not over the first
    assert "n'est pas vide" in capsys.readouterr().err
