"""Ctrl-C at every moment of a `sync` that brings in thousands of changed notes: no note is
ever cut, and the next `sync` sends nothing the coach did not write.

    python benchmarks/ctrl_c_sync.py [--notes 3000] [--tries 14] [--signal INT|KILL] [--dir DIR]

A notebook of generated notes (each ending with a marker line) is shared through a bare
repository with a second copy. Each try, the second copy changes the `tags:` line of every note
and sends it (plain git), the first adds a line to one note, then runs `garefil sync` and is
sent SIGINT (what Ctrl-C sends to the terminal's foreground process group: garefil and the git
it runs) or SIGKILL, after a delay that moves across the sync's usual duration. After each try:
every note still ends with its marker (never empty or cut), git shows no changed file but the
coach's own note, and the next plain `garefil sync` succeeds and sends only that note beside
the second copy's work. It prints one line per try and exits 1 at the first failure. The
default suite tries three moments, each widened by a slow git hook or filter
(tests/test_sync_interrupted.py).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

END = "— fin de la note —"
TAGS = re.compile(r"^tags: \[.*\]$", re.MULTILINE)


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True
    ).stdout


def garefil(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "garefil", "-C", str(folder), *args], capture_output=True, text=True
    )
    if check and done.returncode != 0:
        raise SystemExit(f"garefil {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done


def make_team(base: Path, notes: int) -> tuple[Path, Path, Path]:
    """A notebook of `notes` notes in `divers/`, shared (bare repository) with a second copy."""
    first, remote, second = base / "awa", base / "partage.git", base / "karim"
    git(base, "init", "-q", "--bare", "-b", "main", str(remote))
    subprocess.run([sys.executable, "-m", "garefil", "init", str(first), "--remote", str(remote)],
                   check=True, capture_output=True)  # fmt: skip
    (first / "divers").mkdir()
    for number in range(notes):
        (first / "divers" / f"note-{number}.md").write_text(
            f"---\nid: n-{number}\ntitle: Note {number}\ntags: [a]\n---\n{'x' * 3000}\n{END}\n",
            encoding="utf-8",
        )
    garefil(first, "sync")
    subprocess.run([sys.executable, "-m", "garefil", "init", "--clone", str(remote), str(second)],
                   check=True, capture_output=True)  # fmt: skip
    return first, remote, second


def stopped_sync(folder: Path, after: float, how: signal.Signals) -> int:
    """`garefil sync` in `folder`, sent `how` `after` seconds on: SIGINT to its process group,
    as a terminal sends Ctrl-C; SIGKILL to every process of its session, git included, as a
    power cut stops them."""
    process = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(folder), "sync"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(after)
    if how == signal.SIGINT:
        with contextlib.suppress(ProcessLookupError):  # it had finished
            os.killpg(process.pid, how)
    for member in session(process.pid) if how == signal.SIGKILL else []:
        with contextlib.suppress(ProcessLookupError):
            os.kill(member, how)
    return process.wait()


def session(leader: int) -> list[int]:
    """The processes of the session `leader` started (Linux's /proc), the leader first."""
    members = [leader]
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == leader and int(stat.parent.name) != leader:
                members.append(int(stat.parent.name))
    return members


def cut_notes(first: Path) -> list[str]:
    return [
        f"cut or empty note: {note.name}"
        for note in (first / "divers").glob("*.md")
        if not note.read_text(encoding="utf-8").rstrip().endswith(END)
    ]


def problems(
    first: Path, remote: Path, theirs: str, coach_note: str, killed: bool
) -> tuple[list[str], list[str]]:
    """After Ctrl-C: cut notes, files changed but the coach's. After either stop: what the
    next sync leaves (cut notes, changed files) and sends beside the coach's note; with what
    that sync recovered (its --json `recovered`: "update" when it undid a cut merge)."""
    found = []
    if not killed:  # a kill may cut git: the next sync is what must repair it
        found += cut_notes(first)
        changed = git(first, "status", "--porcelain").splitlines()
        found += [f"changed after the stop: {line}" for line in changed if coach_note not in line]
    synced = garefil(first, "sync", "--json", check=False)
    if synced.returncode != 0:
        found.append(f"the next sync failed ({synced.returncode}): {synced.stderr.strip()}")
    recovered = json.loads(synced.stdout or "{}").get("recovered", [])
    found += cut_notes(first)
    changed = git(first, "status", "--porcelain").splitlines()
    found += [f"changed after the next sync: {line}" for line in changed]
    sent = git(remote, "diff", "--name-only", theirs, "main").split()
    found += [f"sent but not written by the coach: {path}" for path in sent if path != coach_note]
    return found[:10], recovered  # the first few say enough


def main() -> int:
    """Run the tries; 0 when every stop left whole notes and a sync that sends only the
    coach's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=3000)
    parser.add_argument("--tries", type=int, default=14)
    parser.add_argument("--signal", choices=("INT", "KILL"), default="INT")
    parser.add_argument("--dir", type=Path, default=None)
    options = parser.parse_args()
    how = signal.Signals[f"SIG{options.signal}"]
    base = options.dir or Path(tempfile.mkdtemp(prefix="garefil-ctrl-c-sync-"))
    first, remote, second = make_team(base, options.notes)
    coach_note = "divers/note-1.md"
    print(f"notebook: {options.notes} notes, in {base}", flush=True)
    for attempt in range(1, options.tries + 1):
        for note in (second / "divers").glob("*.md"):
            text = TAGS.sub(f"tags: [k{attempt}]", note.read_text(encoding="utf-8"))
            note.write_text(text, encoding="utf-8")
        git(second, "commit", "-qam", f"k{attempt}")
        git(second, "push", "-q", "origin", "main")
        theirs = git(second, "rev-parse", "HEAD").strip()
        mine = first / coach_note  # a line of the coach's, above the marker
        mine.write_text(mine.read_text("utf-8").replace(END, f"ligne {attempt}\n{END}"), "utf-8")
        after = 0.5 + attempt * 0.12
        code = stopped_sync(first, after, how)
        found, recovered = problems(first, remote, theirs, coach_note, how == signal.SIGKILL)
        print(f"try {attempt:3}: sync stopped after {after:.2f} s (exit {code}), next sync "
              f"recovered {recovered}: {found or 'clean'}", flush=True)  # fmt: skip
        if found:
            return 1
        garefil(second, "sync")
    return 0


if __name__ == "__main__":
    sys.exit(main())
