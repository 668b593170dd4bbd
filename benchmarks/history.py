"""Give a notebook a long history, then time `garefil fil` on it (the git work it does).

python benchmarks/history.py SOURCE FOLDER [--commits 2000] [--who NAME] [--repeat 7]

SOURCE (a notebook made by corpus.py, left untouched) is copied to FOLDER, which then gets
`--commits` commits, each adding a line to one note chosen at random (the same seed gives the
same history), written with `git fast-import` (seconds, not the minutes of one `git commit`
each). Then `garefil fil NAME` runs `--repeat` times, and the median CPU time of the process
and of its git children (user + sys) is printed, with the median wall time.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def lengthen(folder: Path, commits: int, seed: int = 5) -> None:
    """Add `commits` commits to the notebook in `folder`, each a line added to one note."""
    notes = sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*.md")
        if ".git" not in p.parts and ".garefil" not in p.parts
    )
    rng = random.Random(seed)
    texts: dict[str, bytes] = {}
    branch = _git(folder, "symbolic-ref", "HEAD").strip()
    stamp = int(_git(folder, "log", "-1", "--format=%at").strip())
    stream = []
    for number in range(commits):
        path = rng.choice(notes)
        text = texts.get(path) or (folder / path).read_bytes()
        text += f"\nSuivi n° {number} : une ligne de plus.\n".encode()
        texts[path] = text
        when = stamp + 60 * (number + 1)
        message = f"cr: suivi {number}".encode()
        stream += [
            f"commit {branch}\n".encode(),
            f"committer Bench <bench@example.org> {when} +0100\n".encode(),
            b"data %d\n%s\n" % (len(message), message),
            b"from %s^0\n" % branch.encode() if number == 0 else b"",
            f"M 100644 inline {path}\n".encode(),
            b"data %d\n%s\n" % (len(text), text),
        ]
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=folder, input=b"".join(stream), check=True
    )
    _git(folder, "reset", "--quiet", "--hard")
    for path, text in texts.items():  # the work tree as the last commit has it
        assert (folder / path).read_bytes() == text


def busiest_entrepreneur(folder: Path) -> str:
    """The entrepreneur named by the most notes (the longest thread)."""
    names: dict[str, int] = {}
    for path in folder.rglob("*.md"):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()[:15]:
            if line.startswith("entrepreneur: "):
                name = line.removeprefix("entrepreneur: ").strip()
                names[name] = names.get(name, 0) + 1
    return max(names, key=names.__getitem__)


def timed(folder: Path, who: str, repeat: int) -> tuple[float, float]:
    """Median CPU seconds (process tree) and wall seconds of `garefil fil who`."""
    command = [sys.executable, "-m", "garefil", "-C", str(folder), "fil", who]
    subprocess.run(command, capture_output=True, check=True)  # the index, and the .pyc files
    cpu, wall = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        wall.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(cpu), statistics.median(wall)


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def main() -> None:
    """Copy, lengthen the history, time `fil`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--who", default=None)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    if not args.folder.exists():
        shutil.copytree(args.source, args.folder, symlinks=True)
        lengthen(args.folder, args.commits)
    who = args.who or busiest_entrepreneur(args.folder)
    count = _git(args.folder, "rev-list", "--count", "HEAD").strip()
    cpu, wall = timed(args.folder, who, args.repeat)
    print(f"fil {who!r}: {count} commits, CPU {cpu:.3f} s, wall {wall:.3f} s (medians)")


if __name__ == "__main__":
    main()
