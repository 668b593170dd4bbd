"""Time and memory of indexing and searching one huge note: `python benchmarks/big_note.py [MB]`.

A notebook of 100 ordinary generated notes plus one note of MB megabytes (50 by default) of
realistic French sentences (benchmarks/corpus.py) is indexed from scratch, then searched for a
word near its beginning. Each command runs as its own process; its wall time and peak resident
memory (from wait4) are printed. Results are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402


def measured(command: list[str]) -> tuple[float, float, int]:
    """(seconds, peak resident megabytes, exit code) of one command."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    return time.monotonic() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("megabytes", type=float, nargs="?", default=50.0)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="garefil-big-")) / "carnet"
    corpus.generate(100, folder)
    rng = random.Random(3)
    size, written = int(options.megabytes * 1_000_000), 0
    # Written line by line: a benchmark process holding 50 MB would count in the peak memory
    # of the commands it starts (the peak survives fork and exec).
    with open(folder / "export-enorme.md", "w", encoding="utf-8") as note:
        note.write("---\ntitle: Export complet\n---\nDébut du journal exporté.\n")
        while written < size:
            line = corpus.sentence(rng) + "\n"
            note.write(line)
            written += len(line.encode("utf-8"))
    garefil = [sys.executable, "-m", "garefil", "-C", str(folder)]
    print(f"one note of {options.megabytes:g} MB among 100 ordinary ones")
    for label, args in (
        ("index (from scratch)", ["index"]),
        ("search journal exporté", ["search", "journal", "exporté"]),
    ):
        seconds, megabytes, code = measured([*garefil, *args])
        print(f"{label}: {seconds:.2f} s, {megabytes:.0f} MB peak, exit {code}")


if __name__ == "__main__":
    main()
