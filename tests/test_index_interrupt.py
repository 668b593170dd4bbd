"""Ctrl-C during a build on every core: one line and exit 130, no writing process's traceback.

A terminal's Ctrl-C goes to the whole process group, the writing processes a parallel build
forks included: each stopped with a traceback of its own before the command said its line.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from test_index_kill import ENV, fill, found

NOTES = 800  # enough for the writing processes to be at work when the interrupt comes


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (read from /proc: no other tool needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def forked_garefil(pid: int) -> list[int]:
    """The children of `pid` that are garefil itself, forked (git's have another command line)."""
    forked = []
    for child in children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"garefil" in command and not command.startswith(b"git"):
            forked.append(child)
    return forked


def test_ctrl_c_during_a_parallel_build_says_one_line(notebook, cli, monkeypatch):
    fill(notebook, NOTES)
    for _ in range(3):  # the interrupt lands elsewhere each time
        stderr = interrupted_build(notebook)
        assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
        assert stderr.strip().splitlines()[-1].startswith("Interrompu"), stderr
    # The notes are all found afterwards: the next command builds what was interrupted.
    assert found(cli, notebook, monkeypatch) == NOTES


def interrupted_build(notebook: Path) -> str:
    """What `index --rebuild` says when Ctrl-C comes while both writing processes work."""
    build = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(notebook), "index", "--rebuild"],
        env={**os.environ, **ENV, "GAREFIL_BUILD_CHUNK": "400"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 30
    while len(forked_garefil(build.pid)) < 2 and build.poll() is None:  # both at work
        assert time.monotonic() < deadline, "the writing processes were not started"
        time.sleep(0.01)
    assert build.poll() is None, "the build ended before its writing processes were seen"
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl-C does
    _, stderr = build.communicate(timeout=60)  # and it ends: nothing left waiting
    assert build.returncode == 130, stderr
    return stderr
