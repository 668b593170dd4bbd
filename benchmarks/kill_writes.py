"""Kill `garefil edit`, `tag` and `sync` at random points: no note is ever lost or cut, and the
next command recovers on its own.

    python benchmarks/kill_writes.py [--notes 5000] [--tries 30] [--seed 1] [--dir DIR]

A notebook of generated notes (each ending with a marker line) is shared through a bare
repository with a second copy. Each try, the second copy shares a new note (so that `sync` has
something to merge), then one of `edit` (through an editor that adds a line), `tag` or `sync`
is started in the first copy and killed with SIGKILL at a random point of its usual duration.
After each kill: every note still ends with its marker (never empty or cut), `list` shows every
note, git shows no temporary file, and a plain `garefil sync` (what a coach runs next) succeeds
and leaves nothing unrecorded. It prints one line per try and exits 1 at the first failure;
`--json` prints the figures (docs/reliability.md). The default suite runs one try of each
command (tests/test_kill_writes.py).
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

END = "— fin de la note —"
COMMANDS = ("edit", "tag", "sync")
EDITOR = f"import sys; p = sys.argv[1]; t = open(p, encoding='utf-8').read(); open(p, 'w', encoding='utf-8').write(t.replace({END!r}, 'Ligne ajoutée.\\n' + {END!r}))"  # noqa: E501


def garefil(folder: Path, *args: str, env: dict[str, str] | None = None, check: bool = True):
    """Run garefil in `folder`; the finished process."""
    done = subprocess.run(
        [sys.executable, "-m", "garefil", "-C", str(folder), *args],
        capture_output=True,
        text=True,
        env=env,
    )
    if check and done.returncode != 0:
        raise SystemExit(f"garefil {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done


def make_team(base: Path, notes: int) -> tuple[Path, Path]:
    """A notebook of `notes` generated notes, shared (bare repository) with a second copy."""
    first, remote, second = base / "awa", base / "partage.git", base / "karim"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    folder = first / "notes"
    folder.mkdir(parents=True)
    for number in range(notes):
        (folder / f"note-{number:05}.md").write_text(
            f"---\ntitle: Note {number}\ntags: [essai]\n---\n\nTexte {number}.\n{END}\n",
            encoding="utf-8",
        )
    subprocess.run(
        [sys.executable, "-m", "garefil", "init", str(first), "--remote", str(remote)],
        check=True,
        capture_output=True,
    )
    garefil(first, "sync")
    subprocess.run(
        [sys.executable, "-m", "garefil", "init", "--clone", str(remote), str(second)],
        check=True,
        capture_output=True,
    )
    return first, second


def command(kind: str, number: int) -> list[str]:
    """The command line of one try."""
    if kind == "edit":
        return ["edit", f"notes/note-{number:05}.md"]
    if kind == "tag":
        return ["tag", f"notes/note-{number:05}.md", f"essai-{number}"]
    return ["sync"]


def run_killed(folder: Path, args: list[str], after: float, env: dict[str, str]) -> None:
    """Start garefil with `args` and kill it (SIGKILL) `after` seconds later."""
    process = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(folder), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()


def problems(folder: Path, expected: int, env: dict[str, str]) -> list[str]:
    """Cut or empty notes, notes missing from `list`, temporary files git would record, and a
    `sync` that does not recover."""
    found = []
    for note in folder.rglob("*.md"):
        if {".git", ".garefil"} & set(note.parts):
            continue
        if not note.read_text(encoding="utf-8").rstrip().endswith(END):
            found.append(f"cut or empty note: {note.relative_to(folder)}")
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=folder,
        capture_output=True,
        text=True,
    ).stdout
    found += [
        f"temporary file shown by git: {line}" for line in status.splitlines() if ".tmp" in line
    ]
    synced = garefil(folder, "sync", env=env, check=False)
    if synced.returncode != 0:
        found.append(
            f"the next sync did not recover ({synced.returncode}): {synced.stderr.strip()}"
        )
    listed = garefil(folder, "list", "--json", env=env, check=False)
    if listed.returncode != 0 or len(json.loads(listed.stdout or "[]")) < expected:
        found.append(f"list shows fewer than {expected} notes: {listed.stderr.strip()}")
    return found


def usual_durations(first: Path, env: dict[str, str]) -> dict[str, float]:
    """How long each command takes when left alone (kills land within that time)."""
    usual = {}
    for kind in COMMANDS:
        started = time.monotonic()
        garefil(first, *command(kind, 0), env=env)
        usual[kind] = time.monotonic() - started
    return usual


def tries(first: Path, second: Path, count: int, notes: int, env: dict[str, str], usual=None):
    """Yield (kind, kill time, problems) for each try, killing each command within its usual
    duration (measured first unless given)."""
    usual = usual or usual_durations(first, env)
    expected = notes
    for attempt in range(count):
        kind = COMMANDS[attempt % len(COMMANDS)]
        if kind == "sync":  # something to bring in and merge when it is killed
            garefil(second, "new", "note", "--title", f"De Karim {attempt}", "--no-edit",
                    "--body", f"Texte.\n{END}", env=env)  # fmt: skip
            garefil(second, "sync", env=env, check=False)
            expected += 1
        after = random.uniform(0.0, usual[kind])
        run_killed(first, command(kind, random.randrange(notes)), after, env)
        yield kind, after, problems(first, expected, env)


def main() -> int:
    """Run the tries; 0 when every kill left a whole, recoverable notebook."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--tries", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args()
    random.seed(options.seed)
    env = {**os.environ, "NO_COLOR": "1", "EDITOR": f'{sys.executable} -c "{EDITOR}"'}
    base = options.dir or Path(tempfile.mkdtemp(prefix="garefil-kill-writes-"))
    first, second = make_team(base, options.notes)
    if not options.json:
        print(f"notebook: {options.notes} notes, shared with a second copy", flush=True)
    figures = {kind: {"tries": 0, "failures": 0} for kind in COMMANDS}
    for number, (kind, after, found) in enumerate(
        tries(first, second, options.tries, options.notes, env), start=1
    ):
        figures[kind]["tries"] += 1
        figures[kind]["failures"] += bool(found)
        if not options.json:
            print(
                f"try {number:3}: {kind:4} killed after {after * 1000:4.0f} ms: {found or 'clean'}"
            )
        if found:
            break
    if options.json:
        print(json.dumps({"notes": options.notes, "commands": figures}))
    return 1 if any(f["failures"] for f in figures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
