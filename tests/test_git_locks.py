"""Git's lock files: waited out while another git works, cleared when that git is gone."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from conftest import PROJECT, git

# The same writer loop as the benchmark's, so the test and `benchmarks/concurrent_new.py` agree.
_spec = importlib.util.spec_from_file_location(
    "concurrent_new", PROJECT / "benchmarks" / "concurrent_new.py"
)
concurrent_new = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(concurrent_new)

CONCURRENT = 2  # processes started together
NOTES_EACH = 15


def test_a_stale_index_lock_does_not_stop_new_and_is_removed(cli, notebook):
    lock = notebook / ".git" / "index.lock"
    lock.write_text("")  # left by a git that was killed: nobody holds it
    result = cli("-C", notebook, "new", "note", "--title", "Après la panne", "--no-edit")
    assert "Note" in result.stderr and not lock.exists()
    assert len(list(notebook.rglob("*apres-la-panne*.md"))) == 1
    assert git(notebook, "status", "--porcelain") == ""
    assert git(notebook, "log", "-1", "--format=%s").startswith("note:")


def _write_notes(notebook, worker: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", concurrent_new.LOOP, str(notebook), str(NOTES_EACH), str(worker)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_concurrent_new_commit_and_index_every_note_with_distinct_ids(cli, notebook):
    searches = concurrent_new.start_searches(notebook)  # a coach searching meanwhile
    with ThreadPoolExecutor(CONCURRENT) as pool:
        runs = list(pool.map(lambda w: _write_notes(notebook, w), range(CONCURRENT)))
    searched, failed = concurrent_new.stop_searches(notebook, searches)
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert searched >= 1 and failed == 0
    assert len(concurrent_new.indexed(notebook)) == CONCURRENT * NOTES_EACH
    notes = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert len(notes) == CONCURRENT * NOTES_EACH
    assert len({n["id"] for n in notes}) == len(notes)
    assert git(notebook, "status", "--porcelain") == ""  # nothing staged, nothing left over
    tracked = git(notebook, "ls-files").split()
    assert all(n["path"] in tracked for n in notes)


def test_the_lock_of_a_git_commit_sitting_in_its_editor_is_never_removed(run_garefil, notebook):
    (notebook / "divers").mkdir(exist_ok=True)
    (notebook / "divers" / "main.md").write_text("---\ntitle: A\n---\nx\n", encoding="utf-8")
    git(notebook, "add", "divers/main.md")
    git(notebook, "commit", "-q", "-m", "main")
    (notebook / "divers" / "main.md").write_text("---\ntitle: A\n---\ny\n", encoding="utf-8")
    lock = notebook / ".git" / "index.lock"
    env = {**os.environ, "GIT_EDITOR": "sleep 6; echo message >"}
    commit = subprocess.Popen(["git", "commit", "-q", "-a"], cwd=notebook, env=env)
    try:
        deadline = time.monotonic() + 5
        while not lock.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(1.2)  # older than a lock git has only just made, and closed meanwhile
        busy = run_garefil(
            "-C",
            notebook,
            "new",
            "note",
            "--title",
            "B",
            "--no-edit",
            env={"GAREFIL_GIT_WAIT": "1"},
        )
        assert busy.returncode == 7 and "La note est écrite" in busy.stderr
        assert lock.exists()
    finally:
        assert commit.wait(timeout=10) == 0  # the coach's own commit still goes through
    assert git(notebook, "log", "-1", "--format=%s").strip() == "message"
