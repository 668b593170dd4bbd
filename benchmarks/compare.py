"""Time two versions of garefil side by side, interleaved, on copies of one generated notebook.

    git archive OLD_COMMIT src | tar -x -C /tmp/garefil-old
    python benchmarks/compare.py /tmp/garefil-old/src src --size 10000 --repeat 11

With `--terminal COLUMNS` every command runs under a pseudo-terminal that wide (tables drawn,
long listings printed without a pager); `--notebook FOLDER` times copies of that notebook instead
of a generated one; `--command "decisions"` (repeatable) times those commands only.

On a shared machine, timings drift by tens of percent within minutes; `run.py` measures one
version, so two of its runs compare the load as much as the code. Here every command runs once
with each version in turn (alternating which goes first), each on its own copy of the notebook
(the two versions may not share an index), and the medians of wall-clock and CPU time (user +
system, less sensitive to waiting) are printed for each.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from subprocess import DEVNULL
from time import perf_counter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate  # noqa: E402

COMMANDS = [
    ["search", "pôle emploi"],
    ["search", "cotisations urssaf"],
    ["search", '"arrêt maladie"'],
    ["search", "reliquat", "--tag", "are"],
    ["search", "devis", "--type", "cr", "--since", "2022-01-01"],
    ["list", "--tag", "urssaf"],
    ["tags"],
    ["suivi"],
    ["index"],
    ["--help"],
]


def timed(src: Path, folder: Path, args: list[str], columns: int = 0) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `garefil -C folder ARGS` run from the sources `src` (under
    a pseudo-terminal `columns` wide, when given)."""
    env = dict(os.environ, PYTHONPATH=str(src), GAREFIL_LANG="en", NO_COLOR="1")
    argv = [sys.executable, "-m", "garefil", "-C", str(folder), *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = perf_counter()
    if columns:
        in_terminal(argv, env, columns)
    else:
        subprocess.run(argv, env=env, stdout=DEVNULL, stderr=DEVNULL, check=True)
    wall = perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def in_terminal(argv: list[str], env: dict[str, str], columns: int) -> None:
    """Run `argv` with stdin, stdout and stderr on a pseudo-terminal, reading all it shows."""
    import fcntl
    import pty
    import struct
    import termios

    env = {k: v for k, v in env.items() if k != "NO_COLOR"}
    env |= {"TERM": "xterm-256color", "COLUMNS": str(columns), "GAREFIL_PAGER": "cat"}
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    process = subprocess.Popen(argv, env=env, stdin=secondary, stdout=secondary, stderr=secondary)
    os.close(secondary)
    while True:
        try:
            if not os.read(main, 65536):
                break
        except OSError:  # EIO: the other side is closed
            break
    os.close(main)
    if process.wait() != 0:
        raise SystemExit(f"{' '.join(argv)} failed")


def compare(
    sources: dict[str, Path], folders: dict[str, Path], args: list[str], repeat: int, columns=0
):
    """Median wall and CPU seconds of `args` for each version, runs interleaved."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in sources}
    for turn in range(repeat):
        order = list(sources) if turn % 2 == 0 else list(reversed(sources))
        for name in order:
            runs[name].append(timed(sources[name], folders[name], args, columns))
    return {
        name: tuple(statistics.median(values) for values in zip(*timings, strict=True))
        for name, timings in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the `src` folder of the first version")
    parser.add_argument("new", type=Path, help="the `src` folder of the second version")
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--terminal", type=int, default=0, metavar="COLUMNS")
    parser.add_argument("--notebook", type=Path, help="copies of this notebook, not a new one")
    parser.add_argument("--command", action="append", help="only this command (repeatable)")
    args = parser.parse_args()
    sources = {"old": args.old.resolve(), "new": args.new.resolve()}
    commands = [c.split() for c in args.command] if args.command else COMMANDS
    work = Path(tempfile.mkdtemp(prefix="garefil-compare-"))
    try:
        if args.notebook:
            shutil.copytree(args.notebook, work / "old", symlinks=True)
        else:
            generate(args.size, work / "old")
            subprocess.run(["git", "init", "-q", str(work / "old")], check=True)
        shutil.copytree(work / "old", work / "new", symlinks=True)
        folders = {name: work / name for name in sources}
        print("| command | old: wall (s) | CPU | new: wall (s) | CPU |\n|---|---:|---:|---:|---:|")
        for command in [["index", "--rebuild"], *commands]:
            repeat = max(3, args.repeat // 3) if command[-1] == "--rebuild" else args.repeat
            medians = compare(sources, folders, command, repeat, args.terminal)
            cells = " | ".join(f"{wall:.3f} | {cpu:.3f}" for wall, cpu in medians.values())
            print(f"| {' '.join(command)} | {cells} |", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
