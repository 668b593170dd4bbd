"""Kill `garefil new` while it writes a note: nothing half-written may be left to share.

    python benchmarks/kill_new.py [--tries 20] [--megabytes 20] [--seed 1] [--dir DIR]

The loop behind the "killed `new` leaves a .tmp that sync publishes" defect: each try pipes a
long body to `garefil new note --body -` and kills it with SIGKILL at a random point (0-50 ms)
after its temporary file appears, while the note is being written. After each kill,
`git status` must show no temporary file (what `sync` would publish), and every note in the
notebook must be whole (a killed write leaves the note or nothing, never a part). It prints one
line per try and exits 1 at the first failure. The default test suite runs one such kill
(tests/test_file_safety.py).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

END = "— fin de la note —"


def garefil(notebook: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "garefil", "-C", str(notebook), *args]


def one_new(notebook: Path, body: bytes, kill_after: float | None) -> float:
    """Run `new` with `body` on stdin; with `kill_after`, kill it that many seconds after its
    temporary file appears (the write under way). Returns how long it ran."""
    started = time.monotonic()
    process = subprocess.Popen(
        garefil(notebook, "new", "note", "--body", "-"),
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process.stdin.write(body)
    process.stdin.close()
    if kill_after is not None:
        while process.poll() is None and not writing(notebook):
            time.sleep(0.001)
        time.sleep(kill_after)
        process.send_signal(signal.SIGKILL)
    process.wait()
    return time.monotonic() - started


def writing(notebook: Path) -> bool:
    """Whether a note's temporary file exists (beside the notes or in .git/garefil-tmp)."""
    return any(notebook.rglob(".*.md.*.tmp"))


def problems(notebook: Path) -> list[str]:
    """Temporary files git would publish, and notes that are not whole."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=notebook,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = [
        f"temporary file shown by git: {line}" for line in status.splitlines() if ".tmp" in line
    ]
    for note in notebook.rglob("*.md"):
        if ".git" in note.parts or ".garefil" in note.parts:
            continue
        if not note.read_text(encoding="utf-8").rstrip().endswith(END):
            found.append(f"partial note: {note.relative_to(notebook)}")
    return found


def main() -> int:
    """Run the tries; 0 when every kill left a clean notebook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=20)
    parser.add_argument("--megabytes", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None)
    options = parser.parse_args()
    random.seed(options.seed)
    base = options.dir or Path(tempfile.mkdtemp(prefix="garefil-kill-new-"))
    notebook = base / "carnet"
    subprocess.run([sys.executable, "-m", "garefil", "init", str(notebook)], check=True)
    line = "Une très longue note dictée, pour que l'écriture prenne du temps. " * 10 + "\n"
    body = (line * (options.megabytes * 2**20 // len(line.encode())) + END + "\n").encode()
    usual = one_new(notebook, body, None)
    print(f"one whole `new` of {len(body) / 2**20:.0f} MB: {usual:.2f} s", flush=True)
    for attempt in range(1, options.tries + 1):
        kill_after = random.uniform(0.0, 0.05)
        one_new(notebook, body, kill_after)
        found = problems(notebook)
        said = found or "clean"
        print(f"try {attempt:2}: killed {kill_after * 1000:.0f} ms into the write: {said}")
        if found:
            return 1
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
