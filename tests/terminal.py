"""A real terminal for tests: tmux runs a shell, the test types into it and reads the screen."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path


class TmuxScreen:
    """A shell in a detached tmux session of its own: typed into, read back as a person sees it."""

    def __init__(self, tmp_path: Path, width: int = 120, height: int = 40) -> None:
        self.socket = str(tmp_path / "tmux.sock")
        self.tmux(
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            str(width),
            "-y",
            str(height),
            "env",
            "PS1=$ ",
            "bash",
            "--norc",
            "--noprofile",
        )

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", self.socket, *args], capture_output=True, text=True, check=True
        )
        return done.stdout

    def type(self, text: str, enter: bool = True) -> None:
        if text:
            self.tmux("send-keys", "-t", "t", "-l", text)
        if enter:
            self.tmux("send-keys", "-t", "t", "Enter")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-J", "-t", "t", "-S", "-200")

    def wait_for(self, text: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if any(line.strip() == text for line in shown.splitlines()):
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)

    def wait_for_text(self, text: str, seconds: float = 60, times: int = 1) -> str:
        """The screen once `text` appears anywhere on it (a question waiting for an answer),
        `times` times in all (a question asked again: its first asking is still on screen)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.screen()
            if shown.count(text) >= times:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")
