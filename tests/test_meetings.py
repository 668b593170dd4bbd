"""The meeting prepares itself: next slot, participants, agenda, and a fair rotation of roles."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import git
from garefil.core.meetings import Held, propose
from garefil.core.model import Note
from garefil.core.register import ROLES

TEAM = ["Awa Diallo", "Inès Moreau", "Karim Benali", "Sophie Laurent", "Thomas Girard"]
# A longer run of the property: GAREFIL_ROTATION_EXAMPLES=10000 python -m pytest -k rotation
EXAMPLES = int(os.environ.get("GAREFIL_ROTATION_EXAMPLES", "25"))


def simulate(members: list[str], attendance: list[list[str]]) -> list[tuple[tuple[str, str], ...]]:
    """Meetings one week apart, each with the roles the rotation proposes to those present."""
    past: list[Held] = []
    for week, present in enumerate(attendance):
        roles = tuple((c.role, c.person) for c in propose(past, present))
        note = Note(path=f"{week}.md", id=str(week), type="reunion", title="", roles=roles)
        past.append(Held(date(2024, 1, 1) + timedelta(weeks=week), note, roles))
    return [h.roles for h in past]


def counts(meetings) -> dict[tuple[str, str], int]:
    found: dict[tuple[str, str], int] = {}
    for roles in meetings:
        for role, person in roles:
            found[(person, role)] = found.get((person, role), 0) + 1
    return found


def test_rotation_over_twelve_meetings_with_two_absences():
    attendance = [list(TEAM) for _ in range(12)]
    attendance[3].remove("Karim Benali")
    attendance[7].remove("Awa Diallo")
    meetings = simulate(TEAM, attendance)
    first_round = [pair for roles in meetings[:3] for pair in roles]
    assert len(set(first_round)) == len(first_round)  # nobody twice in the same role yet
    held = counts(meetings)
    for role in ROLES:
        times = [held.get((person, role), 0) for person in TEAM]
        assert min(times) >= 2 and max(times) - min(times) <= 1, (role, times)
    # Everyone present held every role before anyone held one a third time.
    seen: dict[tuple[str, str], int] = {}
    for roles in meetings:
        for role, person in roles:
            seen[(person, role)] = seen.get((person, role), 0) + 1
            if seen[(person, role)] == 3:
                assert all(seen.get((p, r), 0) >= 1 for p in TEAM for r in ROLES)


def test_full_attendance_rotates_every_role_through_everyone():
    meetings = simulate(TEAM, [list(TEAM)] * 5)
    assert len({pair for roles in meetings for pair in roles}) == 15


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.lists(st.booleans(), min_size=5, max_size=5).filter(lambda a: sum(a) >= 3),
        min_size=1,
        max_size=14,
    )
)
def test_rotation_rule_holds_over_random_attendance(attendance):
    """The documented rule: a role goes to someone who held it more often than a present member
    only when no way of sharing out the roles among those present avoids it; and no role goes
    to someone while a present member without a role this time held it fewer times."""
    present_each = [[p for p, here in zip(TEAM, week, strict=True) if here] for week in attendance]
    meetings = simulate(TEAM, present_each)
    held: dict[tuple[str, str], int] = {}
    for present, roles in zip(present_each, meetings, strict=True):
        floor = {r: min(held.get((p, r), 0) for p in present) for r in ROLES}

        best = min(
            _excess(held, floor, zip(ROLES, chosen, strict=True))
            for chosen in permutations(present, 3)
        )
        assert _excess(held, floor, roles) == best
        idle = [p for p in present if p not in {person for _, person in roles}]
        for role, person in roles:
            assert all(held.get((q, role), 0) >= held.get((person, role), 0) for q in idle)
        for role, person in roles:
            held[(person, role)] = held.get((person, role), 0) + 1


def test_fewer_members_than_roles_share_them_out_by_the_same_rotation():
    pair = ["Awa Diallo", "Karim Benali"]
    meetings = simulate(pair, [pair] * 6)
    assert all(len(roles) == 3 and set(dict(roles).values()) == set(pair) for roles in meetings)
    held = counts(meetings)
    assert all(held.get((p, r), 0) == 3 for p in pair for r in ROLES)  # in turn, every role
    assert [dict(roles)["animation"] for roles in meetings[:2]] == pair  # the double alternates
    assert simulate(["Awa Diallo"], [["Awa Diallo"]]) == [
        tuple((role, "Awa Diallo") for role in ROLES)
    ]


def _excess(held, floor, pairs) -> int:
    """How many roles go to someone who held them more often than a present member."""
    return sum(held.get((p, r), 0) > floor[r] for r, p in pairs)


def members(cli, notebook, names=TEAM) -> None:
    for name in names:
        cli("-C", notebook, "config", "membre", "ajouter", name)


def test_reunion_preparer_writes_the_next_meeting_from_the_notes(cli, notebook):
    members(cli, notebook)
    config = notebook / ".garefil" / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[reunion]\njour = "mardi"\ndebut = "9h30"\n',
        encoding="utf-8",
    )
    git(notebook, "commit", "-q", "-am", "réunion le mardi")
    cli("-C", notebook, "new", "demande", "-e", "Lina Roy", "--title", "TVA", "--body", "?")
    cli("-C", notebook, "ordre-du-jour", "ajouter", "Les congés d'été", "--par", "karim")
    first = cli("-C", notebook, "reunion", "preparer", "--date", "2024-03-05", "--absent", "Awa")
    path = notebook / first.stdout.split("\t")[1].strip()
    text = path.read_text(encoding="utf-8")
    assert "date: 2024-03-05T09:30" in text or "date: 2024-03-05 09:30" in text
    assert "absents: [Awa Diallo]" in text and "Awa Diallo" not in text.split("## Rôles")[1]
    assert "- Les congés d'été (proposé par Karim Benali le " in text
    assert "TVA" in text.split("## Ordre du jour")[1]
    for step in ("## Météo", "## Points", "## Décisions", "## Actions", "## Prochaine fois"):
        assert step in text
    assert not list((notebook / ".garefil" / "ordre-du-jour").glob("*.txt"))  # consumed
    assert git(notebook, "status", "--porcelain") == ""
    # The roles of that meeting count for the next one: nobody is proposed the same role.
    first_roles = json.loads(cli("-C", notebook, "roles", "--json").stdout)
    held = first_roles["history"][0]["roles"]
    proposed = {c["role"]: c["person"] for c in first_roles["next"]["roles"]}
    assert first_roles["next"]["date"].startswith("20")  # the next Tuesday from today
    assert all(proposed[role] != person for role, person in held.items())
    assert {c["times"] for c in first_roles["next"]["roles"]} == {0}


def test_new_reunion_prepares_the_note_too(cli, notebook):
    members(cli, notebook, TEAM[:2])
    out = cli("-C", notebook, "new", "reunion", "--date", "2024-03-04", "--no-edit").stdout
    text = (notebook / out.split("\t")[1].strip()).read_text(encoding="utf-8")
    assert "- Animation : Awa Diallo" in text and "- Prise de notes : Awa Diallo" in text
    assert "- Gardien·ne du temps : Inès Moreau" in text  # two members: every role held


def test_new_reunion_run_again_gives_the_note_written_already_on_stdout(cli, notebook):
    first = cli("-C", notebook, "new", "reunion", "--date", "2031-03-03", "--no-edit").stdout
    again = cli("-C", notebook, "new", "reunion", "--date", "2031-03-03", "--no-edit")
    assert again.stdout == first and first.count("\t") == 1, (first, again.stdout)
    assert f"déjà écrite : {first.split()[0]}." in again.stderr, again.stderr


def test_two_coaches_queue_subjects_at_once_without_conflict(cli, team):
    cli("-C", team.awa, "ordre-du-jour", "ajouter", "Sujet d'Awa")
    cli("-C", team.karim, "ordre-du-jour", "ajouter", "Sujet de Karim")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    listed = json.loads(cli("-C", team.karim, "ordre-du-jour", "liste", "--json").stdout)
    assert sorted((s["text"], s["by"]) for s in listed) == [
        ("Sujet d'Awa", "Awa Diallo"),
        ("Sujet de Karim", "Karim Benali"),
    ]


def test_reunion_ics_invites_to_the_weekly_meeting(cli, notebook, tmp_path, monkeypatch):
    from datetime import timedelta

    from icalendar import Calendar

    config = notebook / ".garefil" / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[reunion]\njour = "jeudi"\ndebut = "9h30"\n',
        encoding="utf-8",
    )
    first = cli("-C", notebook, "reunion", "ics", "--sortie", "-").stdout_bytes
    event = next(iter(Calendar.from_ical(first).walk("VEVENT")))
    start = event.decoded("DTSTART")
    assert (start.weekday(), start.hour, start.minute) == (3, 9, 30)
    assert event.decoded("DTEND") - start == timedelta(minutes=330)  # until 15:00
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert "mailto:awa@example.org" in str(event["ORGANIZER"])
    again = cli("-C", notebook, "reunion", "ics", "--sortie", "-").stdout_bytes
    assert next(iter(Calendar.from_ical(again).walk("VEVENT")))["UID"] == event["UID"]
    monkeypatch.chdir(tmp_path)
    cli("-C", notebook, "reunion", "ics")
    assert (tmp_path / "reunion.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    cli("-C", notebook, "reunion", "ics", code=6)  # never overwrites the file


def test_a_meeting_prepared_for_tomorrow_is_the_next_one_not_one_held(cli, notebook, monkeypatch):
    from icalendar import Calendar

    members(cli, notebook, TEAM[:3])
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-29")  # a Sunday; meetings on Mondays
    first = cli("-C", notebook, "new", "reunion", "--no-edit").stdout.split("\t")[1].strip()
    assert "2026-11-30" in first
    roles = json.loads(cli("-C", notebook, "roles", "--json").stdout)
    assert roles["history"] == [] and roles["next"]["date"].startswith("2026-11-30")
    assert {c["times"] for c in roles["next"]["roles"]} == {0}  # proposals, not roles held
    again = cli("-C", notebook, "reunion", "preparer")  # the coming one is written: refreshed
    assert "réunion du lundi 30 novembre 2026" in again.stderr and "\t" not in again.stdout
    assert len(list(notebook.rglob("*reunion*.md"))) == 1
    invitation = cli("-C", notebook, "reunion", "ics", "--sortie", "-").stdout_bytes
    event = next(iter(Calendar.from_ical(invitation).walk("VEVENT")))
    assert event.decoded("DTSTART").date() == date(2026, 11, 30)  # the series starts there


def test_a_meeting_day_given_with_date_gets_one_note_only(cli, notebook, monkeypatch):
    members(cli, notebook, TEAM[:3])
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-29")  # a Sunday; meetings on Mondays
    cli("-C", notebook, "reunion", "preparer", "--no-edit")
    again = cli("-C", notebook, "reunion", "preparer", "--date", "30 novembre", "--no-edit")
    assert "L'ordre du jour de la réunion du lundi 30 novembre 2026 est à jour" in again.stderr
    assert len(list(notebook.rglob("*reunion*.md"))) == 1
    later = cli("-C", notebook, "reunion", "preparer", "--date", "7 décembre", "--no-edit")
    assert "Préparation de la réunion du lundi 7 décembre 2026." in later.stderr
    assert "2026-12-07" in later.stdout


def test_roles_gives_its_proposal_on_stdout_with_the_history(cli, notebook):
    members(cli, notebook)
    cli("-C", notebook, "new", "reunion", "--date", "2024-03-04", "--no-edit")
    result = cli("-C", notebook, "roles")
    assert "2024-03-04" in result.stdout  # the history…
    assert "Prochaine réunion" in result.stdout and "Animation :" in result.stdout  # …and next
    assert "Animation" not in result.stderr


def test_sentences_say_dates_in_french_and_the_register_keeps_days(cli, notebook, monkeypatch):
    members(cli, notebook, TEAM[:3])
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-29")  # a Sunday; meetings on Mondays at 14:00
    roles = cli("-C", notebook, "roles").stdout
    assert "Prochaine réunion : lundi 30 novembre 2026 à 14h00." in roles
    assert "2026-11-30T" not in roles
    cli("-C", notebook, "sommaire")
    summary = (notebook / "SOMMAIRE.md").read_text(encoding="utf-8")
    assert "- Prochaine : lundi 30 novembre 2026 à 14h00" in summary
    body = "## Décisions\n\n- Le tour de table dure deux minutes. ^d-22222\n"
    cli("-C", notebook, "new", "reunion", "--date", "2024-03-25", "--body", body)
    cli("-C", notebook, "new", "reunion", "--no-edit")  # dated 2026-11-30T14:00
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")  # decided in that meeting, on its day
    cli("-C", notebook, "decision", "remplacer", "d-22222", "Trois minutes.")
    rows = cli("-C", notebook, "decisions", "--format", "tsv").stdout.splitlines()[1:]
    assert sorted(row.split("\t")[1] for row in rows) == ["2024-03-25", "2026-11-30"]


def test_two_members_for_three_roles_are_told_and_the_note_has_no_blank_role(cli, notebook):
    members(cli, notebook, ["Awa Diallo", "Karim Benali"])
    said = cli("-C", notebook, "roles").stdout
    assert "2 membres présents pour 3 rôles : Awa Diallo en cumule 2." in said
    proposed = json.loads(cli("-C", notebook, "roles", "--json").stdout)["next"]["roles"]
    assert [c["person"] for c in proposed] == ["Awa Diallo", "Awa Diallo", "Karim Benali"]
    alone = cli("-C", notebook, "roles", "--absent", "karim").stdout
    assert "1 membre présent pour 3 rôles : Awa Diallo en cumule 3." in alone
    written = cli("-C", notebook, "new", "reunion", "--no-edit")
    assert "Awa Diallo en cumule 2" in written.stderr
    path = written.stdout.split("\t")[1].strip()
    text = (notebook / path).read_text(encoding="utf-8")
    roles = text.split("## Rôles\n")[1].split("\n\n")[0].splitlines()
    assert len(roles) == 3 and all(line.split(" : ")[1] for line in roles), roles


def test_the_agenda_lists_requests_of_one_day_in_the_order_they_came(cli, notebook, monkeypatch):
    for hour, who in ((9, "Zoé Vidal"), (10, "Anna Bel")):
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{hour:02}:00:00")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{hour:02}:00:00")
        cli("-C", notebook, "new", "demande", "-e", who, "--date", "2024-05-02", "--body", "x")
    out = cli("-C", notebook, "reunion", "preparer", "--date", "2024-05-06", "--no-edit").stdout
    text = (notebook / out.split("\t")[1].strip()).read_text(encoding="utf-8")
    assert text.index("Zoé Vidal") < text.index("Anna Bel")


def test_roles_piped_says_what_its_rows_are(cli, demo_notebook):
    """Piped, a listing's rows come without the table's headers: like `fil`, `roles` says
    what they are on a line of its own, before them."""
    shown = cli("-C", demo_notebook, "roles").stdout.splitlines()
    assert shown[0] == (
        "Rôles tenus aux réunions passées : date, Animation, Prise de notes, Gardien·ne du temps."
    ), shown
    assert shown[1].startswith("2024-01-08\t"), shown
