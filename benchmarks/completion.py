"""Time shell completion requests (what each Tab costs) on a notebook, as the shells make them.

    python benchmarks/corpus.py 10000 /tmp/carnet-10000
    python -m garefil -C /tmp/carnet-10000 index
    python benchmarks/completion.py /tmp/carnet-10000 21

Each request runs `python -m garefil` as a new process with the environment bash's script sets
(`_GAREFIL_COMPLETE=bash`, the line typed), from inside the notebook, `runs` times in turn with
the others, so that a loaded machine slows them alike. Printed: the median and max wall-clock
time, and the median CPU time (user + system, of the process and its children), which the load
of other work on the machine changes far less; `python -c pass` is the floor of any Python
program on the machine. The load average is printed with the figures.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time

LINES = {
    "garefil sh": "commands",
    "garefil list --": "options of list",
    "garefil list --tag po": "tags",
    "garefil list -e zo": "entrepreneurs",
    "garefil suivi --referent a": "référents (members + notes)",
    "garefil show ": "notes, nothing typed",
    "garefil show 2023-03-1": "notes, a day's prefix",
    "garefil new ": "note types",
    "garefil action faite ": "open actions",
    "garefil rdv tenu ": "notes of one type (rdv)",
    "garefil list --champ ": "front-matter keys",
    "garefil search tag:po": "tags in a search",
}


def timed(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(notebook: str, runs: int) -> None:
    floor = ("python -c pass", [sys.executable, "-c", "pass"], dict(os.environ))
    requests = [floor]
    for line, label in LINES.items():
        env = dict(os.environ, _GAREFIL_COMPLETE="bash", _GAREFIL_LINE=line)
        env["_GAREFIL_WORD"] = line.rsplit(" ", 1)[-1]
        requests.append((f"`{line}` ({label})", [sys.executable, "-m", "garefil"], env))
    results: dict[str, list[tuple[float, float]]] = {label: [] for label, _c, _e in requests}
    for _ in range(runs):
        for label, command, env in requests:
            results[label].append(timed(command, env, notebook))
    print("load average:", " ".join(f"{load:.1f}" for load in os.getloadavg()))
    print("| request | wall median (ms) | wall max | CPU median (ms) |")
    print("|---|---:|---:|---:|")
    for label, found in results.items():
        walls, cpus = [w for w, _c in found], [c for _w, c in found]
        wall, top, cpu = statistics.median(walls), max(walls), statistics.median(cpus)
        print(f"| {label} | {wall * 1000:.0f} | {top * 1000:.0f} | {cpu * 1000:.0f} |")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 21)
