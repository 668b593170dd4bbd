"""The index write lock: an OS file lock that dies with the process that holds it.

`flock` belongs to the open file, not to the process: a process forked while the lock is held
(Whoosh's indexing workers, on large builds) inherits the open file, and the lock stays held as
long as any of them lives. That is why a killed rebuild used to keep every other garefil waiting
for its full 30 s: the orphaned workers went on indexing. So a process forked while this lock is
held closes its copy of the file at once and asks the kernel to kill it when its parent dies.
The lock file is opened without following symbolic links, so that a link committed in its place
cannot make garefil create or lock a file elsewhere.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from garefil.core.errors import IndexBusy

_HELD: set[int] = set()  # descriptors of the locks this process holds
_HOLDER = [0]  # the pid that took them: a forked worker's parent
_PR_SET_PDEATHSIG = 1


class LockRefused(OSError):
    """The lock file is not a regular file of ours (a link, a folder): never used."""


@contextlib.contextmanager
def hold(path: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the lock at `path`; wait for another garefil up to `wait_seconds`, then IndexBusy.
    OSError (LockRefused among them) when the file cannot be opened or is not a plain file."""
    fd = _open(path)
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusy() from None
                time.sleep(0.05)
        _HELD.add(fd)
        _HOLDER[0] = os.getpid()
        try:
            yield
        finally:
            _HELD.discard(fd)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK
    try:
        fd = os.open(path, flags, 0o600)
    except OSError as error:
        if error.errno == errno.ELOOP:  # the name is a symbolic link
            raise LockRefused(error.errno, str(path)) from None
        raise
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise LockRefused(0, str(path))
    return fd


def _after_fork_in_child() -> None:
    if not _HELD:
        return
    for fd in _HELD:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to kill this (forked) process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        import ctypes  # only in a forked worker

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != _HOLDER[0]:  # the parent died before the request was made
        os._exit(1)


os.register_at_fork(after_in_child=_after_fork_in_child)
