#!/usr/bin/env python3
"""Set up and run garefil from a fresh clone: `python3 dev.py demo` or `python3 dev.py test`.

Only the standard library is used here, because this script runs before anything is installed.
It builds `.venv/` from `requirements.lock` (exact versions, with hashes) and reinstalls only when
the lock changes, so the second run starts at once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
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
    ["list", "--limit", "12"],
    ["list", "--type", "cr", "--referent", "Inès Moreau"],
    ["tags"],
    ["search", "pôle emploi", "--limit", "5"],
    ["search", "--tag", "urssaf", "--type", "cr"],
    ["search", "reliquat", "--referent", "Inès Moreau"],
    ["show", "2024-01-08-reunion"],
    ["history", "2024-01-08-reunion"],
    ["status"],
]


def demo() -> int:
    """Run a tour of garefil on a private copy of notes/, so the project's history is untouched."""
    ensure_venv()
    garefil = BIN / "garefil"
    with tempfile.TemporaryDirectory(prefix="garefil-demo-") as tmp:
        notebook = Path(tmp) / "carnet"
        shutil.copytree(ROOT / "notes", notebook)
        env = dict(os.environ, GIT_CONFIG_GLOBAL=str(Path(tmp) / "gitconfig"))
        run("git", "config", "--file", env["GIT_CONFIG_GLOBAL"], "user.name", "Démo Garefil")
        run("git", "config", "--file", env["GIT_CONFIG_GLOBAL"], "user.email", "demo@example.org")
        run(garefil, "init", notebook, env=env, stdout=subprocess.DEVNULL)
        failed = 0
        for step in DEMO_STEPS:
            print(f"\n$ garefil {' '.join(step)}", flush=True)
            failed += subprocess.run([garefil, "-C", notebook, *step], env=env).returncode != 0
    return 1 if failed else 0


def test(extra: list[str]) -> int:
    """Lint, check the import contracts, then run the whole test suite."""
    ensure_venv()
    python = BIN / "python"
    run(python, "-m", "ruff", "check", "src", "tests", "benchmarks", "tools", "dev.py", cwd=ROOT)
    run(BIN / "lint-imports", cwd=ROOT)
    return subprocess.run([python, "-m", "pytest", *extra], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in {"demo", "test"}:
        print(
            "usage : python3 dev.py demo | python3 dev.py test [arguments pytest]", file=sys.stderr
        )
        return 2
    try:
        return demo() if argv[0] == "demo" else test(argv[1:])
    except subprocess.CalledProcessError as error:
        return error.returncode or 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
