"""Things of one day come in the order they happened (the header's time, else when git first
recorded them), never in the order of their file names, wherever they are listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture
def written_at(cli, notebook: Path, monkeypatch):
    """`written_at("09:00:00", kind, *options)`: a note of 2024-05-02 (a day, no time in its
    header) written and committed at that time of that day."""

    def write(moment: str, kind: str, *options: str) -> str:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{moment}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{moment}")
        out = cli("-C", notebook, "new", kind, "--date", "2024-05-02", *options, "--body", "x")
        return out.stdout.split("\t")[0]

    return write


def test_the_home_screen_lists_same_day_requests_as_suivi_does(cli, notebook, written_at):
    """File names follow the entrepreneur's name (A before Z): Zoé's request came first."""
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")  # the git identity's name
    written_at("09:00:00", "demande", "-e", "Zoé Vidal", "-r", "Awa Diallo")
    written_at("11:00:00", "demande", "-e", "Anna Bel", "-r", "Awa Diallo")
    suivi = [d["entrepreneur"] for d in json.loads(cli("-C", notebook, "suivi", "--json").stdout)]
    assert suivi == ["Zoé Vidal", "Anna Bel"]
    home = cli("-C", notebook).stdout
    assert "À faire pour vous (2) :" in home
    assert home.index("Zoé Vidal") < home.index("Anna Bel")


def test_list_shows_the_notes_of_one_day_newest_first(cli, notebook, written_at):
    """`list` promises the newest first: within a day, the note written last comes first."""
    written_at("09:00:00", "cr", "-e", "Anna Bel")
    written_at("11:00:00", "cr", "-e", "Zoé Vidal")
    written_at("10:00:00", "rdv", "-e", "Marc Lo", "--date", "2024-05-02T10:30")
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [n["entrepreneur"] for n in listed] == ["Zoé Vidal", "Marc Lo", "Anna Bel"]
    first = json.loads(cli("-C", notebook, "list", "--limit", "1", "--json").stdout)
    assert [n["entrepreneur"] for n in first] == ["Zoé Vidal"]


def test_list_orders_a_day_of_many_notes_by_git_too(cli, notebook, monkeypatch):
    """Beyond a few dozen notes of one day, git is asked differently (quicker): same order."""

    def commit_notes(prefix: str, moment: str) -> None:
        for number in range(40):
            header = f"type: note\ntitle: {prefix}{number:02}\ndate: 2024-05-02\n"
            (notebook / f"{prefix}-{number:02}.md").write_text(f"---\n{header}---\nx\n", "utf-8")
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{moment}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{moment}")
        git(notebook, "add", ".")
        git(notebook, "commit", "-qm", prefix)

    commit_notes("a", "09:00:00")
    commit_notes("z", "11:00:00")
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [n["title"][0] for n in listed] == ["z"] * 40 + ["a"] * 40


def test_the_sites_lists_show_one_day_newest_first(cli, notebook, written_at):
    """The site's lists (all notes, a tag's) follow `list`: by the header's time, else by when
    git first recorded the note; file names (A before Z) decide nothing."""
    written_at("09:00:00", "cr", "-e", "Zoé Vidal", "--tag", "caf")
    written_at("11:00:00", "cr", "-e", "Anna Bel", "--tag", "caf")
    written_at("12:00:00", "rdv", "-e", "Yves Roux", "--date", "2024-05-03T09:00", "--tag", "caf")
    written_at("12:30:00", "rdv", "-e", "Bruno Cazal", "--date", "2024-05-03T14:00", "--tag", "caf")
    listed = [n["entrepreneur"] for n in json.loads(cli("-C", notebook, "list", "--json").stdout)]
    assert listed == ["Bruno Cazal", "Yves Roux", "Anna Bel", "Zoé Vidal"]
    cli("-C", notebook, "site")
    site = notebook / ".garefil" / "site"
    for page in ("pages/notes.html", "etiquettes/caf.html"):
        text = (site / page).read_text(encoding="utf-8")
        assert [text.index(who) for who in listed] == sorted(text.index(w) for w in listed), page
