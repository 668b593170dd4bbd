"""Ctrl-C (or a kill) at several moments of `sync`: no note is cut or half-updated, the next
`sync` sends nothing the coach did not write, and the teammate receives no damaged note.

Each moment is widened by a real part of git, so that the signal lands inside it every time:
a hook that takes its time (`post-commit` as the coach's edits are recorded, `pre-push` as the
work is sent), and a smudge filter (set in this copy only, `.git/info/attributes`) that git
runs on each file it writes while merging the team's work, the moment a cut leaves half of
the files in the team's version and one perhaps empty.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import Team, git, publish_and_join

NOTES = 4
CTRL_C = (
    "Interrompu : aucune note n'a été laissée à moitié écrite ; `garefil sync` termine le partage."
)


def note_text(number: int, tag: str) -> str:
    return (
        f"---\nid: n-{number}\ntype: note\ntitle: Note {number}\ndate: 2025-01-01\n"
        f"tags: [{tag}]\n---\nCorps de la note {number}.\n"
    )


def write_notes(folder: Path) -> None:
    (folder / "divers").mkdir()
    for number in range(NOTES):
        (folder / "divers" / f"note-{number}.md").write_text(note_text(number, "a"), "utf-8")


@pytest.fixture
def shared(cli, tmp_path: Path) -> Team:
    """Awa's notes shared with Karim; Karim then changes every note and sends them, and Awa
    adds a line to one note by hand: her next sync records it, merges, sends."""
    team = publish_and_join(cli, tmp_path, write_notes)
    for number in range(NOTES):
        (team.karim / "divers" / f"note-{number}.md").write_text(note_text(number, "k"), "utf-8")
    git(team.karim, "commit", "-qam", "k")
    git(team.karim, "push", "-q", "origin", "main")
    with (team.awa / "divers" / "note-1.md").open("a", encoding="utf-8") as note:
        note.write("Ligne d'Awa.\n")
    return team


def slowed(coach: Path, moment: str) -> Path:
    """Make `moment` of a sync in `coach` last (a file marks its start, with git's process
    id): "commit" (the coach's edits recorded), "merge" (each file written), "push"."""
    started = coach / ".git" / "moment-started"
    pause = 0.25 if moment == "merge" else 0.6  # for each file written; for the hook
    mark = f'echo $PPID >> "{started}"; sleep {pause}'
    if moment == "merge":
        git(coach, "config", "filter.lent.smudge", f"sh -c '{mark}; cat'")
        (coach / ".git" / "info" / "attributes").write_text("*.md filter=lent\n", "utf-8")
    else:
        hook = coach / ".git" / "hooks" / ("post-commit" if moment == "commit" else "pre-push")
        hook.parent.mkdir(exist_ok=True)
        hook.write_text(f"#!/bin/sh\n{mark}\ncat >/dev/null\n", encoding="utf-8")
        hook.chmod(0o755)
    return started


def no_longer_slowed(coach: Path) -> None:
    (coach / ".git" / "info" / "attributes").unlink(missing_ok=True)
    for hook in ("post-commit", "pre-push"):
        (coach / ".git" / "hooks" / hook).unlink(missing_ok=True)


def sync_stopped(coach: Path, started: Path, how: signal.Signals) -> subprocess.CompletedProcess:
    """`garefil sync` in `coach`, sent `how` once the slowed moment has begun: to its process
    group, as a terminal sends Ctrl-C; a kill also reaches the git it started (a power cut)."""
    running = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(coach), "sync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # one file or two written, the others waiting
    os.killpg(running.pid, how)
    if how == signal.SIGKILL:
        for git_process in set(started.read_text().split()):
            with contextlib.suppress(ProcessLookupError):  # that git had ended
                os.killpg(os.getpgid(int(git_process)), signal.SIGKILL)
    out, err = running.communicate(timeout=60)
    return subprocess.CompletedProcess(running.args, running.returncode, out, err)


def assert_nothing_cut(coach: Path) -> None:
    for number in range(NOTES):
        text = (coach / "divers" / f"note-{number}.md").read_text("utf-8")
        assert text.startswith("---\nid: n-") and f"Corps de la note {number}." in text, text


def assert_shared_whole(team: Team, run_garefil) -> None:
    """The next sync sends Awa's line and nothing else; Karim gets every note whole."""
    theirs = git(team.karim, "rev-parse", "HEAD").strip()  # what Karim sent
    again = run_garefil("-C", team.awa, "sync")
    assert again.returncode == 0, again.stderr
    assert git(team.awa, "status", "--porcelain") == ""
    sent = git(team.remote, "diff", "--name-only", theirs, "main").split()
    assert sent == ["divers/note-1.md"]
    assert run_garefil("-C", team.karim, "sync").returncode == 0
    for number in range(NOTES):
        text = (team.karim / "divers" / f"note-{number}.md").read_text("utf-8")
        assert text == note_text(number, "k") + ("Ligne d'Awa.\n" if number == 1 else "")


@pytest.mark.parametrize("moment", ["commit", "merge", "push"])
def test_ctrl_c_at_any_moment_of_sync_cuts_no_note(shared, moment, run_garefil):
    stopped = sync_stopped(shared.awa, slowed(shared.awa, moment), signal.SIGINT)
    no_longer_slowed(shared.awa)
    assert stopped.returncode == 130 and "Traceback" not in stopped.stderr
    assert stopped.stderr.strip().splitlines()[-1] == CTRL_C
    assert_nothing_cut(shared.awa)
    assert git(shared.awa, "status", "--porcelain") == ""  # the merge was let finish
    assert_shared_whole(shared, run_garefil)


def test_a_sync_killed_while_merging_is_undone_by_the_next(shared, run_garefil):
    stopped = sync_stopped(shared.awa, slowed(shared.awa, "merge"), signal.SIGKILL)
    no_longer_slowed(shared.awa)
    assert stopped.returncode == -signal.SIGKILL
    assert git(shared.awa, "status", "--porcelain")  # git was cut: files half-updated
    # What git leaves when it is killed while the notes' merge driver runs: its inputs.
    leftover = shared.awa / ".merge_file_Xy12Ab"
    leftover.write_text(note_text(1, "k"), encoding="utf-8")
    status = run_garefil("-C", shared.awa, "status")
    assert "Opération git inachevée : une mise à jour des notes, arrêtée" in status.stdout
    theirs = git(shared.karim, "rev-parse", "HEAD").strip()
    again = run_garefil("-C", shared.awa, "sync")
    assert again.returncode == 0, again.stderr
    assert "arrêtée net" in again.stderr
    assert git(shared.awa, "status", "--porcelain") == "" and not leftover.exists()
    assert git(shared.remote, "diff", "--name-only", theirs, "main").split() == ["divers/note-1.md"]
    assert "fichiers modifiés" not in git(shared.remote, "log", "--format=%s", f"{theirs}..main")
    assert_shared_whole(shared, run_garefil)
