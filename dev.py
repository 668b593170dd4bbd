#!/usr/bin/env python3
"""Set up and run garefil from a fresh clone: `python3 dev.py demo` or `python3 dev.py test`;
`python3 dev.py demo --garder DOSSIER` keeps a demo notebook there, to follow docs/guide on.

Only the standard library is used here, because this script runs before anything is installed.
It builds `.venv/` from `requirements.lock` (exact versions, with hashes) and reinstalls only when
the lock changes, so the second run starts at once.
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import venv
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
STAMP = VENV / ".garefil-lock-sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def say(message: str) -> None:
    print(f"· {message}", file=sys.stderr, flush=True)


def run(*args: str | Path, **kwargs) -> None:
    subprocess.run([str(a) for a in args], check=True, **kwargs)


def lock_digest() -> str:
    inputs = LOCK.read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    return hashlib.sha256(inputs).hexdigest()


def ensure_venv() -> None:
    """Create or refresh .venv so that it holds exactly the locked versions."""
    if STAMP.exists() and STAMP.read_text().strip() == lock_digest():
        return
    say("installation de l'environnement (.venv), une seule fois…")
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [BIN / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(*pip, "--require-hashes", "-r", LOCK)
    run(*pip, "--no-deps", "--no-build-isolation", "-e", ROOT)
    STAMP.write_text(lock_digest())


DEMO_STEPS: list[list[str]] = [
    ["sync"],
    ["list", "--limit", "12"],
    ["list", "--type", "cr", "--referent", "Inès Moreau"],
    ["tags"],
    ["search", "pôle emploi", "--limit", "5"],
    ["search", "--tag", "urssaf", "--type", "cr"],
    ["search", "reliquat", "--referent", "Inès Moreau"],
    ["show", "2024-01-08-reunion"],
    ["history", "2024-01-29-reunion"],
    ["status"],
    # The thread kept: what is due (rdv without report, reports unsent, requests nobody took),
    # then one entrepreneur's story, from fiche to report sent.
    ["entrepreneurs", "--referent", "Awa Diallo"],
    ["suivi"],
    ["fil", "Jean Dupont"],
    ["pads"],
    ["docs"],
    ["search", "échéancier"],
    ["sommaire", "--montrer"],
]


_FIELD = re.compile(r"^(date|author|referent): *['\"]?([^'\"\n]+?)['\"]? *$", re.MULTILINE)


def demo_env(tmp: Path) -> dict[str, str]:
    """An environment whose git knows nobody's settings but the demo's own identity."""
    env = dict(os.environ, GIT_CONFIG_GLOBAL=str(tmp / "gitconfig"), GIT_CONFIG_NOSYSTEM="1")
    for key, value in (("user.name", "Démo Garefil"), ("user.email", "demo@example.org")):
        run("git", "config", "--file", env["GIT_CONFIG_GLOBAL"], key, value)
    return env


def build_demo(tmp: Path, garefil: list[str], env: dict[str, str]) -> Path:
    """The demo notebook with a team's history: every note committed by its author on its
    date, shared through a bare repository, then a second coach's clone that adds its share."""
    notebook, shared, karim = tmp / "carnet", tmp / "partage.git", tmp / "carnet-karim"
    # Without the index a run of garefil inside notes/ may have left there (derived, ignored).
    shutil.copytree(ROOT / "notes", notebook, ignore=shutil.ignore_patterns("index", "index.lock"))
    quiet = {"env": env, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    run("git", "init", "--quiet", "-b", "main", notebook, **quiet)
    # One `git fast-import` writes the whole history at once (a commit per note otherwise
    # costs two git processes each), then the index is brought in line with the files.
    stream = b"".join(_fast_import_commit(notebook, *commit) for commit in _demo_commits(notebook))
    run("git", "-C", notebook, "fast-import", "--quiet", input=stream, **quiet)
    run("git", "-C", notebook, "reset", "--quiet", **quiet)
    run(*garefil, "init", notebook, **quiet)
    run("git", "init", "--quiet", "--bare", shared, **quiet)
    run(*garefil, "-C", notebook, "remote", shared, **quiet)
    run(*garefil, "-C", notebook, "sync", **quiet)
    run(*garefil, "init", "--clone", shared, karim, **quiet)
    run(*garefil, "-C", karim, "config", "user", "Karim Benali", "karim@exemple.org", **quiet)
    run(*garefil, "-C", karim, "tag", "2024-01-29-reunion", "suivi", **quiet)
    body = "Karim : rappeler la banque mardi pour le prêt d'honneur."
    run(
        *garefil,
        "-C",
        karim,
        "new",
        "note",
        "--title",
        "Rappel banque",
        "--date",
        "2024-03-26",
        "--body",
        body,
        **quiet,
    )
    run(*garefil, "-C", karim, "sync", **quiet)
    return notebook


def _fast_import_commit(notebook: Path, when: str, author: str, paths: list[str]) -> bytes:
    """One commit of `paths` by `author` at `when` (UTC), in git fast-import's format."""
    stamp = int(datetime.fromisoformat(when).replace(tzinfo=UTC).timestamp())
    email = re.sub(r"[^a-z]+", ".", author.lower()).strip(".") + "@exemple.org"
    message = "garefil : carnet créé" if author == "Démo Garefil" else f"ajout : {paths[0]}"
    files = [p for path in paths for p in _files(notebook / path)]
    parts = [
        b"commit refs/heads/main\n",
        f"author {author} <{email}> {stamp} +0000\n".encode(),
        f"committer {author} <{email}> {stamp} +0000\n".encode(),
        _fast_import_data(message.encode()),
    ]
    for file in files:
        parts.append(f"M 100644 inline {file.relative_to(notebook).as_posix()}\n".encode())
        parts.append(_fast_import_data(file.read_bytes()))
    return b"".join(parts)


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _fast_import_data(data: bytes) -> bytes:
    return f"data {len(data)}\n".encode() + data + b"\n"


def _demo_commits(notebook: Path) -> list[tuple[str, str, list[str]]]:
    """(date, author, paths) in date order: the notebook's creation, then each note."""
    notes = []
    for path in sorted(notebook.rglob("*.md")):
        fields = dict(_FIELD.findall(path.read_text(encoding="utf-8").split("\n---", 1)[0]))
        day = fields.get("date", "2023-12-15")[:16]
        when = day + ("T18:00:00" if len(day) == 10 else ":00")
        author = fields.get("author") or fields.get("referent") or "Awa Diallo"
        notes.append((when, author, [path.relative_to(notebook).as_posix()]))
    for path in sorted((notebook / "documents").rglob("*.pdf")):  # filed on their name's day
        when = path.name[:10] + "T17:00:00"
        notes.append((when, "Awa Diallo", [path.relative_to(notebook).as_posix()]))
    notes.sort()
    start = ("2023-12-01T09:00:00", "Démo Garefil", [".garefil", ".gitignore"])
    return [start, *notes]


def shown(step: list[str]) -> str:
    """The command line as a coach would type it (quotes kept)."""
    return "$ " + shlex.join(["garefil", *step])


def demo() -> int:
    """Run a tour of garefil on a private copy of notes/, so the project's history is untouched."""
    ensure_venv()
    garefil = [str(BIN / "garefil")]
    with tempfile.TemporaryDirectory(prefix="garefil-demo-") as tmp:
        env = demo_env(Path(tmp))
        notebook = build_demo(Path(tmp), garefil, env)
        failed = 0
        for step in DEMO_STEPS:
            print("\n" + shown(step), flush=True)
            failed += subprocess.run([*garefil, "-C", notebook, *step], env=env).returncode != 0
    return 1 if failed else 0


def keep_demo(folder: Path, garefil: list[str]) -> int:
    """Build the demo notebook in `folder` (new or empty) and leave it there: the guide's
    commands then run on it, never on notes/, where they would commit into the project."""
    folder = folder.expanduser().resolve()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(
            f"{folder} existe déjà et n'est pas vide : choisissez un autre dossier.",
            file=sys.stderr,
        )
        return 6
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="garefil-demo-") as tmp:  # the demo's git identity
        notebook = build_demo(folder, garefil, demo_env(Path(tmp)))
    say(f"Carnet de démonstration gardé dans {notebook} : « cd {notebook} », puis docs/guide.")
    return 0


def test(extra: list[str]) -> int:
    """Lint, check the import contracts, then run the whole test suite."""
    ensure_venv()
    python = BIN / "python"
    run(python, "-m", "ruff", "check", "src", "tests", "benchmarks", "tools", "dev.py", cwd=ROOT)
    run(BIN / "lint-imports", cwd=ROOT)
    write_bytecode(ROOT / "src")
    return subprocess.run([python, "-m", "pytest", *spread(extra), *extra], cwd=ROOT).returncode


def write_bytecode(folder: Path) -> None:
    """Compile the modules under `folder` once. The tests start `python -m garefil` hundreds
    of times; with PYTHONDONTWRITEBYTECODE set (as on some machines) each start would compile
    every module it imports again, a cost an installed garefil never pays."""
    run(BIN / "python", "-m", "compileall", "-q", folder, stdout=subprocess.DEVNULL)


def spread(extra: list[str]) -> list[str]:
    """pytest-xdist's options for the whole suite: one worker per core (`logical`: every core
    the system counts, as `auto` would not with psutil installed), each test file kept in
    one worker (its module fixtures are built once). A run that names test files, or its own
    `-n` (`-n 0`: one process), is left as asked: one file starts at once, without workers."""
    named = any((ROOT / arg.split("::")[0]).is_file() for arg in extra if not arg.startswith("-"))
    chosen = any(arg.startswith(("-n", "--numprocesses")) or arg == "no:xdist" for arg in extra)
    return [] if named or chosen else ["-n", "logical", "--dist", "loadfile"]


def main(argv: list[str]) -> int:
    keeping = len(argv) == 3 and argv[:2] == ["demo", "--garder"]
    if not (argv == ["demo"] or keeping or argv[:1] == ["test"]):
        print(
            "usage : python3 dev.py demo [--garder DOSSIER]"
            " | python3 dev.py test [arguments pytest]",
            file=sys.stderr,
        )
        return 2
    try:
        if keeping:
            ensure_venv()
            return keep_demo(Path(argv[2]), [str(BIN / "garefil")])
        return demo() if argv[0] == "demo" else test(argv[1:])
    except subprocess.CalledProcessError as error:
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
