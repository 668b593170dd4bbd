"""Time whole garefil commands on generated French notebooks and write docs/performance.md.

    python benchmarks/run.py                 # 10,000 notes
    python benchmarks/run.py --large         # 10,000 and 100,000 notes
    python benchmarks/run.py --sizes 50000   # any sizes
    python benchmarks/run.py --output -      # print instead of writing docs/performance.md
    python benchmarks/run.py --only jardin   # only `import` and `jardin` (printed)
    python benchmarks/run.py --only site     # only `garefil site` (printed)
    python benchmarks/run.py --only sync     # only `sync`, with and without a teammate's push
    python benchmarks/run.py --only site --notebook COPY   # `garefil site` on a copy of yours
    python benchmarks/run.py --only decisions actions roles --output -   # a few rows only
    python benchmarks/run.py --only search --sizes 100000 --corpus DIR   # searches and ripgrep,
                                             # on a clone of a notebook made by corpus.py

Each measure runs the installed `garefil` as a new process (as a coach's terminal does) several
times and reports the median, min and max wall-clock time; the rows marked "(terminal)" run it
under a pseudo-terminal, where tables and progress bars are drawn. ripgrep (`rg -il`) over the
same folder is timed in the same run as the floor for an unindexed search, and each search row
says how many times slower than it garefil is. ripgrep is a benchmark-only dependency:
`.venv/bin/python -m pip install --require-hashes -r benchmarks/requirements.txt` (or Debian's
`apt-get install ripgrep`). Peak memory is the largest proportional set size (Pss) summed over
garefil's process tree, sampled every 20 ms in a run of its own.
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
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import foreign_notes, generate  # noqa: E402

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
    floor: Timing | None = None  # the ripgrep run this one is compared with
    # CPU seconds (user + system) of each run: on a shared machine, what the wall clock hides.
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def run(argv: list[str], cwd: Path, env: dict[str, str], terminal: bool = False) -> float:
    """Wall-clock seconds of one command, nothing else running beside it."""
    if terminal:
        return run_in_terminal(argv, cwd, env)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    # ripgrep exits 1 when nothing matches: a result, not a failure.
    if done.returncode != 0 and not (done.returncode == 1 and Path(argv[0]).name == "rg"):
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def run_in_terminal(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Like run(), with stdin, stdout and stderr on a pseudo-terminal (read until it closes)."""
    import pty

    env = {k: v for k, v in env.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color"}
    env["GAREFIL_PAGER"] = "cat"  # the drawing is measured, not the time spent reading a pager
    main, secondary = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdin=secondary, stdout=secondary, stderr=secondary
    )
    os.close(secondary)
    output = bytearray()
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: every copy of the terminal's other side is closed
            break
        if not chunk:
            break
        output += chunk
    code = process.wait()
    elapsed = time.perf_counter() - start
    os.close(main)
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {output.decode(errors='replace')}")
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
    terminal: bool = False,
    floor: Timing | None = None,
) -> Timing:
    runs, cpu = [], []
    for _ in range(repeat):
        if before:
            before()
        spent = _children_cpu()
        runs.append(run(argv, cwd, env, terminal))
        cpu.append(_children_cpu() - spent)
    peak = None
    if memory:
        if before:
            before()
        peak = peak_memory(argv, cwd, env)
    print(f"  {label}: median {statistics.median(runs):.3f} s", file=sys.stderr)
    return Timing(label, runs, peak, floor, cpu)


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


GIT_AS_BENCH = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org"]


def pull_ten_changes(notebook: Path, other: Path, env: dict[str, str], round_: list[int]) -> None:
    """Another coach edits ten notes and pushes; this clone pulls (not timed)."""
    push_ten_changes(other, env, round_)
    subprocess.run([*GIT_AS_BENCH, "pull", "-q", "--ff-only"], cwd=notebook, check=True, env=env)


def push_ten_changes(other: Path, env: dict[str, str], round_: list[int]) -> None:
    """Another coach edits ten notes and pushes them (not timed), from the shared state: a
    `sync` timed before may have sent something (the sommaire)."""
    subprocess.run([*GIT_AS_BENCH, "pull", "-q", "--ff-only"], cwd=other, check=True, env=env)
    round_[0] += 1
    notes = sorted(other.rglob("*.md"))[:10]
    for note in notes:
        with note.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAjout n°{round_[0]} : relance envoyée.\n")
    subprocess.run([*GIT_AS_BENCH, "commit", "-qam", "dix notes"], cwd=other, check=True, env=env)
    subprocess.run([*GIT_AS_BENCH, "push", "-q"], cwd=other, check=True, env=env)


def sync_rows(
    notebook: Path, other: Path, here: list[str], env: dict[str, str], repeat: int
) -> list[Timing]:
    """`sync` with nothing to bring, then bringing ten notes a teammate pushed: what the second
    costs more is the merge and the update of the index inside `sync`, as a coach pays it."""
    coach = dict(env, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org")
    coach |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    counter = [1000]  # other words than the pull rows': every round changes the notes
    return [
        timed("sync, nothing to bring", [*here, "sync"], notebook, coach, repeat),
        timed(
            "sync bringing a 10-note push",
            [*here, "sync"],
            notebook,
            coach,
            repeat,
            before=lambda: push_ten_changes(other, env, counter),
        ),
    ]


def reset_to(notebook: Path, commit: str, env: dict[str, str]) -> None:
    """Put the notebook and its index back as they were before the import being timed (not
    timed): the import is timed from a fresh index, as a coach's notebook has one."""
    subprocess.run(["git", "reset", "-q", "--hard", commit], cwd=notebook, check=True, env=env)
    subprocess.run(["git", "clean", "-qfd"], cwd=notebook, check=True, env=env)
    subprocess.run(
        [*GAREFIL, "-C", str(notebook), "index"], check=True, env=env, capture_output=True
    )


def gardening(notebook: Path, workdir: Path, env: dict[str, str], repeat: int) -> list[Timing]:
    """`import` of 500 foreign notes (with its commit) and `jardin`, on the big notebook."""
    source = workdir / "import-source"
    foreign_notes(500, source)
    here = [*GAREFIL, "-C", str(notebook)]
    git = ["git", "-C", str(notebook), "rev-parse", "HEAD"]
    base = subprocess.run(git, capture_output=True, text=True, check=True).stdout.strip()
    author = dict(env, GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org")
    author |= {"GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    return [
        timed("jardin", [*here, "jardin"], notebook, env, repeat),
        timed("jardin (terminal)", [*here, "jardin"], notebook, env, repeat, terminal=True),
        timed(
            "import 500 notes (with the commit)",
            [*here, "import", str(source), "--type-par-dossier"],
            notebook,
            author,
            max(3, repeat // 2),
            before=lambda: reset_to(notebook, base, env),
        ),
    ]


def site_rows(notebook: Path, env: dict[str, str], repeat: int) -> list[Timing]:
    """`garefil site` from scratch, after one note changed, and with nothing changed."""
    here = [*GAREFIL, "-C", str(notebook), "site"]
    folder = notebook / ".garefil" / "site"
    subprocess.run(
        [*GAREFIL, "-C", str(notebook), "index"], env=env, check=True, capture_output=True
    )
    counter = [0]

    def one_change() -> None:
        counter[0] += 1
        note = sorted(notebook.rglob("*.md"))[counter[0]]
        with note.open("a", encoding="utf-8") as handle:
            handle.write(f"\nRelu pour le site n°{counter[0]}.\n")

    return [
        timed(
            "site, from scratch",
            here,
            notebook,
            env,
            max(3, repeat // 2),
            before=lambda: shutil.rmtree(folder, ignore_errors=True),
            memory=True,
        ),
        timed("site after one note changed", here, notebook, env, repeat, before=one_change),
        timed("site, nothing changed", here, notebook, env, repeat),
    ]


def measure(
    size: int, workdir: Path, repeat: int, only: list[str] | None = None, corpus: Path | None = None
) -> list[Timing]:
    print(f"{size} notes", file=sys.stderr)
    remote, notebook, other = workdir / "remote.git", workdir / "a", workdir / "b"
    seed = corpus or workdir / "seed"
    if corpus is None:
        generate(size, seed)
    env = dict(os.environ, GAREFIL_LANG="en", NO_COLOR="1")
    # No automatic housekeeping: a background `git gc` started by a pull would otherwise share
    # the two cores with the command being timed.
    subprocess.run(["git", "clone", "-q", "--bare", str(seed), str(remote)], check=True)
    for clone in (notebook, other):
        subprocess.run(["git", "clone", "-q", str(remote), str(clone)], check=True)
    for repo in (remote, notebook, other):
        for key, value in (("gc.auto", "0"), ("maintenance.auto", "false")):
            subprocess.run(["git", "-C", str(repo), "config", key, value], check=True)
    here = [*GAREFIL, "-C", str(notebook)]
    if only and "site" in only:
        return site_rows(notebook, env, repeat)
    if only and "jardin" in only:  # import and jardin, after an untimed build
        subprocess.run([*here, "index"], cwd=notebook, env=env, check=True, capture_output=True)
        return gardening(notebook, workdir, env, repeat)
    if only and "sync" in only:  # `sync` with and without incoming notes, after an untimed build
        subprocess.run([*here, "index"], env=env, check=True, capture_output=True)
        return sync_rows(notebook, other, here, env, repeat)
    if only and "search" in only:  # the searches and ripgrep, after an untimed build
        subprocess.run([*here, "index"], env=env, check=True, capture_output=True)
        return search_rows(notebook, here, env, repeat)
    if only:  # a few reading rows, after an untimed build
        subprocess.run([*here, "index"], env=env, check=True, capture_output=True)
        return reading_rows(notebook, here, env, repeat, only)
    timings = [
        timed(
            "index --rebuild (full build)",
            [*here, "index", "--rebuild"],
            notebook,
            env,
            max(3, repeat // 2),
            memory=True,
        )
    ]
    timings += search_rows(notebook, here, env, repeat)
    timings += reading_rows(notebook, here, env, repeat)
    timings.append(timed("index, nothing changed", [*here, "index"], notebook, env, repeat))
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
    timings.append(
        timed(
            "update after 10 hand edits (index)",
            [*here, "index"],
            notebook,
            env,
            repeat,
            before=lambda: edit_ten_notes(notebook, counter),
        )
    )
    timings += sync_rows(notebook, other, here, env, repeat)
    timings += sommaire_rows(here, notebook, env, repeat)
    timings.append(timed("--help", [*GAREFIL, "--help"], notebook, env, repeat))
    return timings + site_rows(notebook, env, repeat) + gardening(notebook, workdir, env, repeat)


def search_rows(notebook: Path, here: list[str], env: dict[str, str], repeat: int) -> list[Timing]:
    """Cold searches, each plain one beside `rg -il` over the same folder."""
    timings, rg = [], ripgrep()
    for query, filters in QUERIES:
        words = query.strip('"')
        floor = None
        if rg and not filters:
            floor = timed(f"rg -il '{words}'", [rg, "-il", words, "."], notebook, env, repeat)
            timings.append(floor)
        timings.append(
            timed(
                f"search {query} {' '.join(filters)}".strip(),
                [*here, "search", query, *filters],
                notebook,
                env,
                repeat,
                memory=(query, filters) == QUERIES[0],
                floor=floor,
            )
        )
    return timings


REGISTER_ROWS = ("decisions", "actions", "roles")


def reading_rows(
    notebook: Path, here: list[str], env: dict[str, str], repeat: int, only: tuple[str, ...] = ()
) -> list[Timing]:
    """The reading commands, piped and in a terminal (with `only`, those it names)."""
    some_note = sorted(notebook.rglob("*.md"))[len(list(notebook.rglob("*.md"))) // 2]
    reading = [
        ("list --tag urssaf", ["list", "--tag", "urssaf"]),
        ("show", ["show", str(some_note.relative_to(notebook))]),
        # as a coach names a note: the random end of its id, which `list` shows (`show k7m3q`)
        ("show ID", ["show", some_note.stem.rsplit("-", 1)[-1]]),
        ("tags", ["tags"]),
        ("suivi", ["suivi"]),
        ("decisions", ["decisions"]),
        ("actions --en-retard", ["actions", "--en-retard"]),
        ("roles", ["roles"]),
        ("garefil (accueil)", []),
    ]
    timings = []
    for label, args in reading:
        if only and not label.startswith(tuple(only)):
            continue
        for terminal in (False, True):
            timings.append(
                timed(
                    f"{label}{' (terminal)' if terminal else ''}",
                    [*here, *args],
                    notebook,
                    env,
                    repeat,
                    terminal=terminal,
                )
            )
    return timings


def sommaire_rows(here: list[str], notebook: Path, env: dict[str, str], repeat: int) -> list:
    """`new` without then with a SOMMAIRE.md to keep up to date (the difference is what each
    writing command pays for it), and a full `sommaire`."""
    count = [0]

    def new_cr() -> list[str]:
        count[0] += 1
        title = f"Essai {count[0]}"
        return [*here, "new", "cr", "-e", "Léa Fontaine", "--title", title, "--body", "x"]

    rows = [timed("new cr (no sommaire)", new_cr(), notebook, env, repeat)]
    rows.append(timed("sommaire (everything)", [*here, "sommaire"], notebook, env, repeat))
    rows.append(timed("new cr (sommaire kept up to date)", new_cr(), notebook, env, repeat))
    return rows


def edit_ten_notes(notebook: Path, round_: list[int]) -> None:
    """The coach edits ten notes by hand, without committing (not timed)."""
    round_[0] += 1
    for note in sorted(notebook.rglob("*.md"))[-10:]:
        with note.open("a", encoding="utf-8") as handle:
            handle.write(f"\nRelu n°{round_[0]}.\n")


def ripgrep() -> str | None:
    """The `rg` of this environment (the benchmark-only wheel) or of the system, if any."""
    beside = Path(sys.executable).parent / "rg"
    return str(beside) if beside.exists() else shutil.which("rg")


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
            "| mesure | médiane (s) | min | max | mémoire max (Mo) | × `rg -il` | CPU (s) |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for t in timings:
            peak = f"{t.peak_mb:.0f}" if t.peak_mb else ""
            ratio = f"{t.median / t.floor.median:.1f}" if t.floor else ""
            cpu = f"{statistics.median(t.cpu):.2f}" if t.cpu else ""
            lines.append(
                f"| {t.label} | {t.median:.3f} | {min(t.runs):.3f} | {max(t.runs):.3f} | {peak} "
                f"| {ratio} | {cpu} |"
            )
        lines += ["", f"Charge moyenne : {LOAD[0]} avant, {_load()} après (`uptime`).", ""]
    return "\n".join(lines)


LOAD = [""]  # the load average when the run began


def _load() -> str:
    return " / ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000])
    parser.add_argument("--large", action="store_true", help="also measure 100,000 notes")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="LABEL",
        help="time only the reading rows starting with these labels (e.g. decisions actions), "
        "`search` for the searches beside ripgrep, or `jardin` for the import and jardin rows",
    )
    parser.add_argument(
        "--output",
        default=str(PERFORMANCE_DOC),
        help="file whose results section is replaced, or - for stdout",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        help="with one size: clone this notebook made by corpus.py (of that many notes) instead "
        "of generating one (100,000 notes take long to generate)",
    )
    parser.add_argument(
        "--notebook",
        type=Path,
        help="with --only site: time `garefil site` on this notebook (a copy: notes are edited)",
    )
    args = parser.parse_args()
    sizes = [*args.sizes, *([100000] if args.large else [])]
    if args.corpus and len(sizes) != 1:
        parser.error("--corpus is one notebook: give one size, that of the notebook")
    # Measured as a coach runs garefil: from the modules' bytecode caches, written once. With
    # PYTHONDONTWRITEBYTECODE set, every module edited since its last cache is compiled again
    # in every timed run, which no installed garefil pays.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    LOAD[0] = _load()
    if args.notebook:
        env = dict(os.environ, GAREFIL_LANG="en", NO_COLOR="1")
        print(
            report(
                {len(list(args.notebook.rglob("*.md"))): site_rows(args.notebook, env, args.repeat)}
            )
        )
        return
    results = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix=f"garefil-bench-{size}-") as tmp:
            results[size] = measure(size, Path(tmp), args.repeat, args.only, args.corpus)
    text = report(results)
    if args.output == "-" or (args.only and args.output == str(PERFORMANCE_DOC)):
        print(text)
        return
    target = Path(args.output)
    before, _, rest = target.read_text(encoding="utf-8").partition(BEGIN)
    _, _, after = rest.partition(END)
    target.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")
    print(f"written: {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
