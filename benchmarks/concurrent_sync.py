"""Two coaches writing and syncing at the same time to one shared repository: nothing lost.

    python benchmarks/concurrent_sync.py [--notes 20] [--dir DIR] [--json]

The long version of tests/test_concurrent_sync.py (which runs 2 × 2 in the default suite): a
bare repository is the shared remote, two clones are two coaches. Each coach, in its own
process, writes NOTES notes, running `garefil sync` after each one, while the other does the
same. Then each syncs once more, in turn. At the end both clones must list the same 2 × NOTES
notes, once each, with distinct ids; the shared repository must hold every note's commit exactly
once; both clones must be clean. It prints the figures (or, with --json, one JSON line) and
exits 1 on the first broken promise.
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

# One coach: NOTES times `new` then `sync`, in one process (as the coach's terminal would, but
# without paying Python's start-up each time). A failed sync is counted, not fatal: the coach
# would run it again, and the next one must carry everything.
LOOP = (
    "import sys\n"
    "from garefil.cli.app import main\n"
    "folder, count, coach = sys.argv[1:]\n"
    "failed = 0\n"
    "def run(*args):\n"
    "    sys.argv = ['garefil', '-C', folder, *args]\n"
    "    try:\n"
    "        main()\n"
    "    except SystemExit as done:\n"
    "        return done.code or 0\n"
    "    return 0\n"
    "for n in range(int(count)):\n"
    "    if run('new', 'note', '--title', f'Note {n} de {coach}', '--no-edit',"
    " '--date', '2024-05-06'):\n"
    "        sys.exit(f'new {n} failed')\n"
    "    failed += bool(run('sync'))\n"
    "print(failed)\n"
)
COACHES = {"awa": "Awa Diallo", "karim": "Karim Benali"}


def coach_env(name: str) -> dict[str, str]:
    """The environment of one coach's process: their own git identity."""
    email = f"{name.split()[0].lower()}@example.org"
    identity = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
    return {**os.environ, **identity, "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}


def garefil(folder: Path, *args: str, env: dict[str, str]) -> str:
    """Run one garefil command in `folder`; its stdout (an error stops the run)."""
    return subprocess.run(
        [sys.executable, "-m", "garefil", "-C", str(folder), *args],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip


def git(folder: Path, *args: str) -> str:
    """Run git in `folder`; its stdout."""
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def shared_team(base: Path) -> tuple[Path, dict[str, Path]]:
    """A bare shared repository and one clone per coach, the first one having published it."""
    remote, clones = base / "partage.git", {key: base / key for key in COACHES}
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    first, second = COACHES
    env = coach_env(COACHES[first])
    subprocess.run([sys.executable, "-m", "garefil", "init", str(clones[first])], env=env,
                   check=True, capture_output=True)  # fmt: skip
    garefil(clones[first], "remote", str(remote), env=env)
    garefil(clones[first], "sync", env=env)
    subprocess.run([sys.executable, "-m", "garefil", "init", "--clone", str(remote),
                    str(clones[second])], env=coach_env(COACHES[second]), check=True,
                   capture_output=True)  # fmt: skip
    return remote, clones


def write_and_sync(clones: dict[str, Path], notes: int) -> dict[str, tuple[int, str]]:
    """Both coaches at once; per coach: (syncs that failed, or -1 if the loop broke; stderr)."""
    workers = {
        key: subprocess.Popen(
            [sys.executable, "-c", LOOP, str(folder), str(notes), key],
            env=coach_env(COACHES[key]),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for key, folder in clones.items()
    }
    results = {}
    for key, worker in workers.items():
        out, err = worker.communicate(timeout=600)
        results[key] = (int(out.split()[-1]) if worker.returncode == 0 else -1, err)
    return results


def checks(remote: Path, clones: dict[str, Path], notes: int) -> dict[str, bool]:
    """The promises: the same notes on both sides, each once, every commit shared once."""
    for key in (*clones, next(iter(clones))):  # each in turn, then the first sees the second's
        garefil(clones[key], "sync", env=coach_env(COACHES[key]))
    listed = {
        key: json.loads(garefil(folder, "list", "--json", env=coach_env(COACHES[key])))
        for key, folder in clones.items()
    }
    expected = {f"Note {n} de {key}" for key in clones for n in range(notes)}
    subjects = git(remote, "log", "--format=%s", "HEAD").splitlines()
    shared = [s for s in subjects if s.startswith("note:")]
    return {
        f"{len(expected)} notes on each side": all(
            sorted(n["title"] for n in found) == sorted(expected) for found in listed.values()
        ),
        "distinct ids": all(len({n["id"] for n in f}) == len(f) for f in listed.values()),
        "every note's commit shared exactly once": len(shared) == len(set(shared)) == len(expected),
        "both clones clean": all(git(f, "status", "--porcelain") == "" for f in clones.values()),
        "both clones at the shared commit": len(
            {git(f, "rev-parse", "HEAD") for f in (remote, *clones.values())}
        ) == 1,
    }  # fmt: skip


def main() -> int:
    """Run the two coaches, check the promises, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=20)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    base = options.dir or Path(tempfile.mkdtemp(prefix="garefil-concurrent-sync-"))
    remote, clones = shared_team(base)
    start = time.monotonic()
    results = write_and_sync(clones, options.notes)
    elapsed = time.monotonic() - start
    found = {"every loop ran to its end": all(f >= 0 for f, _err in results.values())}
    found |= checks(remote, clones, options.notes)
    retried = sum(max(f, 0) for f, _err in results.values())
    figures = {"coaches": len(clones), "notes": options.notes, "seconds": round(elapsed, 1),
               "syncs failed then redone": retried, "checks": found}  # fmt: skip
    if options.json:
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(f"2 × {options.notes} new + sync in {elapsed:.1f} s; syncs to redo: {retried}")
        for what, ok in found.items():
            print(f"{'ok ' if ok else 'NO '} {what}")
    for failed, err in results.values():
        if failed:  # what the coach saw when a sync failed, or why the loop broke
            print(err.strip()[-2000:], file=sys.stderr)
    return 0 if all(found.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
