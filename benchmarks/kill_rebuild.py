"""Kill `garefil index --rebuild` at random points and check that search still finds every note.

    python benchmarks/kill_rebuild.py [--notes 5000] [--tries 20] [--seed 1] [--dir DIR]

The acceptance loop of the "interrupted rebuild" defect: a notebook of generated notes
(benchmarks/corpus.py) is indexed once; then, each try, a rebuild is started and killed with
SIGKILL at a random point of its usual duration, and a plain `garefil search '*'` must return
every note, at once (GAREFIL_INDEX_WAIT=0: a lock still held by a worker of the killed build
would make it fail) and without any `--rebuild` by hand; and afterwards `.garefil/index/` must
hold one generation only (the search removed the one the killed build abandoned). It prints one
line per try and exits 1 at the first failure. Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ENV = {**os.environ, "GAREFIL_INDEX_WAIT": "0", "NO_COLOR": "1"}


def garefil(notebook: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "garefil", "-C", str(notebook), *args]


def searchable(notebook: Path) -> tuple[int, float, str]:
    """(notes found by a search matching every note, seconds taken, stderr)."""
    started = time.monotonic()
    done = subprocess.run(
        garefil(notebook, "search", "*", "-n", "1000000", "--json"),
        capture_output=True,
        text=True,
        env=ENV,
        timeout=600,
    )
    took = time.monotonic() - started
    if done.returncode != 0:
        return -1, took, done.stderr.strip()
    return len(json.loads(done.stdout)), took, done.stderr.strip()


def generations(notebook: Path) -> int:
    """How many generation folders `.garefil/index/` holds."""
    return sum(name.startswith("g-") for name in os.listdir(notebook / ".garefil" / "index"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=5000)
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None)
    options = parser.parse_args()
    base = options.dir or Path(tempfile.mkdtemp(prefix="garefil-kill-"))
    notebook = base / f"carnet-{options.notes}"
    if not notebook.exists():
        subprocess.run(
            [sys.executable, str(HERE / "corpus.py"), str(options.notes), str(notebook)],
            check=True,
        )
    started = time.monotonic()
    subprocess.run(garefil(notebook, "index", "--rebuild"), check=True, env=ENV)
    duration = time.monotonic() - started
    print(f"{options.notes} notes; a whole rebuild takes {duration:.2f} s", flush=True)
    rng = random.Random(options.seed)
    for attempt in range(1, options.tries + 1):
        rebuild = subprocess.Popen(
            garefil(notebook, "index", "--rebuild"),
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        delay = rng.uniform(0.0, duration)
        time.sleep(delay)
        rebuild.send_signal(signal.SIGKILL)
        rebuild.wait()
        found, took, said = searchable(notebook)
        left = generations(notebook)
        good = found == options.notes and left == 1
        print(
            f"try {attempt:2}: killed after {delay:.2f} s; search found {found} notes "
            f"in {took:.2f} s, {left} generation(s) left {'ok' if good else 'FAILED'}"
            f"{' — ' + said if said else ''}",
            flush=True,
        )
        if not good:
            return 1
    print(f"{options.tries} kills: search found every note each time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
