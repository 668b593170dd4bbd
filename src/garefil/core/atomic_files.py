"""Writes that never half-happen, and the temporary files they go through.

Every write goes to a temporary file, is flushed to disk, then renamed over the target, so an
interrupted command leaves either the old file or the new one, never a mix. New files are linked
into place, which fails instead of overwriting if the name was taken. A notebook's temporary
files live in `.git/garefil-tmp/`, where git never looks: a killed command leaves nothing that
`sync` could publish, and the next write clears what is left.

Only writes need this module: the notebook imports it in its writing methods, so that read
commands never load it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

TEMP_DIR = "garefil-tmp"
LEFTOVER_SECONDS = 3600  # older temporary files belong to a command that was killed
_LEFTOVER = re.compile(r"\..+\.md\.[a-z0-9_]{8}\.tmp")  # what write_temp names them
TEMP_SUFFIX = ".tmp"


def temp_folder(git_dir: Path) -> Path | None:
    """Where temporary files go: `.git/garefil-tmp/` (leftovers cleared), else None."""
    if git_dir.is_symlink() or not git_dir.is_dir():
        return None  # beside the target, as hidden files the walk skips
    folder = git_dir / TEMP_DIR
    try:
        # Drafts of notes pass through it: for this user only, like the index.
        folder.mkdir(mode=0o700, exist_ok=True)
        if folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError:
        return None  # a read-only .git: the write itself will say what is wrong
    _clear_leftovers(folder)
    return folder


def clear_if_leftover(entry: os.DirEntry) -> None:
    """Remove `entry` if it is one of our temporary files, old enough: its command was killed.

    Older versions wrote them beside the notes, where `sync` would publish them.
    """
    if _LEFTOVER.fullmatch(entry.name):
        _clear_leftover(entry)


def _clear_leftover(entry: os.DirEntry) -> None:
    """Remove a temporary file once it is old: its command was killed."""
    with contextlib.suppress(OSError):
        if entry.stat(follow_symlinks=False).st_mtime < time.time() - LEFTOVER_SECONDS:
            os.unlink(entry.path)


def _clear_leftovers(folder: Path) -> None:
    """Remove temporary files that a killed command left; recent ones may be in use."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            _clear_leftover(entry)


def atomic_write(target: Path, data: bytes, temp_dir: Path | None = None) -> None:
    """Replace (or create) `target` with `data`: the old content or the new, never a mix."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = write_temp(target, data, temp_dir)
    try:
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    fsync_dir(target.parent)


def write_new_file(target: Path, data: bytes) -> None:
    """Create `target` (anywhere: an invitation, an e-mail draft) with `data`, whole or not at
    all; OutputExists rather than overwrite a file that is there."""
    from .errors import OutputExists

    with writing_output(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = write_temp(target, data)
        try:
            os.link(temp, target)
        except FileExistsError:
            raise OutputExists(path=str(target)) from None
        finally:
            temp.unlink(missing_ok=True)
        fsync_dir(target.parent)


# Why a path the coach named cannot be written, by errno: the error that says it.
_NOT_ALLOWED = (errno.EACCES, errno.EPERM, errno.EROFS)
_IN_THE_WAY = (errno.EEXIST, errno.ENOTDIR, errno.EISDIR)


@contextlib.contextmanager
def writing_output(target: Path) -> Iterator[None]:
    """A write to `target`, a file or folder the coach chose (or garefil's own beside the
    notes): the system's refusal becomes one error naming `target`, never its temporary file."""
    from . import errors

    try:
        yield
    except OSError as error:
        failed = _read_elsewhere(error, target)
        if failed:  # a note (or anything) read on the way: the output is not to blame
            detail = error.strerror or str(error)
            raise errors.InputUnreadable(path=failed, detail=detail, output=str(target)) from error
        if error.errno in _NOT_ALLOWED:
            raise errors.OutputNotWritable(path=str(target)) from error
        if error.errno in _IN_THE_WAY:
            raise errors.OutputInTheWay(path=str(target)) from error
        if error.errno == errno.ENOENT:
            raise errors.OutputFolderMissing(path=str(target)) from error
        raise errors.OutputFailed(path=str(target), detail=error.strerror or str(error)) from error


def _read_elsewhere(error: OSError, target: Path) -> str | None:
    """The file `error` names when it is not the output's: neither `target`, nor one of its
    folders, nor a file inside it, nor its temporary copy beside it. None when it is, or when the
    system names no file (a full disk)."""
    if error.filename is None:
        return None
    failed = Path(os.path.abspath(os.fsdecode(error.filename)))
    output = Path(os.path.abspath(target))
    temporary = failed.parent == output.parent and failed.name.startswith(f".{output.name}.")
    ours = failed == output or failed in output.parents or output in failed.parents
    return None if ours or temporary else str(failed)


def write_temp(target: Path, data: str | bytes, temp_dir: Path | None = None) -> Path:
    """Write `data` to a hidden temporary file (in `temp_dir` or beside `target`), on disk."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if temp_dir is not None and not _same_device(temp_dir, target.parent):
        temp_dir = None  # a rename cannot cross file systems
    import tempfile  # only writes need it; it drags in shutil and random

    folder = temp_dir or target.parent
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(name, target.stat().st_mode & 0o777)
        else:
            os.chmod(name, 0o666 & ~_umask())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _same_device(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_dev == b.stat().st_dev
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
