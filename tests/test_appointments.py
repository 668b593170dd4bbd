"""Appointments: booked, then held, cancelled or moved; every step in the rdv's own header."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

import frontmatter

from conftest import git


def book(cli, notebook, when: str, *options: str) -> tuple[str, str]:
    out = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Jean Dupont",
        "--date",
        when,
        *options,
        "--body",
        "Objet : le prêt d'honneur.",
    )
    note_id, path = out.stdout.strip().split("\t")
    return note_id, path


def header(notebook, path: str) -> dict:
    return frontmatter.load(notebook / path).metadata


def soon(days: int) -> str:
    return (datetime.now() + timedelta(days=days)).strftime("%Y-%m-%dT14:00")


def test_a_past_appointment_is_written_with_a_warning_and_its_place(cli, notebook):
    result = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Jean Dupont",
        "--date",
        "2024-05-02T14:00",
        "--lieu",
        "La Ruche, salle 2",
        "--body",
        "x",
    )
    assert "jeudi 2 mai 2024 à 14h00 est déjà passé" in result.stderr
    path = result.stdout.strip().split("\t")[1]
    meta = header(notebook, path)
    assert meta["lieu"] == "La Ruche, salle 2" and meta["status"] == "prevu"
    future = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Jean Dupont",
        "--date",
        soon(3),
        "--lien",
        "https://visio.example.org/jean",
        "--body",
        "x",
    )
    assert "passé" not in future.stderr
    assert header(notebook, future.stdout.split("\t")[1].strip())["lien"].endswith("/jean")


def test_held_then_nothing_else_each_step_committed(cli, notebook):
    note_id, path = book(cli, notebook, soon(-2))
    cli("-C", notebook, "rdv", "tenu", note_id)
    assert header(notebook, path)["status"] == "tenu"
    assert git(notebook, "status", "--porcelain") == ""
    assert git(notebook, "log", "-1", "--format=%s").strip().endswith("— tenu")
    refused = cli("-C", notebook, "rdv", "annule", note_id, code=5)
    assert "tenu" in refused.stderr and "annulé" in refused.stderr


def test_cancelled_with_its_motive_and_day_accents_or_not(cli, notebook):
    note_id, path = book(cli, notebook, soon(2))
    cli("-C", notebook, "rdv", "annulé", note_id, "--motif", "Malade")
    meta = header(notebook, path)
    assert (meta["status"], meta["motif"], meta["annule_le"]) == ("annule", "Malade", date.today())
    listed = json.loads(cli("-C", notebook, "list", "--status", "annulé", "--json").stdout)
    assert [n["id"] for n in listed] == [note_id]
    refused = cli("-C", notebook, "rdv", "tenu", note_id, code=5)
    assert "annulé" in refused.stderr


def test_postponed_keeps_every_former_date_and_the_time(cli, notebook, monkeypatch):
    note_id, path = book(cli, notebook, "2031-03-03T10:30")
    cli("-C", notebook, "rdv", "reporte", note_id, "--au", "2031-03-10")
    cli("-C", notebook, "rdv", "reporté", note_id, "--au", "2031-03-17T09:00")
    meta = header(notebook, path)
    assert meta["date"] == datetime(2031, 3, 17, 9, 0) and meta["status"] == "reporte"
    assert [(m["du"], m["au"]) for m in meta["reports"]] == [
        (datetime(2031, 3, 3, 10, 30), datetime(2031, 3, 10, 10, 30)),
        (datetime(2031, 3, 10, 10, 30), datetime(2031, 3, 17, 9, 0)),
    ]
    monkeypatch.setenv("GAREFIL_TODAY", "2031-03-18")  # the day after: it can have been held
    cli("-C", notebook, "rdv", "tenu", note_id)  # a moved appointment is still to be held
    cli("-C", notebook, "rdv", "reporte", note_id, "--au", "demain matin", code=5)


def test_a_move_to_the_date_it_already_has_is_refused_and_changes_nothing(cli, notebook):
    note_id, path = book(cli, notebook, "2031-03-03T10:30")
    commit = git(notebook, "rev-parse", "HEAD")
    for same in ("2031-03-03T10:30", "2031-03-03"):  # a day alone keeps the time: the same
        refused = cli("-C", notebook, "rdv", "reporte", note_id, "--au", same, code=5)
        assert "est déjà le lundi 3 mars 2031 à 10h30 :" in refused.stderr
    meta = header(notebook, path)
    assert meta["status"] == "prevu" and "reports" not in meta
    assert git(notebook, "rev-parse", "HEAD") == commit


def test_an_invitation_for_a_note_that_is_no_appointment_says_only_that(cli, notebook):
    cr = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--body", "x").stdout.split("\t")[0]
    refused = cli("-C", notebook, "rdv", "ics", cr, code=5)
    assert "rdv" in refused.stderr and "adresse" not in refused.stderr


def test_bad_references_say_what_is_near(cli, notebook):
    note_id, _path = book(cli, notebook, soon(2))
    typo = note_id[:-1] + ("x" if note_id[-1] != "x" else "y")
    result = cli("-C", notebook, "rdv", "tenu", typo, code=4)
    assert note_id in result.stderr
    cr = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--body", "x").stdout.split("\t")[0]
    assert "rdv" in cli("-C", notebook, "rdv", "tenu", cr, code=5).stderr


def test_suivi_and_fil_follow_the_appointments_states(cli, notebook):
    moved, _ = book(cli, notebook, "2031-03-03T10:30")
    postponed = cli("-C", notebook, "rdv", "reporte", moved, "--au", "2024-05-10T10:30")
    assert "le rendez-vous y est tout de même déplacé" in postponed.stderr  # now past: due
    cancelled, _ = book(cli, notebook, "2024-05-02T09:00")
    cli("-C", notebook, "rdv", "annule", cancelled, "--motif", "Malade")
    held, _ = book(cli, notebook, "2024-05-03T09:00")
    cli("-C", notebook, "rdv", "tenu", held)
    adopted = notebook / "rdv" / "ancien.md"  # from another tool: no state at all, not due
    adopted.write_text(
        "---\ntype: rdv\ndate: 2023-01-05T10:00\nentrepreneur: Jean Dupont\n---\nVu.\n",
        encoding="utf-8",
    )
    items = json.loads(cli("-C", notebook, "suivi", "--json").stdout)
    assert [(i["kind"], i["id"]) for i in items] == [("rdv-sans-cr", moved)]
    told = cli("-C", notebook, "fil", "Jean Dupont").stdout
    assert "2031-03-03T10:30 → 2024-05-10T10:30" in told and "reporté" in told
    assert "Malade" in told and "annulé" in told


def test_a_move_is_said_with_the_day_in_words(cli, notebook):
    note_id, _path = book(cli, notebook, "2031-03-03T10:30")
    moved = cli("-C", notebook, "rdv", "reporte", note_id, "--au", "2031-03-10T14:30")
    assert "reporté au lundi 10 mars 2031 à 14h30." in moved.stderr


def test_the_help_of_reporte_gives_a_date_in_french_too(cli):
    shown = " ".join(cli("rdv", "reporte", "--help").stdout.split())
    assert "« jeudi 14h »" in shown and "2020-04-10T14:00" in shown
