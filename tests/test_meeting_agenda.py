"""The coming meeting, one rule for every command: its agenda kept up to date until it is held,
the day of its note named in every message, the sommaire, `roles` and the home screen agreeing."""

from __future__ import annotations

import json

import pytest

from conftest import git


@pytest.fixture
def team_notebook(cli, notebook, monkeypatch):
    for member in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", member)
    cli("-C", notebook, "config", "set", "nom", "Awa Diallo")
    return notebook


def on(monkeypatch, day: str) -> None:
    """Today is `day`, in the morning: a date alone is that day at the real hour, and these
    tests expect the day's 14:00 meeting still ahead."""
    monkeypatch.setenv("GAREFIL_TODAY", day if " " in day else f"{day} 08:00")


def meeting_of(notebook, day: str):
    [path] = notebook.glob(f"reunions/*/{day}-reunion-*.md")
    return path


def agenda(path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("## Ordre du jour")[1].split("## Points")[0]


def test_preparing_again_on_the_meeting_day_refreshes_that_meeting_and_says_its_day(
    cli, team_notebook, monkeypatch
):
    on(monkeypatch, "2026-11-02")  # a Monday, meetings on Mondays 14h–15h
    first = cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    assert "Préparation de la réunion du lundi 2 novembre 2026." in first.stderr
    note = meeting_of(team_notebook, "2026-11-02")
    # A coach writes in the note meanwhile: in a point of the agenda, and in « Points ».
    text = note.read_text(encoding="utf-8")
    text = text.replace("5. Points d'accompagnement\n", "5. Points d'accompagnement\n   - Lina\n")
    note.write_text(text.replace("## Points\n", "## Points\nNoté par Awa.\n"), encoding="utf-8")
    git(team_notebook, "commit", "-qam", "notes d'Awa")
    new = ("new", "demande", "-e", "Malik Traoré", "--title", "Créer", "--body", "?")
    cli("-C", team_notebook, *new)
    again = cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    assert "Ordre du jour de la réunion du lundi 2 novembre 2026 mis à jour" in again.stderr
    assert list(team_notebook.glob("reunions/*/*.md")) == [note]  # not next week's note
    assert "Créer — Malik Traoré, depuis le 2026-11-02" in agenda(note)
    assert "   - Lina\n" in agenda(note) and "Noté par Awa." in note.read_text(encoding="utf-8")
    assert git(team_notebook, "status", "--porcelain") == ""
    before = note.read_text(encoding="utf-8")
    absent = cli("-C", team_notebook, "reunion", "preparer", "--absent", "karim", "--no-edit")
    assert "Ses participant·es et ses rôles restent tels qu'écrits" in absent.stderr
    assert note.read_text(encoding="utf-8") == before  # nothing new: the note is as it was


def test_a_prepared_agenda_follows_what_happened_until_the_meeting(cli, team_notebook, monkeypatch):
    on(monkeypatch, "2026-11-02")
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")  # held today
    new = ("new", "demande", "-e", "Malik Traoré", "--title", "Créer", "--body", "?")
    request = cli("-C", team_notebook, *new).stdout.split("\t")[0]
    on(monkeypatch, "2026-11-03")
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")  # the 9th, with the request
    nine = meeting_of(team_notebook, "2026-11-09")
    assert "Malik Traoré" in agenda(nine)
    cli("-C", team_notebook, "demande", "assigner", request, "karim")
    cli("-C", team_notebook, "action", "ajouter", "karim", "relancer", "--pour", "2026-11-05")
    cli("-C", team_notebook, "decision", "ajouter", "Essai", "--proposee")
    topic = cli("-C", team_notebook, "ordre-du-jour", "ajouter", "Congés")
    assert "Proposé pour la réunion du lundi 9 novembre 2026 : Congés" in topic.stderr
    assert "Sa note est déjà écrite : `garefil reunion preparer`" in topic.stderr
    waiting = "1 sujet proposé depuis : `garefil reunion preparer` l'ajoute à son ordre du jour."
    assert waiting in cli("-C", team_notebook).stdout  # the home screen says it too
    on(monkeypatch, "2026-11-09")
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    assert "sujet proposé depuis" not in cli("-C", team_notebook).stdout
    shown = agenda(nine)
    assert "Malik Traoré" not in shown  # taken since by a member of the team
    assert "Karim Benali — relancer, pour le 2026-11-05 (a-" in shown
    assert "   - Essai (d-" in shown
    assert "   - Congés (proposé par Awa Diallo le 2026-11-03)\n" in shown
    # In the note, the subject keeps who proposed it and when, as `ordre-du-jour` says.
    [listed] = json.loads(cli("-C", team_notebook, "ordre-du-jour", "--json").stdout)
    assert (listed["text"], listed["by"], listed["date"]) == ("Congés", "Awa Diallo", "2026-11-03")
    assert not list((team_notebook / ".garefil" / "ordre-du-jour").glob("*.txt"))  # taken in
    assert git(team_notebook, "status", "--porcelain") == ""


def test_ordre_du_jour_alone_lists_the_coming_meeting_s_subjects(
    cli, team_notebook, monkeypatch, run_garefil
):
    on(monkeypatch, "2026-11-03")
    queued = cli("-C", team_notebook, "ordre-du-jour", "ajouter", "Congés", "--par", "karim")
    assert "Proposé pour la réunion du lundi 9 novembre 2026 : Congés" in queued.stderr
    listed = run_garefil("-C", team_notebook, "ordre-du-jour")  # it showed its help, exit 2
    assert listed.returncode == 0, listed.stderr
    assert "Sujets pour la réunion du lundi 9 novembre 2026 :" in listed.stderr
    assert "Karim Benali\tCongés" in listed.stdout
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    cli("-C", team_notebook, "ordre-du-jour", "ajouter", "Budget")
    found = json.loads(cli("-C", team_notebook, "ordre-du-jour", "--json").stdout)
    assert [(s["text"], s["by"]) for s in found] == [
        ("Congés", "Karim Benali"),
        ("Budget", "Awa Diallo"),
    ]


def test_on_the_meeting_day_sommaire_roles_and_home_name_the_same_meeting_and_roles(
    cli, team_notebook, monkeypatch
):
    on(monkeypatch, "2026-10-26")
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    on(monkeypatch, "2026-11-02")
    written = cli("-C", team_notebook, "reunion", "preparer", "--no-edit").stdout.split("\t")[0]
    note = meeting_of(team_notebook, "2026-11-02")
    text = note.read_text(encoding="utf-8")  # the team swapped a role, by hand
    roles = text.split("## Rôles\n")[1].split("\n\n")[0]
    swapped = "- Animation : Karim Benali\n- Prise de notes : Awa Diallo\n"
    note.write_text(
        text.replace(roles, swapped + "- Gardien·ne du temps : Awa Diallo"), encoding="utf-8"
    )
    git(team_notebook, "commit", "-qam", "rôles échangés")
    cli("-C", team_notebook, "sommaire")
    summary = (team_notebook / "SOMMAIRE.md").read_text(encoding="utf-8")
    last = next(line for line in summary.splitlines() if line.startswith("- Dernière"))
    upcoming = next(line for line in summary.splitlines() if line.startswith("- Prochaine"))
    assert "2026-10-26" in last and "2026-11-02" not in last
    assert "lundi 2 novembre 2026" in upcoming and "Animation : Karim Benali" in upcoming
    assert "Rôles proposés" not in summary
    proposal = json.loads(cli("-C", team_notebook, "roles", "--json").stdout)["next"]
    assert proposal["date"].startswith("2026-11-02") and proposal["note"] == written
    assert [(r["role"], r["person"]) for r in proposal["roles"]][0] == (
        "animation",
        "Karim Benali",
    )
    home = cli("-C", team_notebook).stdout
    assert f"Prochaine réunion d'équipe : lundi 2 novembre 2026 à 14h00 ({written})" in home
    assert "vos rôles : Prise de notes et Gardien·ne du temps" in home


def test_roles_with_every_member_absent_says_nobody_is_left(cli, team_notebook, monkeypatch):
    on(monkeypatch, "2026-11-03")
    said = cli("-C", team_notebook, "roles", "--absent", "awa", "--absent", "karim").stdout
    assert "Prochaine réunion : lundi 9 novembre 2026" in said
    assert "Tous les membres sont absents : il ne reste personne pour tenir les rôles." in said


def test_a_meeting_note_written_by_another_tool_gets_an_agenda_and_keeps_its_lines(
    cli, team_notebook, monkeypatch
):
    on(monkeypatch, "2026-11-03")
    folder = team_notebook / "reunions" / "2026"
    folder.mkdir(parents=True)
    note = folder / "2026-11-09-reunion-autre.md"
    original = b"---\r\ntype: reunion\r\ntitle: Lundi\r\ndate: 2026-11-09\r\n---\r\n"
    original += b"## Points\r\nA.\r\n"
    note.write_bytes(original)
    git(team_notebook, "add", ".")
    git(team_notebook, "commit", "-qm", "note d'un autre outil")
    cli("-C", team_notebook, "ordre-du-jour", "ajouter", "Congés")
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    data = note.read_bytes()
    assert b"## Ordre du jour\r\n1. Demandes" in data and "   - Congés".encode() in data
    assert data.startswith(original[: original.index(b"## Points")])
    assert data.endswith(b"## Points\r\nA.\r\n") and b"\n" not in data.replace(b"\r\n", b"")


def test_the_agenda_of_a_meeting_already_held_is_never_rewritten(cli, team_notebook, monkeypatch):
    on(monkeypatch, "2026-11-02")
    new = ("new", "demande", "-e", "Malik Traoré", "--title", "Créer", "--body", "?")
    request = cli("-C", team_notebook, *new).stdout.split("\t")[0]
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    held = meeting_of(team_notebook, "2026-11-02")
    before = held.read_bytes()
    on(monkeypatch, "2026-11-03")
    cli("-C", team_notebook, "demande", "assigner", request, "karim")
    again = cli("-C", team_notebook, "reunion", "preparer", "--date", "2026-11-02", code=6)
    assert again.stderr.startswith("erreur : La réunion du lundi 2 novembre 2026 a eu lieu")
    assert "`garefil reunion preparer` prépare la réunion à venir" in again.stderr
    assert held.read_bytes() == before  # the request it discussed is still listed


def test_two_coaches_proposing_a_subject_for_a_written_agenda_at_once_never_conflict(
    cli, team, monkeypatch
):
    on(monkeypatch, "2026-11-03")
    for member in ("Awa Diallo", "Karim Benali"):
        cli("-C", team.awa, "config", "membre", "ajouter", member)
    cli("-C", team.awa, "reunion", "preparer", "--no-edit")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "ordre-du-jour", "ajouter", "Sujet d'Awa")
    cli("-C", team.karim, "ordre-du-jour", "ajouter", "Sujet de Karim")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    cli("-C", team.awa, "reunion", "preparer", "--no-edit")  # on the meeting's morning
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    for clone in (team.awa, team.karim):
        shown = agenda(meeting_of(clone, "2026-11-09"))
        assert "Sujet d'Awa" in shown and "Sujet de Karim" in shown, shown
        assert not list(clone.rglob("*conflit*"))


def test_a_meeting_moved_to_another_day_and_hour_is_the_coming_one_at_its_hour(
    cli, team_notebook, monkeypatch
):
    on(monkeypatch, "2026-11-10")  # a Tuesday: the slot's next day is Monday the 16th
    folder = team_notebook / "reunions" / "2026"
    folder.mkdir(parents=True)
    (folder / "2026-11-12-reunion-jeudi.md").write_text(
        "---\ntype: reunion\ntitle: Réunion avancée\ndate: 2026-11-12T10:00\n---\nTexte.\n",
        encoding="utf-8",
    )
    git(team_notebook, "add", ".")
    git(team_notebook, "commit", "-qm", "réunion déplacée")
    said = "Prochaine réunion : jeudi 12 novembre 2026 à 10h00."
    assert said in cli("-C", team_notebook, "roles").stdout
    assert (
        "Prochaine réunion d'équipe : jeudi 12 novembre 2026 à 10h00"
        in cli("-C", team_notebook).stdout
    )
    # The weekly invitation keeps the slot's hour: one meeting moved does not move the series.
    from icalendar import Calendar

    invitation = cli("-C", team_notebook, "reunion", "ics", "--sortie", "-").stdout_bytes
    event = next(iter(Calendar.from_ical(invitation).walk("VEVENT")))
    assert event.decoded("DTSTART").hour == 14


def test_a_line_a_coach_changed_stays_when_its_item_is_closed(cli, team_notebook, monkeypatch):
    on(monkeypatch, "2026-11-03")
    ids = []
    for who in ("Malik Traoré", "Lina Roy"):
        new = ("new", "demande", "-e", who, "--title", "Créer", "--body", "?")
        ids.append(cli("-C", team_notebook, *new).stdout.split("\t")[0])
    cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    note = meeting_of(team_notebook, "2026-11-09")
    text = note.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.endswith(f"({ids[1]})"))
    note.write_text(text.replace(line, line + " → Karim la prend"), encoding="utf-8")
    git(team_notebook, "commit", "-qam", "Karim la prend")
    for request in ids:
        cli("-C", team_notebook, "demande", "assigner", request, "karim")
    done = cli("-C", team_notebook, "reunion", "preparer", "--no-edit")
    assert "(0 point ajouté, 1 retiré)" in done.stderr
    shown = agenda(note)
    assert "Malik Traoré" not in shown and line + " → Karim la prend\n" in shown
