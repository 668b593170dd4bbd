"""Where the index lives on disk, and the rules that keep every write of it there.

`.garefil/index/` is derived data that only garefil writes, but a teammate's commit can put
anything at that path: a symbolic link to a folder of their choice, a file. So garefil never
follows it: the index folder, and every folder and file garefil writes in it, must be real (no
symbolic link on the way) and inside the notebook. When it is not, or when the notebook cannot
be written (a read-only copy), the command builds a private index in a temporary folder for that
run instead, and says so: read commands still answer, and nothing outside `.garefil/index/` is
deleted, changed or written. Leaving the link where it is (rather than moving it aside) keeps
garefil from changing a file that git tracks: the coach's next `sync` would publish that change.

Inside the folder each full build is a *generation*: a folder `g-<random>` holding the catalogue
and the Whoosh index, built aside while the previous one still answers, then switched in by
replacing the small pointer file `current` atomically. A build that is killed or fails part-way
leaves only an unused folder, which the next garefil to hold the index lock removes.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import stat
from pathlib import Path

from garefil.core.config_toml import KEPT_NAME

POINTER = "current"
_GENERATION = re.compile(r"g-[0-9a-f]{16}")
_POINTER_MAX = 64  # a generation name is 18 characters: anything longer is not ours
_NEW_POINTER = re.compile(r"\.current\.[0-9a-f]{8}\.tmp")  # what switch_to writes first
_PROBE = re.compile(r"\.probe\.[A-Za-z0-9_]{8}")  # what probe_writable leaves if killed at once
# What a command killed while it kept the settings as read leaves (core/config_toml.py).
_KEPT_TEMPORARY = re.compile(rf"\.{re.escape(KEPT_NAME)}\.\d+\.tmp")


def is_real_folder(path: Path) -> bool:
    """`path` is a folder reached without any symbolic link (it may not exist: then False)."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and os.path.realpath(path) == os.path.abspath(path)


def holds_links(folder: Path) -> bool:
    """Whether `folder` directly holds a symbolic link or a special file (never ours)."""
    with os.scandir(folder) as entries:
        return any(
            entry.is_symlink() or not (entry.is_file() or entry.is_dir()) for entry in entries
        )


def current_generation(home: Path) -> Path | None:
    """The generation the pointer names, if the pointer is ours and the folder is real."""
    try:
        fd = os.open(home / POINTER, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        name = handle.read(_POINTER_MAX).decode("ascii", errors="replace").strip()
    folder = home / name
    if not _GENERATION.fullmatch(name) or not is_real_folder(folder) or holds_links(folder):
        return None
    return folder


def new_generation(home: Path) -> Path:
    """A new, empty, private generation folder (made exclusively: never an existing one)."""
    # os.urandom is what secrets.token_hex reads, without importing `secrets` at each start.
    folder = home / f"g-{os.urandom(8).hex()}"
    os.mkdir(folder, 0o700)
    return folder


def switch_to(home: Path, generation: Path) -> None:
    """Make `generation` the current one: its files reach the disk, then the pointer is replaced."""
    _sync_tree(generation)
    temp = home / f".{POINTER}.{os.urandom(4).hex()}.tmp"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(generation.name.encode("ascii") + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, home / POINTER)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync(home)


def sweep(home: Path, keep: Path | None) -> None:
    """Remove what `home` holds besides the pointer, `keep` and the settings as read (kept
    there by core/config_toml.py): old or abandoned generations, an index of the previous
    layout. Links are removed, never followed (rmtree does not either)."""
    with os.scandir(home) as entries:
        for entry in entries:
            if entry.name in (POINTER, KEPT_NAME) or (keep is not None and entry.name == keep.name):
                continue
            _remove(entry)


def sweep_abandoned(home: Path, keep: Path | None) -> None:
    """Remove the generations other than `keep`, and pointers never switched in: what killed
    builds left. Only for a holder of the index lock: no build can then be in progress."""
    with os.scandir(home) as entries:
        for entry in entries:
            if _abandoned(entry.name, keep):
                _remove(entry)


def leftovers(home: Path, keep: Path | None) -> bool:
    """Whether `home` holds anything `sweep_abandoned` would remove."""
    try:
        with os.scandir(home) as entries:
            return any(_abandoned(entry.name, keep) for entry in entries)
    except OSError:
        return False


def _abandoned(name: str, keep: Path | None) -> bool:
    if keep is not None and name == keep.name:
        return False
    return any(
        pattern.fullmatch(name) for pattern in (_GENERATION, _NEW_POINTER, _PROBE, _KEPT_TEMPORARY)
    )


def _remove(entry: os.DirEntry) -> None:
    """Remove a folder with its content, or a file; a link itself, never what it leads to."""
    if entry.is_dir(follow_symlinks=False):
        import shutil  # here: it loads bz2 and lzma, which a command that only reads never needs

        shutil.rmtree(entry.path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)


def private_folder() -> Path:
    """A temporary folder only this user can read, removed when the command ends."""
    import shutil
    import tempfile  # rarely needed, and slow to import (random, hashlib): only then

    folder = Path(tempfile.mkdtemp(prefix="garefil-index-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def probe_writable(folder: Path) -> bool:
    """Whether a file can be created in `folder` (access() is wrong for root on a read-only
    mount, so this really tries)."""
    import tempfile  # only when a write is being prepared, never for reading

    try:
        fd, name = tempfile.mkstemp(prefix=".probe.", dir=folder)
    except OSError:
        return False
    os.close(fd)
    # Probing comes before the lock: a build finishing meanwhile sweeps the folder, this file
    # with it. It was created all the same, so the folder can be written.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(name)
    return True


def _sync_tree(folder: Path) -> None:
    """Flush every file of `folder` (and the folders themselves) to the disk."""
    for parent, _folders, files in os.walk(folder):
        for name in files:
            _fsync(Path(parent) / name)
        _fsync(Path(parent))


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
