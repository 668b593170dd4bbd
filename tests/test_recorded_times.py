"""When git first recorded each note is kept in the index's catalogue: the notes of one day keep
the order they were written in (test_same_day_order.py), and no read command asks git for it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git
from test_speed import PROBE


def read(folder: Path, *args: str) -> tuple[list, list[list[str]]]:
    """What `garefil ARGS --json` writes in `folder`, and the command lines it started."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args, "--json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("PROBE "))
    started = json.loads(line.removeprefix("PROBE "))["started"]
    return json.loads(done.stdout), [argv for argv, _imported in started]


def git_logs(started: list[list[str]]) -> list[list[str]]:
    """The `git log` among the command lines started."""
    return [argv for argv in started if argv[:1] == ["git"] and "log" in argv]


def listed(cli, folder: Path) -> list[str]:
    """The titles `list` shows, newest first, once the index is up to date (`index`, as any
    command after a commit): having checked that `list` asked git no times."""
    cli("-C", folder, "index")
    notes, started = read(folder, "list")
    assert git_logs(started) == []
    return [n["title"] for n in notes]


@pytest.fixture
def at(monkeypatch):
    """`at("09:00:00")`: what is committed next is committed at that time of 2024-05-02."""

    def moment(time: str) -> None:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{time}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{time}")

    return moment


def write_note(folder: Path, name: str, title: str) -> None:
    """A note of 2024-05-02 (a day, no time in its header) written by hand, not committed."""
    header = f"type: note\ntitle: {title}\ndate: 2024-05-02\n"
    (folder / name).write_text(f"---\n{header}---\nx\n", encoding="utf-8")


def commit(folder: Path, *names: str) -> None:
    git(folder, "add", *names)
    git(folder, "commit", "-qm", " ".join(names))


def test_list_orders_a_day_pulled_from_a_teammate_by_when_it_was_first_recorded(cli, team, at):
    """Karim's index learns Awa's times from the commits his sync brought (his own note,
    replayed on top of hers, keeps its time); file names (A before Z) decide nothing."""
    cli("-C", team.karim, "list")  # an index, brought up to date since
    at("09:00:00")
    cli("-C", team.awa, "new", "note", "--date", "2024-05-02", "--title", "Anna", "--body", "x")
    at("11:00:00")
    cli("-C", team.awa, "new", "note", "--date", "2024-05-02", "--title", "Zoé", "--body", "x")
    cli("-C", team.awa, "sync")
    at("10:00:00")
    cli("-C", team.karim, "new", "note", "--date", "2024-05-02", "--title", "Marc", "--body", "x")
    cli("-C", team.karim, "sync")
    assert listed(cli, team.karim) == ["Zoé", "Marc", "Anna"]
    cli("-C", team.awa, "sync")
    assert listed(cli, team.awa) == ["Zoé", "Marc", "Anna"]


def test_a_note_indexed_before_it_was_committed_gets_its_time_once_committed(cli, notebook, at):
    """`z.md`, indexed while nobody had committed it, is committed last: it comes first."""
    write_note(notebook, "z.md", "Z")
    write_note(notebook, "a.md", "A")
    at("09:00:00")
    commit(notebook, "a.md")
    assert listed(cli, notebook) == ["A", "Z"]  # z.md: no time yet, the start of its day
    at("11:00:00")
    commit(notebook, "z.md")  # its text did not change: only its time is new
    assert listed(cli, notebook) == ["Z", "A"]


def test_an_index_rebuilt_from_scratch_orders_a_day_as_the_one_kept_up_to_date(cli, notebook, at):
    """Notes committed in the same second, each by its own `new` (the index brought up to date
    after each): told apart in the order they were committed, before and after a rebuild."""
    at("09:00:00")
    for title in ("Anna", "Zoé", "Marc", "Bruno"):
        cli("-C", notebook, "new", "note", "--date", "2024-05-02", "--title", title, "--body", "x")
    kept = listed(cli, notebook)
    assert kept == ["Bruno", "Marc", "Zoé", "Anna"]
    for built in (notebook / ".garefil").glob("index*"):
        shutil.rmtree(built) if built.is_dir() else built.unlink()
    cli("-C", notebook, "index")
    assert listed(cli, notebook) == kept


def test_a_history_rewritten_under_the_index_is_read_again_whole(cli, notebook, at):
    """A commit amended (its note's first commit gone) after the index was brought up to date:
    the times are taken from the whole history again, the amended commit's."""
    write_note(notebook, "a.md", "A")
    write_note(notebook, "z.md", "Z")
    at("10:00:00")
    commit(notebook, "a.md")
    at("09:00:00")
    commit(notebook, "z.md")
    assert listed(cli, notebook) == ["A", "Z"]
    at("11:00:00")
    git(notebook, "commit", "-q", "--amend", "--reset-author", "-m", "z.md, later")
    assert listed(cli, notebook) == ["Z", "A"]


def test_a_commit_dated_beyond_any_calendar_leaves_the_others_their_times(cli, notebook, at):
    """A teammate's commit forged to the year 3 million (git takes it): its note gets no time,
    the others keep theirs, and nothing fails."""
    write_note(notebook, "a.md", "A")
    write_note(notebook, "m.md", "M")
    write_note(notebook, "z.md", "Z")
    at("09:00:00")
    commit(notebook, "z.md")
    at("11:00:00")
    commit(notebook, "a.md")
    git(notebook, "add", "m.md")
    forged = {**os.environ, "GIT_AUTHOR_DATE": "@100000000000000 +0000"}
    subprocess.run(["git", "commit", "-qm", "m.md"], cwd=notebook, env=forged, check=True)
    assert listed(cli, notebook) == ["A", "Z", "M"]


def test_a_renamed_note_keeps_the_time_it_was_first_recorded_under_its_old_name(cli, notebook, at):
    """`mv` gives a note a new title and file name: it stays where it was written in its day,
    in the index kept up to date as in one rebuilt from scratch."""
    write_note(notebook, "z.md", "Z")
    write_note(notebook, "a.md", "A")
    at("09:00:00")
    commit(notebook, "z.md")
    at("10:00:00")
    commit(notebook, "a.md")
    assert listed(cli, notebook) == ["A", "Z"]
    at("11:00:00")
    cli("-C", notebook, "mv", "z.md", "Yves")
    assert listed(cli, notebook) == ["A", "Yves"]
    for built in (notebook / ".garefil").glob("index*"):
        shutil.rmtree(built) if built.is_dir() else built.unlink()
    assert listed(cli, notebook) == ["A", "Yves"]


def test_where_git_cannot_vouch_for_the_work_tree_it_is_asked_as_before(cli, notebook, at):
    """A folder git ignores as a whole hides its notes from `git status`: the index walks the
    folder and keeps no times, and `list` asks git for those of the day's notes."""
    (notebook / ".gitignore").write_text("brouillons/\n", encoding="utf-8")
    (notebook / "brouillons").mkdir()
    write_note(notebook / "brouillons", "b.md", "B")
    write_note(notebook, "z.md", "Z")
    write_note(notebook, "a.md", "A")
    at("09:00:00")
    commit(notebook, ".gitignore", "a.md")
    at("11:00:00")
    commit(notebook, "z.md")
    cli("-C", notebook, "index")
    notes, started = read(notebook, "list")
    assert [n["title"] for n in notes] == ["Z", "A", "B"]
    assert len(git_logs(started)) == 1
