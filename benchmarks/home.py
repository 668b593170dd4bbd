"""Time the home screen (`garefil` alone) beside `index` (nothing changed) and `--help`.

    python benchmarks/corpus.py 10000 /tmp/carnet-10000
    git clone --bare /tmp/carnet-10000 /tmp/partage.git && git clone /tmp/partage.git /tmp/a
    python -m garefil -C /tmp/a index
    python benchmarks/home.py /tmp/a 7

The three commands run in turn, so that a loaded machine slows them alike; the load average is
printed with the medians, for the figures to be read against it.
"""

import os
import statistics
import subprocess
import sys
import time

notebook = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
garefil = [sys.executable, "-m", "garefil"]
env = dict(os.environ, GAREFIL_LANG="fr", NO_COLOR="1")
commands = {
    "garefil (accueil)": [*garefil, "-C", notebook],
    "index, rien de changé": [*garefil, "-C", notebook, "index"],
    "--help": [*garefil, "--help"],
}
subprocess.run(commands["index, rien de changé"], env=env, capture_output=True, check=True)
timings: dict[str, list[float]] = {label: [] for label in commands}
for _ in range(runs):
    for label, command in commands.items():
        start = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        timings[label].append(time.perf_counter() - start)
print("load average:", " ".join(f"{load:.1f}" for load in os.getloadavg()))
for label, runs_of in timings.items():
    median, low, high = statistics.median(runs_of), min(runs_of), max(runs_of)
    print(f"{label:24} median {median:.3f} s  min {low:.3f} s  max {high:.3f} s")
