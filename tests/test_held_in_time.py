"""What is held is held once its time is past: `bilan` counts no meeting still to come, `rdv tenu`
refuses an appointment not yet begun, and no delay from an appointment to its report is negative."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

NOTES = {
    "reunions/passee.md": "id: m1\ntype: reunion\ntitle: Hebdo\ndate: 2026-11-23 14:00\n",
    "reunions/du-jour.md": "id: m2\ntype: reunion\ntitle: Hebdo\ndate: 2026-11-30 14:00\n",
    "reunions/sans-heure.md": "id: m3\ntype: reunion\ntitle: Hebdo\ndate: 2026-11-30\n",
    "reunions/prochaine.md": "id: m4\ntype: reunion\ntitle: Hebdo\ndate: 2026-12-07 14:00\n",
    "rdv/demain.md": "id: r1\ntype: rdv\ntitle: Rdv\ndate: 2026-12-01 10:00\nstatus: prevu\n"
    "entrepreneur: Lina Roy\nreferent: Awa Diallo\n",
    "rdv/tenu.md": "id: r2\ntype: rdv\ntitle: Rdv\ndate: 2026-11-20 10:00\nstatus: tenu\n"
    "entrepreneur: Lina Roy\nreferent: Awa Diallo\ncr: c2\n",
    "cr/avant.md": "id: c2\ntype: cr\ntitle: CR\ndate: 2026-11-19\nstatus: envoye\n"
    "envoye_le: 2026-11-19\nentrepreneur: Lina Roy\nreferent: Awa Diallo\nrdv: r2\n",
}


def written(notebook: Path) -> Path:
    for path, header in NOTES.items():
        (notebook / path).parent.mkdir(parents=True, exist_ok=True)
        (notebook / path).write_text(f"---\n{header}---\nTexte.\n", encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "une semaine")
    return notebook


def test_bilan_counts_only_the_meetings_whose_time_is_past(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")  # the morning: 14:00 is to come
    written(notebook)
    period = ("--depuis", "2026-11-01", "--jusqu-au", "2026-12-31")
    found = json.loads(cli("-C", notebook, "bilan", "--json", *period).stdout)
    assert found["meetings"] == 1  # m1; not today's at 14:00, nor the day-only one, nor m4


def test_bilan_counts_no_negative_delay_to_a_report(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30")
    written(notebook)
    period = ("--depuis", "2026-11-01", "--jusqu-au", "2026-11-30")
    found = json.loads(cli("-C", notebook, "bilan", "--json", *period).stdout)
    assert found["median_days_rdv_to_report"] is None  # c2 is dated before r2: not a delay
    assert found["median_days_rdv_to_sent_report"] is None


def test_an_appointment_to_come_cannot_be_marked_held(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30")
    written(notebook)
    before = (notebook / "rdv/demain.md").read_bytes()
    said = cli("-C", notebook, "rdv", "tenu", "r1", code=5).stderr
    assert "rdv reporte r1 --au" in said and "Traceback" not in said
    assert (notebook / "rdv/demain.md").read_bytes() == before
    monkeypatch.setenv("GAREFIL_TODAY", "2026-12-01 10:30")
    cli("-C", notebook, "rdv", "tenu", "r1")
    assert "status: tenu" in (notebook / "rdv/demain.md").read_text(encoding="utf-8")


def test_no_report_is_written_for_an_appointment_to_come(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30")
    written(notebook)
    head = git(notebook, "rev-parse", "HEAD")
    said = cli("-C", notebook, "new", "cr", "--rdv", "r1", "--body", "CR", code=5).stderr
    assert "rdv reporte r1 --au" in said
    assert git(notebook, "rev-parse", "HEAD") == head
    assert git(notebook, "status", "--porcelain") == ""
