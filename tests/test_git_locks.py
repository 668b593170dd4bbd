"""Git's lock files: waited out while another git works, cleared when that git is gone."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from conftest import git

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
    script = (
        "import sys\n"
        "from garefil.cli.app import main\n"
        "folder, count, worker = sys.argv[1:]\n"
        "for n in range(int(count)):\n"
        "    sys.argv = ['garefil', '-C', folder, 'new', 'note', '--title',"
        " f'Note {n} de {worker}', '--no-edit', '--date', '2024-05-06']\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as done:\n"
        "        if done.code:\n"
        "            raise\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script, str(notebook), str(NOTES_EACH), str(worker)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_concurrent_new_commit_every_note_with_distinct_ids(cli, notebook):
    with ThreadPoolExecutor(CONCURRENT) as pool:
        runs = list(pool.map(lambda w: _write_notes(notebook, w), range(CONCURRENT)))
    for run in runs:
        assert run.returncode == 0, run.stderr
    notes = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert len(notes) == CONCURRENT * NOTES_EACH
    assert len({n["id"] for n in notes}) == len(notes)
    assert git(notebook, "status", "--porcelain") == ""  # nothing staged, nothing left over
    tracked = git(notebook, "ls-files").split()
    assert all(n["path"] in tracked for n in notes)
