"""A rebuild killed or failing part-way never leaves search empty, nor the index locked.

The long version (20 rebuilds of 5,000 notes killed at random points) is
`python benchmarks/kill_rebuild.py`; here a small notebook goes through the same path, with the
worker processes of large builds forced by $GAREFIL_BIG_BUILD (committing every 25 notes,
$GAREFIL_BUILD_CHUNK), in a few seconds: each rebuild
runs in a fork of this process, where garefil is already imported, so that the kills land in
the build rather than in Python's start-up.
"""

from __future__ import annotations

import atexit
import fcntl
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from garefil.cli import process
from garefil.core.config_toml import KEPT_NAME

NOTES = 60
ENV = {"GAREFIL_BIG_BUILD": "20", "GAREFIL_BUILD_CHUNK": "25", "GAREFIL_INDEX_WAIT": "0"}


def fill(notebook: Path, count: int = NOTES) -> None:
    for number in range(count):
        text = f"---\ntitle: Note {number}\n---\nCotisations trimestrielles, dossier n{number}.\n"
        (notebook / f"n{number:04}.md").write_text(text * 3, encoding="utf-8")


def garefil(notebook: Path, *args: str, **popen) -> subprocess.Popen[str]:
    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **popen}
    return subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(notebook), *args],
        env={**os.environ, **ENV},
        text=True,
        **popen,
    )


def forked_rebuild(notebook: Path) -> int:
    """The pid of `garefil index --rebuild` run as its own process, forked from this one."""
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: the command as `python -m garefil` runs it, output discarded
        atexit._clear()  # the test process's exit handlers are not the command's
        quiet = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(quiet, fd)
        os.environ.update(ENV)
        sys.argv = ["garefil", "-C", str(notebook), "index", "--rebuild"]
        process.main()
    finally:
        os._exit(70)


def finished(pid: int) -> int:
    """Wait for the forked command; its exit code (or minus the signal that killed it)."""
    status = os.waitpid(pid, 0)[1]
    return os.waitstatus_to_exitcode(status)


def found(cli, notebook: Path, monkeypatch) -> int:
    """How many notes a search for a word of every note returns (without any --rebuild)."""
    monkeypatch.setenv("GAREFIL_INDEX_WAIT", "0")
    result = cli("-C", notebook, "search", "cotisations", "-n", "100000", "--json")
    return len(json.loads(result.stdout))


def leftovers(notebook: Path) -> list[str]:
    """What the index folder holds besides the pointer, the generation it names and the
    settings as read, kept there (core/config_toml.py)."""
    home = notebook / ".garefil" / "index"
    current = (home / "current").read_text(encoding="ascii").strip()
    return sorted(name for name in os.listdir(home) if name not in ("current", current, KEPT_NAME))


def test_a_rebuild_killed_at_random_points_leaves_every_note_searchable(cli, notebook, monkeypatch):
    fill(notebook)
    assert found(cli, notebook, monkeypatch) == NOTES  # Whoosh imported here, before the forks
    started = time.monotonic()
    assert finished(forked_rebuild(notebook)) == 0
    duration = time.monotonic() - started
    rng = random.Random(7)
    kills = 0
    for _attempt in range(60):  # until 20 builds were killed: some finish first
        rebuild = forked_rebuild(notebook)
        waited = rng.uniform(0.0, duration)
        time.sleep(waited)
        os.kill(rebuild, signal.SIGKILL)
        code = finished(rebuild)
        assert code in (0, -signal.SIGKILL)
        kills += code == -signal.SIGKILL
        if code == 0:  # done within `waited`: the first build was slowed by a busy machine
            duration = waited
        with open(notebook / "n0000.md", "a", encoding="utf-8") as note:
            note.write("Modifiée.\n")  # so that the search must take the index lock
        assert found(cli, notebook, monkeypatch) == NOTES  # and at once: the lock is not waited for
        assert leftovers(notebook) == []  # the killed build's generation went with it
        if kills == 20:
            break
    assert kills == 20
    created = garefil(notebook, "new", "note", "--title", "Après", "--no-edit")
    assert created.communicate(timeout=60)[0] and created.returncode == 0  # no wait, no busy


def test_abandoned_generations_are_removed_by_a_lock_holder_only(cli, notebook, monkeypatch):
    fill(notebook, 3)
    assert found(cli, notebook, monkeypatch) == 3
    home = notebook / ".garefil" / "index"
    abandoned = home / "g-0123456789abcdef" / "whoosh"
    abandoned.mkdir(parents=True)
    (abandoned / "_MAIN_1.toc").write_bytes(b"x" * 4096)
    (home / ".current.abcd1234.tmp").write_text("g-0123456789abcdef\n", encoding="ascii")
    left = [".current.abcd1234.tmp", "g-0123456789abcdef"]
    with open(notebook / ".garefil" / "index.lock", "a", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as another garefil building a generation does
        assert found(cli, notebook, monkeypatch) == 3
        assert cli("-C", notebook, "list").exit_code == 0
        assert leftovers(notebook) == left  # maybe that build's folder: left alone
    assert cli("-C", notebook, "index").exit_code == 0
    assert leftovers(notebook) == []
    assert found(cli, notebook, monkeypatch) == 3


def test_a_rebuild_that_cannot_write_keeps_the_previous_index(cli, notebook, monkeypatch):
    fill(notebook)
    assert found(cli, notebook, monkeypatch) == NOTES

    def small_files() -> None:  # a full disk, as a limit on the size of any written file
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))

    run = garefil(notebook, "index", "--rebuild", preexec_fn=small_files)
    _out, err = run.communicate(timeout=60)
    assert found(cli, notebook, monkeypatch) == NOTES
    assert run.returncode == 10, err
    assert "pas pu être écrit" in err and "Traceback" not in err


def test_a_write_probe_left_by_a_killed_command_is_swept(cli, notebook, monkeypatch):
    """A command killed between creating and removing its write probe leaves `.probe.*` in the
    index folder; the next command that takes the lock removes it like a killed generation."""
    fill(notebook)
    assert found(cli, notebook, monkeypatch) == NOTES
    (notebook / ".garefil" / "index" / ".probe.k1ll3d_x").write_bytes(b"")
    # and so does one killed while it kept the settings as read (core/config_toml.py)
    (notebook / ".garefil" / "index" / f".{KEPT_NAME}.4242.tmp").write_bytes(b'{"te')
    with open(notebook / "n0000.md", "a", encoding="utf-8") as note:
        note.write("Modifiée.\n")  # so that the search must take the index lock
    assert found(cli, notebook, monkeypatch) == NOTES
    assert leftovers(notebook) == []
