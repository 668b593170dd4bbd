"""`rdv ics`: an iCalendar invitation, read back with the iCalendar library itself."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from garefil.adapters.calendar import ICalendar
from garefil.core.events import Event, Person, Weekly


def test_the_invitation_names_when_where_and_who_and_follows_the_appointment(
    cli, notebook, tmp_path
):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--email", "jean@exemple.fr")
    out = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Jean Dupont",
        "-r",
        "Awa Diallo",
        "--date",
        "2031-03-03T14:00",
        "--lieu",
        "La Ruche, 12 rue Émile",
        "--body",
        "x",
    )
    rdv = out.stdout.split("\t")[0]
    first = tmp_path / "invitation.ics"
    cli("-C", notebook, "rdv", "ics", rdv, "--sortie", first)
    [event] = Calendar.from_ical(first.read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == f"{rdv}@garefil"
    assert event.decoded("dtstart") == datetime(2031, 3, 3, 14, tzinfo=ZoneInfo("Europe/Paris"))
    assert event.decoded("dtend").hour == 15
    assert str(event["summary"]) == "Rendez-vous — Jean Dupont"
    assert str(event["location"]) == "La Ruche, 12 rue Émile"
    assert str(event["organizer"]) == "mailto:awa@example.org"
    assert str(event["attendee"]) == "mailto:jean@exemple.fr"
    cli("-C", notebook, "rdv", "ics", rdv, "--sortie", first, code=6)  # never overwritten
    cli("-C", notebook, "rdv", "reporte", rdv, "--au", "2031-03-10T09:30")
    moved = Calendar.from_ical(cli("-C", notebook, "rdv", "ics", rdv, "--sortie", "-").stdout_bytes)
    [again] = moved.walk("VEVENT")
    assert str(again["uid"]) == f"{rdv}@garefil" and again["sequence"] == 1
    assert again.decoded("dtstart").hour == 9 and moved["method"] == "REQUEST"
    cli("-C", notebook, "rdv", "annule", rdv)
    cancelled = cli("-C", notebook, "rdv", "ics", rdv, "--sortie", "-").stdout_bytes
    assert Calendar.from_ical(cancelled)["method"] == "CANCEL"
    # Above the move's invitation already sent, or calendars may ignore the cancellation.
    [event] = Calendar.from_ical(cancelled).walk("VEVENT")
    assert event["sequence"] == 2 and str(event["status"]) == "CANCELLED"


def test_a_video_appointment_without_fiche_invites_nobody_and_says_so(cli, notebook):
    out = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Inès Moreau",
        "--date",
        "2031-03-03T10:00",
        "--lien",
        "https://visio.example.org/ines",
        "--body",
        "x",
    )
    result = cli("-C", notebook, "rdv", "ics", out.stdout.split("\t")[0], "--sortie", "-")
    [event] = Calendar.from_ical(result.stdout_bytes).walk("VEVENT")
    assert str(event["url"]) == "https://visio.example.org/ines"
    assert "attendee" not in event and "Inès Moreau" in result.stderr


def test_the_coach_invites_to_their_own_appointments_only(cli, notebook):
    """The organiser is the référent when the coach at this computer is that référent (or the
    appointment has none), never a coach inviting in someone else's name."""
    organisers = []
    for referent in ("Awa Diallo", "Karim Benali", None):
        named = ["-r", referent] if referent else []
        typed = ["-e", "Inès Moreau", *named, "--date", "2031-03-03T10:00", "--body", "x"]
        out = cli("-C", notebook, "new", "rdv", *typed)
        invitation = cli("-C", notebook, "rdv", "ics", out.stdout.split("\t")[0], "--sortie", "-")
        [event] = Calendar.from_ical(invitation.stdout_bytes).walk("VEVENT")
        organisers.append(str(event.get("organizer")))
    assert organisers == ["mailto:awa@example.org", "None", "mailto:awa@example.org"]


def test_a_weekly_series_repeats_until_its_last_day_in_utc():
    meeting = Event(
        uid="hebdo@garefil",
        summary="Réunion d'équipe",
        start=datetime(2031, 3, 3, 14, 0),
        organiser=Person("samuel@exemple.org", "Samuel Barreau"),
        recurrence=Weekly(until=date(2031, 6, 30)),
        stamp=datetime(2031, 1, 1, tzinfo=UTC),
    )
    calendar = Calendar.from_ical(ICalendar().invitation(meeting))
    [event] = calendar.walk("VEVENT")
    rule = event["rrule"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["UNTIL"] == [datetime(2031, 6, 30, 12, 0, tzinfo=UTC)]  # 14:00 in Paris, summer
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]


def test_the_invitation_says_nothing_in_english_about_its_time_zone(cli, notebook):
    out = cli(
        "-C", notebook, "new", "rdv", "-e", "Inès Moreau", "--date", "2031-03-03T10:00", "--no-edit"
    )
    result = cli("-C", notebook, "rdv", "ics", out.stdout.split("\t")[0], "--sortie", "-")
    text = result.stdout_bytes.decode("utf-8")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Paris" in text
    assert "COMMENT" not in text
