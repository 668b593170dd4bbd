"""Many `garefil new` at once on one notebook, searched meanwhile: every note written once,
committed, indexed, nothing staged.

    python benchmarks/concurrent_new.py [--processes 8] [--notes 25] [--stale-lock] [--dir DIR]

The long version of tests/test_git_locks.py (which runs 2 × 15 in the default suite; the issue's
figure is `--processes 2 --notes 100`): PROCESSES separate `python -m garefil new` loops of
NOTES notes each start together on a fresh notebook (optionally with an abandoned
`.git/index.lock` left in it), while one more process runs `garefil search` in a loop until they
are done. At the end every note must be listed once, with distinct ids, tracked by git and found
by the search; `git status` must be clean and no search may have failed. It prints the figures
and exits 1 on the first broken promise. Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOOP = (
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

# A coach searching while the others write: until the STOP file exists, then "runs failures"
# in RESULT (the searches' own output goes nowhere: only their exit codes count).
SEARCH_LOOP = (
    "import os, sys, time\n"
    "from garefil.cli.app import main\n"
    "folder, stop, result = sys.argv[1:]\n"
    "runs = failed = 0\n"
    "while not os.path.exists(stop):\n"
    "    time.sleep(0.2)  # a person reads the answer before searching again\n"
    "    sys.argv = ['garefil', '-C', folder, 'search', 'note', '--json']\n"
    "    runs += 1\n"
    "    try:\n"
    "        main()\n"
    "    except SystemExit as done:\n"
    "        failed += bool(done.code)\n"
    "with open(result, 'w') as out:\n"
    "    out.write(f'{runs} {failed}')\n"
)


def start_searches(notebook: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """The search loop on `notebook`, running until `stop_searches`."""
    stop, result = notebook.parent / "stop-searches", notebook.parent / "searches"
    return subprocess.Popen(
        [sys.executable, "-c", SEARCH_LOOP, str(notebook), str(stop), str(result)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def stop_searches(notebook: Path, loop: subprocess.Popen) -> tuple[int, int]:
    """Stop the search loop; (searches run, searches failed)."""
    (notebook.parent / "stop-searches").write_text("")
    loop.wait(timeout=120)
    runs, failed = (notebook.parent / "searches").read_text().split()
    return int(runs), int(failed)


def indexed(notebook: Path, env: dict[str, str] | None = None) -> set[str]:
    """The paths `garefil search` finds for "note": every note these loops write."""
    found = subprocess.run(
        [sys.executable, "-m", "garefil", "-C", str(notebook), "search", "note", "--limit",
         "100000", "--json"], env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {hit["path"] for hit in json.loads(found.stdout)}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--notes", type=int, default=25)
    parser.add_argument("--stale-lock", action="store_true")
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="end with one JSON line of figures")
    options = parser.parse_args()
    base = options.dir or Path(tempfile.mkdtemp(prefix="garefil-concurrent-"))
    notebook = base / "carnet"
    env = {**os.environ, "GIT_AUTHOR_NAME": "Banc", "GIT_AUTHOR_EMAIL": "banc@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Banc", "GIT_COMMITTER_EMAIL": "banc@example.org"}
    python = [sys.executable, "-m", "garefil"]
    subprocess.run([*python, "init", notebook], env=env, check=True, capture_output=True)
    if options.stale_lock:
        (notebook / ".git" / "index.lock").write_text("")
    start = time.monotonic()
    searches = start_searches(notebook, env)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", LOOP, str(notebook), str(options.notes), str(worker)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(options.processes)
    ]
    failures = [w.communicate()[1] for w in workers if w.wait() != 0]
    elapsed = time.monotonic() - start
    searched, search_failures = stop_searches(notebook, searches)
    listed = subprocess.run(
        [*python, "-C", notebook, "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    notes = json.loads(listed.stdout)
    expected = options.processes * options.notes
    tracked = set(git(notebook, "ls-files").split())
    checks = {
        "every process succeeded": not failures,
        f"{expected} notes listed": len(notes) == expected,
        "distinct ids": len({n["id"] for n in notes}) == len(notes),
        "every note committed": all(n["path"] in tracked for n in notes),
        "every note found by the search": indexed(notebook, env) == {n["path"] for n in notes},
        f"no search failed (of {searched})": search_failures == 0,
        "nothing staged or left over": git(notebook, "status", "--porcelain") == "",
        "no lock left": not (notebook / ".git" / "index.lock").exists(),
    }
    print(
        f"{options.processes} × {options.notes} new in {elapsed:.1f} s "
        f"({expected / elapsed:.1f} notes/s); notebook: {notebook}"
    )
    for what, ok in checks.items():
        print(f"{'ok ' if ok else 'NO '} {what}")
    if options.json:
        figures = {"processes": options.processes, "notes": options.notes, "searches": searched,
                   "seconds": round(elapsed, 1), "checks": checks}  # fmt: skip
        print(json.dumps(figures, ensure_ascii=False))
    for failure in failures[:3]:
        print(failure.strip().splitlines()[-3:], file=sys.stderr)
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
