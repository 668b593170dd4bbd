"""Time whole garefil commands on generated French notebooks and write docs/performance.md.

    python benchmarks/run.py                 # N = 1,000 and 10,000 notes
    python benchmarks/run.py --sizes 50000   # any sizes
    python benchmarks/run.py --output -      # print instead of writing docs/performance.md

Each measure runs the installed `garefil` as a new process (as a coach's terminal does) several
times and reports the median, min and max wall-clock time. ripgrep (`rg -il`) over the same
folder is timed as the floor for an unindexed search (install it with `apt-get install ripgrep`).
Peak memory is the largest proportional set size (Pss) summed over garefil's process tree,
sampled every 20 ms in a run of its own.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GAREFIL = [sys.executable, "-m", "garefil"]
QUERIES = [
    ("pôle emploi", []),
    ("cotisations urssaf", []),
    ('"arrêt maladie"', []),
    ("reliquat", ["--tag", "are"]),
    ("devis", ["--type", "cr", "--since", "2022-01-01"]),
]
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- results: written by benchmarks/run.py -->", "<!-- /results -->"


@dataclass(frozen=True)
class Timing:
    label: str
    runs: list[float]
    peak_mb: float | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Wall-clock seconds of one command, nothing else running beside it."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def peak_memory(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Peak resident MB of one command's whole process tree, sampled every 20 ms.

    A separate run: sampling /proc costs CPU, which must not be counted in the timings.
    """
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, _tree_rss_mb(process.pid))
        time.sleep(0.02)
    return peak


def _tree_rss_mb(root: int) -> float:
    """Memory of a process tree in MB: proportional set sizes (Pss), so that pages a forked
    worker shares with its parent are counted once, not once per process."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(stat[1]), []).append(int(entry))
            except (OSError, IndexError):
                continue
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def timed(
    label: str,
    argv: list[str],
    cwd: Path,
    env: dict[str, str],
    repeat: int,
    before=None,
    memory: bool = False,
) -> Timing:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run(argv, cwd, env))
    peak = None
    if memory:
        if before:
            before()
        peak = peak_memory(argv, cwd, env)
    print(f"  {label}: median {statistics.median(runs):.3f} s", file=sys.stderr)
    return Timing(label, runs, peak)


def pull_ten_changes(notebook: Path, other: Path, env: dict[str, str], round_: list[int]) -> None:
    """Another coach edits ten notes and pushes; this clone pulls (not timed)."""
    round_[0] += 1
    notes = sorted(other.rglob("*.md"))[:10]
    for note in notes:
        with note.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAjout n°{round_[0]} : relance envoyée.\n")
    git = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]
    subprocess.run([*git, "commit", "-qam", "dix notes"], cwd=other, check=True, env=env)
    subprocess.run([*git, "push", "-q"], cwd=other, check=True, env=env)
    subprocess.run([*git, "pull", "-q", "--ff-only"], cwd=notebook, check=True, env=env)


def measure(size: int, workdir: Path, repeat: int) -> list[Timing]:
    print(f"{size} notes", file=sys.stderr)
    remote, notebook, other = workdir / "remote.git", workdir / "a", workdir / "b"
    generate(size, workdir / "seed")
    env = dict(os.environ, GAREFIL_LANG="en", NO_COLOR="1")
    # No automatic housekeeping: a background `git gc` started by a pull would otherwise share
    # the two cores with the command being timed.
    subprocess.run(["git", "clone", "-q", "--bare", str(workdir / "seed"), str(remote)], check=True)
    for clone in (notebook, other):
        subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True)
    for repo in (remote, notebook, other):
        for key, value in (("gc.auto", "0"), ("maintenance.auto", "false")):
            subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    here = [*GAREFIL, "-C", str(notebook)]
    timings = [
        timed(
            "index --rebuild",
            [*here, "index", "--rebuild"],
            notebook,
            env,
            max(3, repeat // 2),
            memory=True,
        )
    ]
    for query, filters in QUERIES:
        timings.append(
            timed(
                f"search {query} {' '.join(filters)}".strip(),
                [*here, "search", query, *filters],
                notebook,
                env,
                repeat,
                memory=(query, filters) == QUERIES[0],
            )
        )
    timings.append(
        timed("list --tag urssaf", [*here, "list", "--tag", "urssaf"], notebook, env, repeat)
    )
    timings.append(timed("tags", [*here, "tags"], notebook, env, repeat))
    counter = [0]
    timings.append(
        timed(
            "update after a 10-note pull (index)",
            [*here, "index"],
            notebook,
            env,
            repeat,
            before=lambda: pull_ten_changes(notebook, other, env, counter),
            memory=True,
        )
    )
    timings.append(timed("--help", [*GAREFIL, "--help"], notebook, env, repeat))
    if shutil.which("rg"):
        timings.append(
            timed(
                "rg -il 'pôle emploi' (floor)",
                ["rg", "-il", "pôle emploi", "."],
                notebook,
                env,
                repeat,
            )
        )
    return timings


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "?",
    )
    memory = next(
        (
            int(line.split()[1]) // 1024**2
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    return (
        f"{os.cpu_count()} cœurs ({cpu}), {memory} Gio de mémoire, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def report(results: dict[int, list[Timing]]) -> str:
    lines = [f"Machine : {machine()}.", ""]
    for size, timings in results.items():
        lines += [
            f"### {size:,} notes".replace(",", " "),
            "",
            "| mesure | médiane (s) | min | max | mémoire max (Mo) |",
            "|---|---:|---:|---:|---:|",
        ]
        for t in timings:
            peak = f"{t.peak_mb:.0f}" if t.peak_mb else ""
            lines.append(
                f"| {t.label} | {t.median:.3f} | {min(t.runs):.3f} | {max(t.runs):.3f} | {peak} |"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--output",
        default=str(PERFORMANCE_DOC),
        help="file whose results section is replaced, or - for stdout",
    )
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"garefil-bench-{size}-") as tmp:
            results[size] = measure(size, Path(tmp), args.repeat)
    text = report(results)
    if args.output == "-":
        print(text)
        return
    target = Path(args.output)
    before, _, rest = target.read_text(encoding="utf-8").partition(BEGIN)
    _, _, after = rest.partition(END)
    target.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")
    print(f"written: {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
