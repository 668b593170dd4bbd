"""Git's lock files (`.git/index.lock`, `HEAD.lock`, …): wait for a live one, clear a dead one.

Git creates `NAME.lock` beside what it changes and renames it into place when done; a git that
was killed leaves the lock behind and every later git command fails until it is removed. Two
coaches' commands (or two `garefil new` started together) meet the same lock for a few
milliseconds. So a command that meets a lock waits a little and tries again (bounded: then
GitBusy), and a lock nobody holds any more is removed by whichever garefil command meets it.

A lock is abandoned only when it is at least a second old (a lock another git has only just
created is never taken away), no process has it open, and no git process is working in this
repository (checked through /proc where there is one; without /proc a lock is never judged
abandoned, only waited for). Age alone proves nothing: `git commit` keeps its lock, closed,
for as long as the coach sits in its editor.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

from garefil.core.errors import GitBusy, NotebookNotWritable

FRESH_LOCK_SECONDS = 1.0
WAIT_SECONDS = 10.0  # how long a command waits for another git before giving up
_LOCK_IN_MESSAGE = re.compile(r"'([^']+\.lock)'")
_PROC = Path("/proc")


def lock_in(message: str) -> Path | None:
    """The lock file a failed git command names in its error text, if it failed on one."""
    # "File exists" only: a lock that cannot be created for want of rights is no other git's.
    if ".lock" not in message or "File exists" not in message:
        return None
    found = _LOCK_IN_MESSAGE.search(message)
    return Path(found.group(1)) if found else None


def wait_budget() -> float:
    """Seconds to wait for another git: GAREFIL_GIT_WAIT if set, else WAIT_SECONDS."""
    value = os.environ.get("GAREFIL_GIT_WAIT", "")
    return float(value) if value.replace(".", "", 1).isdigit() else WAIT_SECONDS


def pause(attempt: int) -> float:
    """The backoff before try number `attempt` (seconds): 20 ms, doubling, at most 0.5 s."""
    return min(0.02 * 2**attempt, 0.5)


@contextlib.contextmanager
def one_writer(git_dir: Path) -> Iterator[None]:
    """Let one garefil at a time change this repository's index and history.

    Git's own locks are not enough: `git add` in one process and `git commit -- PATH` in another
    can each read the index before the other writes it, and a staged note is then lost ("pathspec
    did not match"). An OS lock (released when its process dies, so never stale) makes garefil's
    commits take turns; it is waited for like git's locks, then GitBusy.
    """
    deadline, attempt = time.monotonic() + wait_budget(), 0
    try:
        handle = open(git_dir / "garefil-writer.lock", "a+b")  # noqa: SIM115 (closed below)
    except OSError:  # no right to write here, or a read-only file system
        raise NotebookNotWritable(path=str(git_dir.parent)) from None
    with handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise GitBusy() from None
                attempt += 1
                time.sleep(pause(attempt))
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def no_writer(git_dir: Path) -> bool:
    """Whether no garefil holds `one_writer` here now (False when that cannot be known)."""
    try:
        with open(git_dir / "garefil-writer.lock", "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(handle, fcntl.LOCK_UN)
            return True
    except (BlockingIOError, OSError):
        return False


def git_working_in(git_dir: Path) -> bool:
    """Whether a git that this garefil did not start works in the repository of `git_dir`
    (True when that cannot be known): one garefil started may outlive it, and finish."""
    return _git_working_near(git_dir / "index.lock")


def clear_if_abandoned(lock: Path) -> bool:
    """Remove `lock` if it is abandoned (see the module docstring); whether it was removed."""
    try:
        before = lock.stat()
    except FileNotFoundError:
        return False
    age = time.time() - before.st_mtime
    if age < FRESH_LOCK_SECONDS or _held(lock) or _git_working_near(lock):
        return False
    try:
        now = lock.stat()
        if (now.st_ino, now.st_mtime_ns) == (before.st_ino, before.st_mtime_ns):
            lock.unlink()  # still the very file that was judged: never a newer git's lock
            return True
    except FileNotFoundError:
        pass
    return False


def _held(lock: Path) -> bool:
    """Whether some process has `lock` open; True when that cannot be known (no /proc)."""
    if not (_PROC / "self" / "fd").is_dir():
        return True
    target = str(lock.resolve())
    for fd_dir in _PROC.glob("[0-9]*/fd"):
        try:
            for fd in os.scandir(fd_dir):
                if os.readlink(fd.path) == target:
                    return True
        except OSError:  # a process that ended meanwhile, or another user's
            continue
    return False


def _git_working_near(lock: Path) -> bool:
    """Whether a running git works in the repository of `lock` (its folder, seen in /proc);
    True when that cannot be known (no /proc)."""
    if not (_PROC / "self" / "cwd").exists():
        return True
    top = _work_tree_of(lock)
    for process in _PROC.glob("[0-9]*"):
        try:
            if _is_git_in(process, top):
                return True
        except OSError:  # a process that ended meanwhile, or another user's
            continue
    return False


def _is_git_in(process: Path, top: Path) -> bool:
    """Whether `process` is a git (not one this garefil started) running in `top` or below."""
    if not (process / "comm").read_text().startswith("git"):
        return False
    status = (process / "status").read_text()
    if f"\nPPid:\t{os.getpid()}\n" in status:  # GitPython's own helpers hold no lock of ours
        return False
    cwd = Path(os.readlink(process / "cwd"))
    return cwd == top or top in cwd.parents


def _work_tree_of(lock: Path) -> Path:
    """The folder a git working on `lock` runs in: the parent of the `.git` holding it."""
    lock = lock.resolve()
    for folder in lock.parents:
        if folder.name == ".git":
            return folder.parent
    return lock.parent
