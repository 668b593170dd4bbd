"""$GAREFIL_TODAY: every command takes the day it names for today, the home screen too."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import PROJECT
from test_home import write_note

# Stamps of when the machine did something keep the real clock (core/clock.py says which):
# the one clock itself, and a calendar file's DTSTAMP (when the file was made, read by no coach).
REAL_CLOCK = {"core/clock.py", "adapters/calendar.py"}


def test_the_home_screen_shows_the_meeting_coming_on_the_day_garefil_today_names(
    cli, demo_notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-20")
    cli("-C", demo_notebook, "config", "set", "nom", "Karim Benali")
    shown = cli("-C", demo_notebook).stdout
    assert (
        "Prochaine réunion d'équipe : lundi 25 mars 2024 (2024-03-25-reunion-5pwnq)"
        " — votre rôle : Animation\n"
    ) in shown, shown


def _due_ids(cli, notebook: Path) -> list[str]:
    return [due["id"] for due in json.loads(cli("-C", notebook, "suivi", "--json").stdout)]


def test_what_is_due_counts_from_the_day_garefil_today_names(cli, notebook, monkeypatch):
    write_note(
        notebook,
        "rdv/mars.md",
        "type: rdv\nstatus: prevu\ntitle: RDV\ndate: 2024-03-13T10:00\n"
        "entrepreneur: Chloé Marchand\nreferent: Awa Diallo\n",
    )
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-20")
    assert _due_ids(cli, notebook) == ["rdv/mars"]
    assert "rendez-vous passé, pas encore de CR, Chloé Marchand" in cli("-C", notebook).stdout
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-01")  # the appointment is still to come
    assert _due_ids(cli, notebook) == []
    assert "Rien n'attend : le fil est tenu." in cli("-C", notebook).stdout


def test_notes_written_and_dates_typed_count_from_the_day_garefil_today_names(
    cli, notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-20")  # a Wednesday
    new = cli("-C", notebook, "new", "note", "--title", "Idée", "--body", "x").stdout
    assert new.startswith("2024-03-20-note-")
    planned = cli(
        "-C", notebook, "new", "rdv", "-e", "Chloé Marchand", "--date", "demain 10h", "--no-edit"
    )
    ref = planned.stdout.split("\t")[0]
    cli("-C", notebook, "rdv", "reporte", ref, "--au", "lundi")
    shown = json.loads(cli("-C", notebook, "show", ref, "--json").stdout)
    assert shown["date"].startswith("2024-03-25")  # the Monday after that Wednesday
    header = (notebook / shown["path"]).read_text(encoding="utf-8")
    assert "du: 2024-03-21" in header and "le: 2024-03-20" in header  # moved that day


def test_only_the_clock_asks_the_system_for_today():
    asking = re.compile(r"\b(date\.today|datetime\.now|datetime\.today|datetime\.utcnow)\(")
    source = PROJECT / "src" / "garefil"
    found = [
        f"{path.relative_to(source)}:{number}"
        for path in sorted(source.rglob("*.py"))
        if path.relative_to(source).as_posix() not in REAL_CLOCK
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if asking.search(line)
    ]
    assert found == [], "today from core/clock.py, which $GAREFIL_TODAY sets"


def test_a_garefil_today_that_is_no_date_is_named_in_one_line(notebook, run_garefil):
    done = run_garefil("-C", notebook, "suivi", env={"GAREFIL_TODAY": "bof"})
    assert done.returncode == 5 and "Traceback" not in done.stderr
    said = next(line for line in done.stderr.splitlines() if line.startswith("erreur"))
    assert said == "erreur : GAREFIL_TODAY vaut « bof », qui n'est pas une date.", done.stderr
    assert "GAREFIL_TODAY=2024-03-20" in done.stderr  # the hint: how to write it, or unset it
