"""Ctrl-C during `import`: one commit or nothing; the notes it wrote and did not record go.

A note left written but unrecorded would be taken next time for a note « already imported »,
and the re-run would count wrongly. Real processes, real SIGINT; the import is watched until
its first note is on disk (or its commit has begun) before Ctrl-C comes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import git

COUNT = 60  # enough for Ctrl-C to land while they are written, a second at most


def old_notes(folder: Path) -> Path:
    folder.mkdir()
    for i in range(COUNT):
        (folder / f"n{i:04d}.md").write_text(
            f"---\ntitle: Note {i}\ndate: 2021-01-{i % 28 + 1:02d}\n---\nTexte {i}.\n",
            encoding="utf-8",
        )
    return folder


def interrupted_when(ready, *args: str | Path, group: bool = False) -> subprocess.CompletedProcess:
    """Run garefil with `args`; once `ready()` is true, Ctrl-C: SIGINT to garefil alone, or
    with `group` to its whole process group, as a terminal sends it (git included)."""
    running = subprocess.Popen(
        [sys.executable, "-m", "garefil", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=group,
    )
    deadline = time.monotonic() + 60
    while not ready() and running.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if group:
        os.killpg(running.pid, signal.SIGINT)
    else:
        running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    return subprocess.CompletedProcess(running.args, running.returncode, out, err)


def imported(notebook: Path) -> list[Path]:
    return [p for p in notebook.glob("*/2021/*.md")]


def check_undone_then_imported_again(cli, notebook: Path, source: Path, done) -> None:
    assert done.returncode == 130 and "Traceback" not in done.stderr, done.stderr
    # One line, no « erreur : » mark: an interruption is said like every other Ctrl-C.
    first = done.stderr.splitlines()[0]
    assert first == "Interrompu : l'import a été annulé, aucune note n'a été ajoutée."
    assert imported(notebook) == []
    assert git(notebook, "status", "--porcelain", "-uall") == ""
    again = cli("-C", notebook, "import", source)
    assert f"{COUNT} notes importées, 0 passée" in again.stderr
    assert len(imported(notebook)) == COUNT
    assert f"{COUNT} notes" in git(notebook, "log", "-1", "--format=%s")


def test_ctrl_c_while_the_notes_are_written_removes_them(cli, notebook, tmp_path):
    source = old_notes(tmp_path / "vieilles")
    before = cli("-C", notebook, "new", "note", "--title", "Avant", "--body", "x").stdout
    kept = notebook / before.split("\t")[1].strip()
    done = interrupted_when(lambda: imported(notebook), "-C", notebook, "import", source)
    assert kept.exists()  # only what the import wrote goes, never a note that was there
    check_undone_then_imported_again(cli, notebook, source, done)


def test_ctrl_c_while_git_records_the_import_removes_its_notes(cli, notebook, tmp_path):
    source = old_notes(tmp_path / "vieilles")
    started = notebook / ".git" / "hook-started"
    hook = notebook / ".git" / "hooks" / "prepare-commit-msg"  # run even with --no-verify
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f'#!/bin/sh\ntouch "{started}"\nsleep 5\n', encoding="utf-8")
    hook.chmod(0o755)
    done = interrupted_when(started.exists, "-C", notebook, "import", source, group=True)
    hook.unlink()
    check_undone_then_imported_again(cli, notebook, source, done)


def test_ctrl_c_once_git_recorded_the_import_says_the_notes_are_there(cli, notebook, tmp_path):
    source = old_notes(tmp_path / "vieilles")
    started = notebook / ".git" / "hook-started"
    hook = notebook / ".git" / "hooks" / "post-commit"  # the commit is made when it runs
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f'#!/bin/sh\ntouch "{started}"\nsleep 1\n', encoding="utf-8")
    hook.chmod(0o755)
    done = interrupted_when(started.exists, "-C", notebook, "import", source)
    assert done.returncode == 130 and "Traceback" not in done.stderr, done.stderr
    assert "une fois l'import enregistré" in done.stderr
    assert len(imported(notebook)) == COUNT
    assert f"{COUNT} notes" in git(notebook, "log", "-1", "--format=%s")


def test_ctrl_c_to_garefil_alone_while_git_records_waits_for_git_and_says_what_is_true(
    cli, notebook, tmp_path
):
    # `timeout -s INT` signals garefil only: the git it started goes on and makes the commit.
    source = old_notes(tmp_path / "vieilles")
    started = notebook / ".git" / "hook-started"
    hook = notebook / ".git" / "hooks" / "prepare-commit-msg"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text(f'#!/bin/sh\ntouch "{started}"\nsleep 1\n', encoding="utf-8")
    hook.chmod(0o755)
    done = interrupted_when(started.exists, "-C", notebook, "import", source)
    assert done.returncode == 130 and "une fois l'import enregistré" in done.stderr, done.stderr
    assert len(imported(notebook)) == COUNT
    assert git(notebook, "status", "--porcelain", "-uall") == ""
