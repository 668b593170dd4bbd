"""$GAREFIL_TODAY is one rule: the day it names at the real time of day (or at the time it gives),
for every moment compared with now; only the machine's own stamps keep the real clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from conftest import git
from test_pads import added, server  # noqa: F401 - the fixture: a pad server on 127.0.0.1

DAY = "2024-03-20"


def a_minute_ago() -> str:
    """The real time of day a minute ago (midnight at the day's first minute)."""
    now = datetime.now()
    return max(now - timedelta(minutes=1), now.replace(hour=0, minute=0)).strftime("%H:%M")


def booked(cli, notebook, when: str) -> str:
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    out = cli(
        *("-C", notebook, "new", "rdv", "--entrepreneur", "Lina Roy", "--referent", "Awa"),
        *("--date", when, "--lieu", "La Ruche", "--body", "Point sur la TVA."),
    ).stdout
    return out.split("\t")[0]


def report_for(cli, notebook, rdv: str, code: int = 0):
    return cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "Vu.", code=code)


def status(cli, notebook, rdv: str) -> str:
    return json.loads(cli("-C", notebook, "show", rdv, "--json").stdout)["status"]


def test_this_mornings_appointment_has_its_report_on_the_real_day(cli, notebook):
    rdv = booked(cli, notebook, f"{datetime.now():%Y-%m-%d}T{a_minute_ago()}")
    report_for(cli, notebook, rdv)
    assert status(cli, notebook, rdv) == "tenu"


def test_this_mornings_appointment_has_its_report_on_the_day_garefil_today_names(
    cli, notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", DAY)
    rdv = booked(cli, notebook, f"{DAY}T{a_minute_ago()}")
    report_for(cli, notebook, rdv)
    assert status(cli, notebook, rdv) == "tenu"


def test_a_time_given_with_the_day_is_the_moment_itself(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", f"{DAY} 09:00")
    rdv = booked(cli, notebook, f"{DAY}T10:00")
    said = report_for(cli, notebook, rdv, code=5).stderr
    assert "rdv reporte" in said and "Traceback" not in said  # 10:00 is still to come at 09:00
    assert status(cli, notebook, rdv) == "prevu"
    monkeypatch.setenv("GAREFIL_TODAY", f"{DAY} 11:30")
    report_for(cli, notebook, rdv)
    assert status(cli, notebook, rdv) == "tenu"


@pytest.mark.parametrize("fixed", [None, DAY])
def test_a_pad_copy_is_stamped_with_the_real_clock(
    cli,
    notebook,
    server,  # noqa: F811 - test_pads.py's fixture, imported above
    monkeypatch,
    fixed,
):
    """When a pad was fetched is the machine's stamp, as docs/dates.md says: the real day."""
    path = added(cli, notebook, f"{server}/p/hebdo")
    if fixed:
        monkeypatch.setenv("GAREFIL_TODAY", fixed)
    cli("-C", notebook, "pad", "copier", path)
    header = (notebook / path).read_text(encoding="utf-8").split("---")[1]
    assert f"copie_le: {datetime.now():%Y-%m-%d}" in header, header
    [pad] = json.loads(cli("-C", notebook, "pads", "--json").stdout)
    assert pad["copied_on"].startswith(f"{datetime.now():%Y-%m-%d}")


def drafts(cli, notebook) -> list[tuple[str, str | None]]:
    found = json.loads(cli("-C", notebook, "suivi", "--json").stdout)
    return [(due["kind"], due.get("since")) for due in found if due["kind"] == "cr-brouillon"]


def test_a_draft_written_on_the_day_garefil_today_names_ages_from_that_day(
    cli, notebook, monkeypatch
):
    """A fortnight played through with the variable: the draft of the 20th is a week old on
    the 28th, whatever day the machine's clock says it was recorded."""
    monkeypatch.setenv("GAREFIL_TODAY", DAY)
    cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--date", "2024-03-19", "--body", "x")
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-28")
    assert drafts(cli, notebook) == [("cr-brouillon", DAY)]
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-22")  # two days on: not due yet
    assert drafts(cli, notebook) == []


def test_a_draft_written_without_the_variable_ages_from_the_real_day(cli, notebook, monkeypatch):
    cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--date", "2024-03-19", "--body", "x")
    assert drafts(cli, notebook) == []
    monkeypatch.setenv("GAREFIL_TODAY", (datetime.now() + timedelta(days=8)).strftime("%Y-%m-%d"))
    assert drafts(cli, notebook) == [("cr-brouillon", f"{datetime.now():%Y-%m-%d}")]


def test_a_day_git_cannot_record_leaves_the_machines_day(cli, notebook, monkeypatch):
    """git misreads an author date past 2099 as this year's 1st of January, silently: the note
    is then recorded on the machine's day, not on a day nobody chose."""
    monkeypatch.setenv("GAREFIL_TODAY", "2150-03-20")
    cli("-C", notebook, "new", "note", "--title", "Plus tard", "--body", "x")
    assert (
        git(notebook, "log", "-1", "--format=%ad", "--date=short").strip() == f"{datetime.now():%F}"
    )


def test_a_separate_process_writes_this_mornings_report_on_that_day(
    cli, notebook, run_garefil, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", DAY)
    rdv = booked(cli, notebook, f"{DAY}T{a_minute_ago()}")
    done = run_garefil("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "Vu.")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert status(cli, notebook, rdv) == "tenu"
    written = git(notebook, "log", "-1", "--format=%ad|%cd", "--date=short").strip()
    assert written == f"{DAY}|{datetime.now():%F}"  # written that day, recorded on the machine's
