"""A date given empty is refused, and an appointment has a day and an hour (README): a day alone
is refused with the form to write, rather than an appointment written without its time."""

from __future__ import annotations

import pytest

from conftest import git


@pytest.mark.parametrize("kind", ["rdv", "note"])
def test_an_empty_date_is_refused_and_nothing_is_written(cli, notebook, kind):
    head = git(notebook, "rev-parse", "HEAD")
    said = cli("-C", notebook, "new", kind, "-e", "Lina Roy", "--date", "", "--no-edit", code=5)
    assert "La date est vide." in said.stderr
    assert git(notebook, "rev-parse", "HEAD") == head
    assert git(notebook, "status", "--porcelain") == ""


def test_an_appointment_given_a_day_without_its_hour_is_refused_with_the_form(cli, notebook):
    asked = ("new", "rdv", "-e", "Lina Roy", "--no-edit", "--date")
    said = cli("-C", notebook, *asked[:-1], code=5).stderr  # no --date: no day, no hour
    assert '--date "demain 14h"' in said
    said = cli("-C", notebook, *asked, "lundi prochain", code=5).stderr
    assert '--date "lundi prochain 14h"' in said and "Traceback" not in said
    assert not (notebook / "rdv").exists()
    cli("-C", notebook, *asked, "lundi prochain 14h")
    [written] = (notebook / "rdv").rglob("*.md")
    assert "T14:00" in written.read_text(encoding="utf-8") or " 14:00" in written.read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "command",
    [("list", "--depuis", ""), ("bilan", "--jusqu-au", ""), ("decisions", "--jusqu-au", "")],
    ids=" ".join,
)
def test_an_empty_date_given_to_a_filter_is_refused_not_taken_as_none(cli, notebook, command):
    said = cli("-C", notebook, *command, code=5).stderr
    assert "La date est vide." in said and "Traceback" not in said
