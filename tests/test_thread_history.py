"""`fil` asks git when each of the person's notes was recorded: one walk of the history, whose
cost does not grow with how many notes the person has, and that follows a note's renames.

The long measure (10,000 notes, 2,000 commits) is `python benchmarks/history.py`.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
from pathlib import Path

import pytest

from conftest import git

NOTES, THEIRS, COMMITS = 300, 60, 500


def write_note(folder: Path, number: int, who: str) -> str:
    day = f"2024-01-{number % 28 + 1:02}"
    path = f"cr/2024/{day}-cr-{number:04}.md"
    header = f"id: {day}-cr-{number:04}\ntype: cr\ntitle: CR {number}\ndate: {day}"
    text = f"---\n{header}\nentrepreneur: {who}\n---\n\nTexte.\n"
    (folder / path).write_text(text, encoding="utf-8")
    return path


def long_history(notebook: Path) -> None:
    """NOTES notes (THEIRS of them Jean Dupont's, one Lina Roy's), then COMMITS commits each
    adding a line to one of them (written with `git fast-import`: a second, not minutes)."""
    (notebook / "cr" / "2024").mkdir(parents=True)
    people = ["Jean Dupont"] * THEIRS + ["Lina Roy"] + ["Paul Martin"] * (NOTES - THEIRS - 1)
    paths = [write_note(notebook, number, who) for number, who in enumerate(people)]
    git(notebook, "add", "cr")
    git(notebook, "commit", "-qm", "notes")
    rng, texts, stream = random.Random(3), {}, []
    for number in range(COMMITS):
        path = rng.choice(paths)
        texts[path] = texts.get(path) or (notebook / path).read_bytes()
        texts[path] += b"Suivi %d.\n" % number
        stream += [
            b"commit refs/heads/main\ncommitter B <b@example.org> %d +0000\n" % (1e9 + number),
            b"data 2\nm\n" + (b"from main^0\n" if number == 0 else b""),
            b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(texts[path]), texts[path]),
        ]
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=notebook, input=b"".join(stream), check=True
    )
    git(notebook, "reset", "-q", "--hard")


def git_seconds(cli, notebook: Path, who: str) -> float:
    """CPU seconds of the git commands `fil who` runs (the command itself runs in-process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cli("-C", notebook, "fil", who, "--json")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def test_the_git_work_of_fil_does_not_grow_with_the_persons_notes(cli, notebook):
    long_history(notebook)
    cli("-C", notebook, "fil", "Lina Roy")  # the index, built once
    one = min(git_seconds(cli, notebook, "Lina Roy") for _ in range(3))
    many = min(git_seconds(cli, notebook, "Jean Dupont") for _ in range(3))
    # Git told about each of 60 notes matched every path against every file of each commit's
    # folder: many times the cost of one note's thread.
    assert many < 2 * one + 0.04, (one, many)
    story = json.loads(cli("-C", notebook, "fil", "Jean Dupont", "--json").stdout)
    assert len(story["steps"]) == THEIRS


@pytest.mark.parametrize("renames", ["default", "off"])
def test_a_note_renamed_later_that_day_keeps_the_time_it_was_written(
    cli, notebook, monkeypatch, renames
):
    if renames == "off":  # the coach's own setting: git is asked for renames all the same
        git(notebook, "config", "diff.renames", "false")

    def at(hour: int) -> None:
        for name in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
            monkeypatch.setenv(name, f"2024-03-02T{hour:02}:00:00")

    at(9)
    first = cli(
        "-C",
        notebook,
        "new",
        "cr",
        "--title",
        "Matin",
        "-e",
        "Ana Bel",
        "--date",
        "2024-03-02",
        "--body",
        "x",
    ).stdout.split("\t")[0]
    at(12)
    cli(
        "-C",
        notebook,
        "new",
        "cr",
        "--title",
        "Midi",
        "-e",
        "Ana Bel",
        "--date",
        "2024-03-02",
        "--body",
        "x",
    )
    at(17)
    cli("-C", notebook, "mv", first, "Matin tôt")
    story = json.loads(cli("-C", notebook, "fil", "Ana Bel", "--json").stdout)
    assert [step["id"] for step in story["steps"]][0] == first, story
