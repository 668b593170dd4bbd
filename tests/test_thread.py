"""`fil` tells one entrepreneur's story in order, from their name or any of their notes."""

from __future__ import annotations

import json
from datetime import date


def new(cli, notebook, kind: str, *options: str) -> str:
    return cli("-C", notebook, "new", kind, *options, "--body", "x").stdout.split("\t")[0]


def test_fil_tells_an_entrepreneurs_story_in_order(cli, notebook):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    request = new(cli, notebook, "demande", "-e", "Jean Dupont", "--date", "2024-01-05")
    cli("-C", notebook, "demande", "assigner", request, "Awa")
    cli(
        "-C",
        notebook,
        "entrepreneur",
        "ajouter",
        "Jean Dupont",
        "-r",
        "Awa",
        "--date",
        "2024-01-10",
    )
    rdv = new(cli, notebook, "rdv", "-e", "Jean Dupont", "--date", "2024-02-01T10:00")
    new(cli, notebook, "cr", "-e", "Jean Dupont", "--date", "2024-02-01T11:00")
    new(cli, notebook, "cr", "-e", "Lina Roy", "--date", "2024-03-01")
    cli("-C", notebook, "entrepreneur", "referent", "Jean Dupont", "Karim")
    story = json.loads(cli("-C", notebook, "fil", "jean dupont", "--json").stdout)
    assert story["entrepreneur"] == "Jean Dupont"
    kinds = [s["kind"] for s in story["steps"]]
    assert kinds == ["demande", "fiche", "referent", "rdv", "cr", "assigned", "referent"]
    assert [s["status"] for s in story["steps"]][3:5] == ["prevu", "brouillon"]
    same = json.loads(cli("-C", notebook, "fil", rdv, "--json").stdout)
    assert same == story  # reached from any of their notes
    part = json.loads(
        cli(
            "-C",
            notebook,
            "fil",
            "Dupont",
            "--since",
            "2024-02-01",
            "--until",
            "2024-02-28",
            "--json",
        ).stdout
    )
    assert [s["kind"] for s in part["steps"]] == ["rdv", "cr"]
    result = cli("-C", notebook, "fil", "Jean Dupond", code=4)
    assert "Jean Dupont" in result.stderr
    shown = cli("-C", notebook, "fil", "Jean Dupont").stdout  # a title naming its type: once
    assert "Fiche — Jean Dupont" in shown and "fiche — Fiche" not in shown


def test_fil_shows_decisions_and_open_actions_that_name_the_person(cli, notebook):
    new(cli, notebook, "cr", "-e", "Jean Dupont", "--date", "2024-02-01")
    meeting = notebook / "reunions" / "2024" / "hebdo.md"
    meeting.parent.mkdir(parents=True)
    meeting.write_text(
        "---\nid: 2024-03-04-reunion-hebdo\ntype: reunion\ntitle: Hebdo\ndate: 2024-03-04\n---\n"
        "\n## Décisions\n\n- Jean Dupont passe en CAPE\n- Rien à voir\n"
        "\n## Actions\n\n- [ ] Awa — appeler jean dupont — 2024-03-10\n"
        "- [x] appeler Jean Dupont (fait)\n",
        encoding="utf-8",
    )
    story = json.loads(cli("-C", notebook, "fil", "Jean Dupont", "--json").stdout)
    steps = [(s["date"], s["kind"]) for s in story["steps"]]
    assert steps == [("2024-02-01", "cr"), ("2024-03-04", "decision"), ("2024-03-10", "action")]


def test_a_closed_requests_motive_reads_apart_and_closing_ends_its_day(cli, notebook):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "-r", "Awa")
    request = new(cli, notebook, "demande", "-e", "Jean Dupont")
    cli("-C", notebook, "entrepreneur", "referent", "Jean Dupont", "Karim")
    cli("-C", notebook, "demande", "clore", request, "--motif", "orienté vers la BGE")
    rows = [
        line.split("\t") for line in cli("-C", notebook, "fil", "Jean Dupont").stdout.splitlines()
    ]
    whats = [row[1] for row in rows]
    assert whats[-1] == "demande close : orienté vers la BGE"  # all on one day: closing ends it
    assert whats.index("référent·e : Karim Benali") < len(whats) - 1
    other = new(cli, notebook, "demande", "-e", "Jean Dupont")
    cli("-C", notebook, "demande", "clore", other)
    shown = cli("-C", notebook, "fil", "Jean Dupont").stdout
    assert "\tdemande close\t" in shown  # without a motive, no dangling separator


def test_a_report_sent_to_nobody_named_reads_as_a_whole_sentence(cli, demo_notebook):
    story = cli("-C", demo_notebook, "fil", "2024-03-04-cr-mm5f5").stdout
    sent = [line for line in story.splitlines() if line.startswith("2024-03-06")]
    assert sent and "compte-rendu envoyé" in sent[0]
    assert "envoyé à" not in story


def test_same_day_steps_come_in_the_order_they_happened(cli, notebook):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "-r", "Awa")
    cli("-C", notebook, "entrepreneur", "referent", "Lina Roy", "Karim")
    request = new(cli, notebook, "demande", "-e", "Lina Roy")  # Karim's, from the fiche
    cli("-C", notebook, "demande", "clore", request)
    # and a request written for Awa before the fiche changed hands
    cli("-C", notebook, "entrepreneur", "ajouter", "Paul Martin", "-r", "Awa")
    other = new(cli, notebook, "demande", "-e", "Paul Martin")
    cli("-C", notebook, "entrepreneur", "referent", "Paul Martin", "Karim")
    cli("-C", notebook, "demande", "clore", other)

    def story(name: str) -> list[tuple[str, str]]:
        steps = json.loads(cli("-C", notebook, "fil", name, "--json").stdout)["steps"]
        return [(s["kind"], s["text"]) for s in steps if s["kind"] != "fiche"]

    # each request is given, as it is written, to the fiche's référent of the moment
    assert story("Lina Roy") == [
        ("referent", "Awa Diallo"), ("referent", "Karim Benali"), ("demande", "Demande — Lina Roy"),
        ("assigned", "Karim Benali"), ("closed", ""),
    ]  # fmt: skip
    assert story("Paul Martin") == [
        ("referent", "Awa Diallo"), ("demande", "Demande — Paul Martin"),
        ("assigned", "Awa Diallo"), ("referent", "Karim Benali"), ("closed", ""),
    ]  # fmt: skip


def test_same_day_steps_come_at_the_time_git_recorded_them(cli, notebook, monkeypatch):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    today = date.today().isoformat()
    clock = iter(range(8, 20))

    def at_next_hour(*args: str) -> str:
        moment = f"{today}T{next(clock):02}:00:00"
        monkeypatch.setenv("GIT_AUTHOR_DATE", moment)
        monkeypatch.setenv("GIT_COMMITTER_DATE", moment)
        return cli("-C", notebook, *args).stdout.split("\t")[0]

    at_next_hour("entrepreneur", "ajouter", "Zed Kay", "--referent", "awa")
    for title in ("Rappel du matin", "Appel de l après-midi"):
        at_next_hour("new", "cr", "-e", "Zed Kay", "--title", title, "--body", "x")
    request = at_next_hour("new", "demande", "-e", "Zed Kay", "--title", "Question", "--body", "x")
    at_next_hour("entrepreneur", "referent", "zed kay", "karim")
    at_next_hour("demande", "clore", request, "--motif", "réglé")
    at_next_hour("new", "cr", "-e", "Zed Kay", "--title", "Compte du soir", "--body", "x")
    steps = json.loads(cli("-C", notebook, "fil", "Zed Kay", "--json").stdout)["steps"]
    assert [(s["kind"], s["text"]) for s in steps] == [
        ("fiche", "Fiche — Zed Kay"), ("referent", "Awa Diallo"), ("cr", "Rappel du matin"),
        ("cr", "Appel de l après-midi"), ("demande", "Question"), ("assigned", "Awa Diallo"),
        ("referent", "Karim Benali"), ("closed", "réglé"), ("cr", "Compte du soir"),
    ]  # fmt: skip


def test_a_report_without_its_time_comes_after_the_appointment_it_reports_on(cli, demo_notebook):
    days = cli("-C", demo_notebook, "fil", "Camille Perrin").stdout.splitlines()
    rdv = next(i for i, line in enumerate(days) if line.startswith("2024-02-12T16:00\trdv"))
    assert days[rdv + 1].startswith("2024-02-12\tcr — Recherche de local"), days


def test_a_postponement_comes_before_the_appointment_it_moved_and_its_report(cli, notebook):
    """The README's walkthrough: an appointment booked, moved and reported on after the fact;
    the move is dated the day it was typed, later than the report's date."""
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--referent", "karim")
    rdv = new(cli, notebook, "rdv", "-e", "Lina Roy", "--date", "2024-05-02T14:00")
    cli("-C", notebook, "rdv", "reporte", rdv, "--au", "2024-05-06T10:00")
    report = new(cli, notebook, "cr", "--rdv", rdv)
    cli("-C", notebook, "cr", "envoye", report, "--le", "2024-05-07")
    steps = json.loads(cli("-C", notebook, "fil", "Lina Roy", "--json").stdout)["steps"]
    told = ["postponed", "rdv", "cr", "sent"]
    assert [s["kind"] for s in steps if s["kind"] in told] == told
    moved = next(s for s in steps if s["kind"] == "postponed")
    assert moved["date"] == date.today().isoformat()  # said as typed: the day it was recorded


def test_a_postponement_typed_the_day_of_the_report_comes_before_it(cli, notebook, monkeypatch):
    today = date.today().isoformat()

    def at(hour: int, *args: str) -> str:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"{today}T{hour:02}:00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"{today}T{hour:02}:00:00")
        monkeypatch.setenv("GAREFIL_TODAY", f"{today}T{hour:02}:00")  # garefil's clock too
        return cli("-C", notebook, *args).stdout.split("\t")[0]

    rdv = at(8, "new", "rdv", "-e", "Zed Kay", "--date", f"{today}T14:00", "--body", "x")
    at(9, "rdv", "reporte", rdv, "--au", f"{today}T16:00")
    at(17, "new", "cr", "--rdv", rdv, "--body", "Fait.")  # which changes the appointment too
    steps = json.loads(cli("-C", notebook, "fil", "Zed Kay", "--json").stdout)["steps"]
    assert [s["kind"] for s in steps] == ["postponed", "rdv", "cr"]


def test_the_heading_elides_de_before_a_name_said_with_a_vowel(cli, notebook, run_garefil):
    for name in ("Omar Test", "Hélène Roy", "Yasmine Cherif"):
        new(cli, notebook, "cr", "-e", name, "--date", "2024-02-01")
    headings = [
        cli("-C", notebook, "fil", name).stderr.splitlines()[0]
        for name in ("omar", "hélène", "yasmine")
    ]
    assert headings == ["Le fil d'Omar Test", "Le fil d'Hélène Roy", "Le fil de Yasmine Cherif"]
    english = run_garefil("-C", notebook, "fil", "omar", env={"GAREFIL_LANG": "en"})
    assert english.stderr.splitlines()[0] == "Thread of Omar Test", english.stderr
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    cli("-C", notebook, "entrepreneur", "ajouter", "Omar Test", "--date", "2024-01-10")
    changed = cli("-C", notebook, "entrepreneur", "referent", "Omar Test", "Awa")
    assert "Awa Diallo est maintenant référent·e d'Omar Test." in changed.stderr


def test_a_move_typed_after_the_fact_is_shown_at_the_appointment_it_moved(
    cli, notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")  # months after the appointment
    rdv = new(cli, notebook, "rdv", "-e", "Lina Roy", "--date", "2024-05-02T14:00")
    new(cli, notebook, "demande", "-e", "Lina Roy", "--date", "2024-05-04")
    cli("-C", notebook, "rdv", "reporte", rdv, "--au", "2024-05-06T10:00")
    new(cli, notebook, "cr", "--rdv", rdv)
    rows = [line.split("\t") for line in cli("-C", notebook, "fil", "Lina Roy").stdout.splitlines()]
    assert [row[0] for row in rows] == sorted(row[0] for row in rows)  # the dates go forward
    moved = next(row for row in rows if "reporté" in row[1])
    assert moved[:2] == [
        "2024-05-02T14:00",
        "rendez-vous reporté : 2024-05-02T14:00 → 2024-05-06T10:00"
        " (noté le lundi 30 novembre 2026)",
    ]
    assert rows.index(moved) == 0  # before the request of the 4th, which came after it
    steps = json.loads(cli("-C", notebook, "fil", "Lina Roy", "--json").stdout)["steps"]
    step = next(s for s in steps if s["kind"] == "postponed")
    assert step["date"] == "2026-11-30" and step["order_date"] == "2024-05-02T14:00"
    assert {s["order_date"] for s in steps if s["kind"] != "postponed"} == {
        s["date"] for s in steps if s["kind"] != "postponed"
    }
    may = cli("-C", notebook, "fil", "Lina Roy", "--since", "2024-05-01", "--until", "2024-05-31")
    assert "reporté" in may.stdout  # in May, where it is shown


def test_a_step_a_header_keeps_to_the_minute_comes_in_the_storys_order(cli, notebook, monkeypatch):
    """A report sent at 10:00 (its header keeps the minute, and git recorded it at 10:01:05)
    after a request assigned at 10:00:40 by git's clock: the assignment comes first."""
    monkeypatch.setenv("GAREFIL_TODAY", "2024-05-02")
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    request = new(cli, notebook, "demande", "-e", "Jean Dupont", "--date", "2024-05-02")
    report = new(cli, notebook, "cr", "-e", "Jean Dupont", "--date", "2024-05-02")
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        monkeypatch.setenv(name, "2024-05-02T10:00:40")
    cli("-C", notebook, "demande", "assigner", request, "Awa")
    for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):  # recorded once the minute turned
        monkeypatch.setenv(name, "2024-05-02T10:01:05")
    cli("-C", notebook, "cr", "envoye", report, "--le", "2024-05-02 10:00", "--a", "j@exemple.fr")
    steps = json.loads(cli("-C", notebook, "fil", "Jean Dupont", "--json").stdout)["steps"]
    kinds = [s["kind"] for s in steps]
    assert kinds.index("assigned") < kinds.index("sent"), kinds


def test_fil_without_a_name_says_so_as_list_does(cli, notebook):
    # « Aucun·e entrepreneur·e ne s'appelle «    » » (exit 4) read as if someone were missing.
    for blank in ("", "   "):
        said = cli("-C", notebook, "fil", blank, code=5).stderr
        assert said.startswith("erreur : Aucun nom donné pour garefil fil"), said
    listed = cli("-C", notebook, "list", "-e", "  ", code=5).stderr
    assert listed.startswith("erreur : Aucun nom donné pour --entrepreneur"), listed


def test_fil_refuses_a_period_that_ends_before_it_starts(cli, notebook):
    # It answered « Rien sur … pendant cette période. », exit 0, as if nothing had happened.
    said = cli("-C", notebook, "fil", "Awa", "--depuis", "2024-03-05", "--jusqu-au", "2024-03-01",
               code=5).stderr  # fmt: skip
    assert "après sa fin" in said and "--depuis 2024-03-01 --jusqu-au 2024-03-05" in said, said


def test_a_request_written_already_assigned_says_who_took_it(cli, notebook):
    """The README's Lina Roy: her request goes to the fiche's référent from the start; `fil`
    showed the request and its closing, never who took it (a later `demande assigner` was)."""
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--referent", "karim")
    request = new(cli, notebook, "demande", "-e", "Lina Roy", "--title", "Question TVA")
    cli("-C", notebook, "demande", "clore", request, "--motif", "Réponse envoyée")
    rows = [line.split("\t") for line in cli("-C", notebook, "fil", "Lina Roy").stdout.splitlines()]
    assert [row[1] for row in rows if row[3] == request] == [
        "demande — Question TVA", "demande confiée à Karim Benali",
        "demande close : Réponse envoyée",
    ]  # fmt: skip
    # Given at once on a day git cannot speak for, it comes with its request, not at day's end.
    other = new(cli, notebook, "demande", "-e", "Lina Roy", "-r", "awa", "--date", "2024-05-02")
    new(cli, notebook, "cr", "-e", "Lina Roy", "--date", "2024-05-02")
    steps = json.loads(cli("-C", notebook, "fil", "Lina Roy", "--json").stdout)["steps"]
    may = [(s["kind"], s["text"], s["date"]) for s in steps if s["date"] == "2024-05-02"]
    assert may[:2] == [("demande", "Demande — Lina Roy", "2024-05-02"),
                       ("assigned", "Awa Diallo", "2024-05-02")], may  # fmt: skip
    assert [s["id"] for s in steps if s["kind"] == "assigned"] == [other, request]
