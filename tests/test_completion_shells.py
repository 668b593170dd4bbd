"""Completion in the real shells (Debian's bash, zsh and fish): installed by `garefil completion
install`, loaded by the shell's own start-up, typed into a terminal with Tab, read off the screen.

Without one of the shells the tests are skipped with the package to install, except in CI
(CI=true), where a missing shell is a failure (.ci/run installs them).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from demo_index import indexed_demo
from terminal import TmuxScreen

PACKAGES = {"bash": "bash", "zsh": "zsh", "fish": "fish", "tmux": "tmux"}


def need(program: str) -> str:
    """The path of `program`, or skip (fail in CI) naming the Debian package to install."""
    found = shutil.which(program)
    if found:
        return found
    reason = f"{program} is missing: apt-get install {PACKAGES[program]} (as .ci/run does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the completion tests in the real shells: {reason}")
    pytest.skip(reason)


class ShellScreen(TmuxScreen):
    """`shell` started as a coach's terminal starts it (its start-up files read), in tmux."""

    def __init__(self, tmp_path: Path, shell: str, env: dict[str, str], cwd: Path) -> None:
        self.socket = str(tmp_path / "tmux.sock")
        settings = [f"{name}={value}" for name, value in env.items()]
        command = ["env", "-i", *settings, need(shell), "-i"]
        self.tmux("new-session", "-d", "-s", "t", "-x", "150", "-y", "30", "-c", str(cwd), *command)

    def completed(self, line: str, expected: str, seconds: float = 30) -> None:
        """Type `line` and Tab; the line on screen becomes `expected` (then it is cleared)."""
        self.type(line, enter=False)
        self.tmux("send-keys", "-t", "t", "Tab")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and expected not in self.screen():
            time.sleep(0.1)
        shown = self.screen()
        self.tmux("send-keys", "-t", "t", "C-c")
        time.sleep(0.3)
        self.type("clear")
        time.sleep(0.3)
        assert expected in shown, f"{line!r} + Tab never showed {expected!r}:\n{shown}"


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_demo(tmp_path_factory)


def coach_home(tmp_path: Path, shell: str) -> dict[str, str]:
    """A HOME where `garefil completion install SHELL --profil` ran, and the environment of a
    terminal there: `garefil` on the PATH, nothing else of this machine's settings."""
    home, folder = tmp_path / "home", tmp_path / "bin"
    home.mkdir()
    folder.mkdir()
    program = folder / "garefil"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m garefil "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    env = {
        "HOME": str(home),
        "PATH": f"{folder}:/usr/local/bin:/usr/bin:/bin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "GAREFIL_LANG": "fr",
    }
    done = subprocess.run(
        [str(program), "completion", "install", shell, "--profil"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "Complétion pour" in done.stderr, done.stderr
    return env


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_tab_completes_commands_tags_names_and_notes(shell, indexed, tmp_path):
    need("tmux")
    need(shell)
    screen = ShellScreen(tmp_path, shell, coach_home(tmp_path, shell), indexed)
    try:
        screen.completed("garefil sh", "garefil show ")
        screen.completed("garefil list --tag po", "garefil list --tag pole-emploi ")
        screen.completed("garefil list -e chlo", "garefil list -e Chloé\\ Marchand ")
        screen.completed("garefil list -e chloe", "garefil list -e Chloé\\ Marchand ")
        screen.completed("garefil edit fiches/2024-01-10-fiche-j", "fiche-jean-dupont-smb8x.md ")
        screen.completed("garefil search tag:po", "garefil search tag:pole-emploi ")
        screen.completed("garefil decisions --statut ab", "garefil decisions --statut abandonnée ")
    finally:
        screen.close()


def test_bash_completes_right_after_an_equals_sign_or_a_colon(indexed, tmp_path):
    need("tmux")
    screen = ShellScreen(tmp_path, "bash", coach_home(tmp_path, "bash"), indexed)
    try:
        for line in ("garefil list --statut=", "garefil search tag:"):
            screen.type(line, enter=False)
            screen.tmux("send-keys", "-t", "t", "Tab", "Tab")
            wanted = "reporté" if "=" in line else "pole-emploi"
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and wanted not in screen.screen():
                time.sleep(0.1)
            shown = screen.screen()
            screen.tmux("send-keys", "-t", "t", "C-c")
            screen.type("clear")
            time.sleep(0.3)
            assert wanted in shown and "==" not in shown and "::" not in shown, shown
        screen.completed("garefil list --statut=pr", "garefil list --statut=prévu ")
        screen.completed("garefil search tag:pole-e", "garefil search tag:pole-emploi ")
    finally:
        screen.close()
