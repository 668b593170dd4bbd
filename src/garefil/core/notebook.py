"""The notebook on disk: where it is, which files are notes, and writes that never half-happen.

Every write goes to a temporary file in the same folder, is flushed to disk, then renamed over
the target, so an interrupted command leaves either the old note or the new one, never a mix.
New notes are linked into place, which fails instead of overwriting if the name was taken.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_DIR, CONFIG_FILE, Config, load_config
from .errors import NotebookNotFound, NoteExists, NotInNotebook

NOTE_SUFFIX = ".md"
TEMPLATES_DIR = "templates"


@dataclass(frozen=True)
class Notebook:
    """A folder holding `.garefil/config.toml`, and the settings read from it."""

    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path) -> Notebook:
        """The notebook at `root` (which must hold `.garefil/`)."""
        root = root.resolve()
        return cls(root, load_config(root / CONFIG_DIR / CONFIG_FILE))

    @property
    def meta_dir(self) -> Path:
        return self.root / CONFIG_DIR

    @property
    def templates_dir(self) -> Path:
        return self.meta_dir / TEMPLATES_DIR

    def note_paths(self) -> list[str]:
        """Every note's relative path, sorted, skipping hidden folders and files."""
        return [path for path, _size, _mtime in self.note_stats()]

    def note_stats(self) -> list[tuple[str, int, int]]:
        """(path, size, mtime in ns) of every note, sorted by path, in one walk."""
        return sorted(_walk(self.root))

    def absolute(self, relative: str) -> Path:
        """The absolute path of a relative note path, refusing anything outside the notebook."""
        target = (self.root / relative).resolve()
        if target != self.root and self.root not in target.parents:
            raise NotInNotebook(path=relative, root=str(self.root))
        return target

    def relative(self, path: Path) -> str:
        """The '/'-separated path of `path` relative to the notebook root."""
        resolved = path.resolve()
        if self.root not in resolved.parents:
            raise NotInNotebook(path=str(path), root=str(self.root))
        return resolved.relative_to(self.root).as_posix()

    def read_text(self, relative: str) -> str:
        """A note's text (UTF-8; undecodable bytes are replaced rather than fatal)."""
        return self.absolute(relative).read_text(encoding="utf-8", errors="replace")

    def write_new(self, relative: str, text: str) -> Path:
        """Create a note that must not exist yet; NoteExists if the name is taken."""
        target = self.absolute(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = _write_temp(target, text)
        try:
            os.link(temp, target)
        except FileExistsError:
            raise NoteExists(path=relative) from None
        finally:
            temp.unlink(missing_ok=True)
        _fsync_dir(target.parent)
        return target

    def replace(self, relative: str, text: str) -> Path:
        """Atomically replace a note's whole text."""
        target = self.absolute(relative)
        atomic_write(target, text.encode("utf-8"))
        return target


def _walk(root: Path) -> list[tuple[str, int, int]]:
    """Notes below `root`; hidden names (.git, .garefil, temporary files) are skipped.

    A loop over a stack rather than recursive generators: it runs before every read command,
    over ten thousand files.
    """
    found: list[tuple[str, int, int]] = []
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{name}/"))
                elif name.endswith(NOTE_SUFFIX):
                    with contextlib.suppress(OSError):  # vanished while walking: not there
                        info = entry.stat()
                        if stat.S_ISREG(info.st_mode):
                            found.append((prefix + name, info.st_size, info.st_mtime_ns))
    return found


def atomic_write(target: Path, data: bytes) -> None:
    """Replace (or create) `target` with `data`: the old content or the new, never a mix."""
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_write_temp(target, data), target)
    _fsync_dir(target.parent)


def _write_temp(target: Path, data: str | bytes) -> Path:
    """Write `data` to a hidden temporary file beside `target`, flushed to disk."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    import tempfile  # only writes need it; it drags in shutil and random

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.garefil/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_DIR).is_dir():
            return folder
    return None


def locate(explicit: Path | None, environ: Mapping[str, str], cwd: Path) -> Notebook:
    """Which notebook to use: `-C PATH`, else $GAREFIL_NOTEBOOK, else the nearest from `cwd`."""
    start = explicit or (
        Path(environ["GAREFIL_NOTEBOOK"]) if environ.get("GAREFIL_NOTEBOOK") else cwd
    )
    root = find_root(start)
    if root is None:
        raise NotebookNotFound(start=str(start))
    return Notebook.open(root)
