"""Dates as a coach types them (docs/dates.md): each documented form, its rules, its error.

The table of docs/dates.md is the test's own table: each row is parsed relative to the day the
page names (Wednesday 10 April 2024) and shown in words, so the page cannot drift from the code.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta

import frontmatter
import pytest

from conftest import PROJECT
from garefil.cli.shown_dates import long_date
from garefil.core.dates import iso, parse_date, try_parse_date
from garefil.core.errors import InvalidDate

DOCUMENTED_TODAY = date(2024, 4, 10)  # « mercredi 10 avril 2024 », as docs/dates.md says
ROW = re.compile(r"^\| `(.+?)` \| `(.+?)` \| (.+?) \|$", re.MULTILINE)


def documented_forms() -> list[tuple[str, str, str]]:
    """(typed, ISO, shown in words) for each row of the table in docs/dates.md."""
    return ROW.findall((PROJECT / "docs" / "dates.md").read_text(encoding="utf-8"))


def test_the_page_names_the_day_its_examples_count_from():
    page = (PROJECT / "docs" / "dates.md").read_text(encoding="utf-8")
    assert "mercredi 10 avril 2024" in page and DOCUMENTED_TODAY.weekday() == 2
    assert len(documented_forms()) >= 25


@pytest.mark.parametrize(("typed", "expected", "shown"), documented_forms())
def test_each_documented_form_gives_its_date(typed, expected, shown):
    found = parse_date(typed, today=DOCUMENTED_TODAY)
    assert iso(found) == expected
    assert long_date(found) == shown


@pytest.mark.parametrize(
    ("typed", "today", "expected"),
    [
        ("lundi", date(2024, 4, 15), "2024-04-22"),  # on a Monday: the next one, not today
        ("lundi dernier", date(2024, 4, 15), "2024-04-08"),  # the last one gone, not today
        ("lundi", date(2024, 4, 14), "2024-04-15"),  # on a Sunday: tomorrow
        ("dimanche dernier", date(2024, 4, 15), "2024-04-14"),
        ("Aujourd’hui", date(2024, 4, 10), "2024-04-10"),
        ("aujourdhui", date(2024, 4, 10), "2024-04-10"),
        ("  15   Décembre ", date(2024, 4, 10), "2024-12-15"),
        ("tomorrow", date(2024, 4, 10), "2024-04-11"),
        ("29/02", date(2024, 1, 5), "2024-02-29"),  # this year's, a leap year
    ],
)
def test_the_rules_for_weekdays_and_spellings(typed, today, expected):
    assert iso(parse_date(typed, today=today)) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/03", "2025-03-15"),  # planned in December: next year's, as a diary reads it
        ("15 mars 14h30", "2025-03-15T14:30"),
        ("1er fevrier", "2025-02-01"),
        ("20/12", "2024-12-20"),  # still to come this year
        ("15/03/2024", "2024-03-15"),  # a year written is kept, even gone
        ("15 mars 2024", "2024-03-15"),
        ("hier", "2024-12-09"),  # relative words name their own day
        ("lundi dernier", "2024-12-09"),
        ("il y a une semaine", "2024-12-03"),  # « semaine » is no month, for all its « mai »
    ],
)
def test_a_day_planned_without_its_year_is_the_next_one_to_come(typed, expected):
    assert iso(parse_date(typed, today=date(2024, 12, 10), ahead=True)) == expected
    if expected.startswith("2025"):  # read as a wall calendar (filters, notes): this year's
        assert iso(parse_date(typed, today=date(2024, 12, 10))).startswith("2024")


def test_an_appointment_booked_for_a_day_gone_this_year_is_next_year(cli, notebook):
    today = date.today()
    gone = today - timedelta(days=10)
    typed = f"{gone.day:02d}/{gone.month:02d} 14h30"
    cli("-C", notebook, "new", "rdv", "-e", "Jean Dupont", "--date", typed, "--no-edit")
    (note,) = json.loads(cli("-C", notebook, "list", "--json").stdout)
    day = date(today.year, gone.month, gone.day)
    day = day if day >= today else day.replace(year=today.year + 1)
    assert note["date"] == f"{day.isoformat()}T14:30"


@pytest.mark.parametrize(
    "typed",
    ["32/03", "31/02", "29/02/2023", "12", "2024", "mars", "demain 25h", "n'importe quand", ""],
)
def test_what_names_no_day_is_refused_rather_than_guessed(typed):
    with pytest.raises(InvalidDate):
        parse_date(typed, today=DOCUMENTED_TODAY)


@pytest.mark.parametrize("typed", ["2027-13-02T10:00", "2026-13-01", "2024-02-30", "2024-13-05"])
def test_a_mistyped_iso_date_is_refused_not_read_as_another_day(typed):
    with pytest.raises(InvalidDate):
        parse_date(typed, today=DOCUMENTED_TODAY)


def test_an_appointment_on_an_impossible_iso_day_is_not_written(cli, notebook):
    typed = "2027-13-02T10:00"
    result = cli("-C", notebook, "new", "rdv", "-e", "Jean Dupont", "--date", typed, code=5)
    assert "n'est pas une date" in result.stderr
    assert json.loads(cli("-C", notebook, "list", "--json").stdout) == []


def test_a_date_in_a_note_stays_iso_only():
    """« demain » written in a file would change meaning every day: a note's date is ISO."""
    assert try_parse_date("2024-03-15") == date(2024, 3, 15)
    assert try_parse_date("demain") is None and try_parse_date("15/03/2024") is None


def test_iso_dates_do_not_load_the_date_parser():
    """Plain ISO input costs nothing: the French parser is loaded only for other text."""
    script = (
        "import sys; from garefil.core.dates import parse_date; "
        "parse_date('2024-03-15'); parse_date('2024-03-15T14:30'); parse_date('15/03/2024'); "
        "print('dateparser' in sys.modules); parse_date('15 mars'); "
        "print('dateparser' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.split() == ["False", "True"], done.stderr


def test_a_listing_with_iso_dates_loads_neither_parser_nor_babel(run_garefil, demo_notebook):
    done = run_garefil(
        "-C",
        demo_notebook,
        "list",
        "--since",
        "2024-01-01",
        "--until",
        "2024-01-31",
        env={"PYTHONPROFILEIMPORTTIME": "1"},
    )
    assert done.returncode == 0 and done.stdout.strip()
    assert "dateparser" not in done.stderr and "babel" not in done.stderr


def ids(cli, *args: str) -> list[str]:
    return [n["id"] for n in json.loads(cli(*args, "--json").stdout)]


def test_french_dates_filter_like_their_iso_days(cli, demo_notebook):
    iso_days = ids(
        cli, "-C", demo_notebook, "list", "--since", "2024-01-01", "--until", "2024-01-31"
    )
    french = ids(
        cli, "-C", demo_notebook, "list", "--since", "1er janvier 2024", "--until", "31/01/2024"
    )
    assert french == iso_days and iso_days


def test_a_french_date_and_time_is_written_as_a_yaml_timestamp(cli, notebook):
    cli(
        "-C",
        notebook,
        "new",
        "note",
        "--title",
        "Point",
        "--date",
        "15/03/2024 14h30",
        "--body",
        "x",
    )
    (note,) = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert note["date"] == "2024-03-15T14:30"
    written = frontmatter.loads((notebook / note["path"]).read_text(encoding="utf-8"))
    assert written["date"] == datetime(2024, 3, 15, 14, 30)  # a YAML timestamp, not the text


def test_an_unreadable_date_is_one_french_line_with_the_accepted_forms(cli, notebook):
    result = cli("-C", notebook, "list", "--since", "32/03", code=5)
    message, hint = result.stderr.strip().splitlines()
    assert "« 32/03 » n'est pas une date" in message
    assert "15/04/2024" in hint and "lundi prochain" in hint and "il y a 3 jours" in hint


def test_in_english_the_date_hint_says_what_the_french_words_mean(run_garefil, notebook):
    """Dates are read in French in any language: the English hint translates its examples."""
    result = run_garefil("list", "--since", "32/03", cwd=notebook, env={"GAREFIL_LANG": "en"})
    assert result.returncode == 5
    message, hint = result.stderr.strip().splitlines()
    assert "'32/03' is not a date" in message
    assert "demain (tomorrow)" in hint and "lundi prochain (next Monday)" in hint


@pytest.mark.skipif(not shutil.which("script"), reason="`script` gives the command a terminal")
def test_a_note_at_the_terminal_shows_its_date_in_words(cli, notebook):
    cli(
        "-C",
        notebook,
        "new",
        "note",
        "--title",
        "Point",
        "--date",
        "2024-03-15T14:30",
        "--body",
        "x",
    )
    (note,) = json.loads(cli("-C", notebook, "list", "--json").stdout)
    command = shlex.join([sys.executable, "-m", "garefil", "-C", str(notebook), "show", note["id"]])
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"], capture_output=True, text=True, timeout=60
    )
    assert "vendredi 15 mars 2024 à 14h30" in done.stdout, done.stdout
