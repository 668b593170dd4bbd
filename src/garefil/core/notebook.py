"""The notebook on disk: where it is, which files are notes, and writes that never half-happen.

Every write goes through a temporary file renamed over the note (core/atomic_files.py), so an
interrupted command leaves either the old note or the new one, never a mix. New notes are linked
into place, which fails instead of overwriting if the name was taken.

A teammate's commit can hold a symbolic link to anything on a colleague's machine (a private key,
/etc/passwd). garefil never reads nor writes a file whose real place is outside the notebook or
inside its `.git`: such paths raise UnsafePath.

Notes are read byte for byte: the newline style is kept (a CRLF note stays CRLF); a note in
another encoding than UTF-8 is read (UTF-16 with its mark, else Windows' cp1252 or Latin-1) so
that it is listed and found, but never rewritten: `read_exact` refuses it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .config import CONFIG_DIR, CONFIG_FILE, INDEX_DIR, Config, load_config
from .config_toml import KEPT_NAME
from .errors import (
    N_,
    FrontMatterError,
    InvalidConfig,
    NotebookFolderMissing,
    NotebookIsAFile,
    NotebookNotFound,
    NotebookNotWritable,
    NoteExists,
    NotInNotebook,
    NotUtf8,
    NotUtf8Utf16,
    UnsafePath,
)
from .notetypes import declare_types

NOTE_SUFFIX = ".md"
# The sommaire's pages (core/summary.py) are generated from the notes, never notes themselves.
GENERATED_PAGES = ("SOMMAIRE.md", "sommaire")
# What a git server shows on the repository's page (a README its "create" button writes): at the
# notebook's root these are the repository's own pages, not notes, and never rewritten as notes.
REPOSITORY_PAGES = frozenset(
    {"readme.md", "license.md", "contributing.md", "changelog.md", "code_of_conduct.md"}
)
TEMPLATES_DIR = "templates"
GIT_DIR = ".git"
# Problems of a file as a whole (msgids, translated where they are shown).
NOT_TEXT = N_("the file is not text")
UNSAFE_LINK = N_("symbolic link skipped: it leads outside the notebook")
FOLDER_LINK = N_("symbolic link to a folder skipped: garefil never reads notes through a link")
DEAD_LINK = N_("symbolic link skipped: it leads to no file")
# What the system says when a folder is read-only or not the coach's to write.
_NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


@dataclass(frozen=True)
class Notebook:
    """A folder holding `.garefil/config.toml`, and the settings read from it."""

    root: Path
    config: Config
    # The settings garefil refused, when opened `despite_settings`: `config` is then the
    # defaults, enough for the commands that must run whatever the file holds (sync, status).
    refused: InvalidConfig | None = None

    def __post_init__(self) -> None:
        # Its own types are never taken for the built-in ones a word may name (notetypes).
        declare_types(self.config.types)

    @classmethod
    def open(cls, root: Path, despite_settings: bool = False) -> Notebook:
        """The notebook at `root` (which must hold `.garefil/`); its settings refused are
        InvalidConfig, or with `despite_settings`, the defaults and the problem kept aside."""
        root = root.resolve()
        config = inside(root, root / CONFIG_DIR / CONFIG_FILE, f"{CONFIG_DIR}/{CONFIG_FILE}")
        try:
            return cls(root, load_config(config, _kept_settings(root)))
        except InvalidConfig as problem:
            if not despite_settings:
                raise
            return cls(root, Config(), problem)

    @cached_property  # the root never changes; a full build asks for every note's template
    def meta_dir(self) -> Path:
        return self.root / CONFIG_DIR

    @cached_property
    def templates_dir(self) -> Path:
        return self.meta_dir / TEMPLATES_DIR

    def note_paths(self) -> list[str]:
        """Every note's relative path, sorted, skipping hidden folders and files."""
        return [state[0] for state in self.note_stats()]

    def note_stats(self) -> list[tuple[str, int, int, int]]:
        """(path, size, mtime, ctime in ns) of every note, sorted by path, in one walk."""
        return sorted(_walk(self.root))

    def file_stats(self, links_seen: set[str] | None = None) -> list[tuple[str, int, int, int]]:
        """(path, size, mtime, ctime in ns) of every note, and of every symbolic link to a
        folder or, named as a note, to nothing (never followed: the index records it as a
        problem, to be said), by path. The paths of those that are links go to `links_seen`:
        what `links_among` would say of them, known from the walk without a look at each."""
        links: list[tuple[str, int, int, int]] = []
        return sorted(_walk(self.root, links, links_seen) + links)

    def file_state(self, relative: str) -> tuple[str, int, int, int] | None:
        """What `file_stats` would say of `relative` (None: not among them)."""
        state = self.note_state(relative)
        if state is not None or is_hidden_path(relative) or not self.link_problem(relative):
            return state
        if not self._walked_into(relative):
            return None
        with contextlib.suppress(OSError):
            info = os.lstat(self.root / relative)  # the link's own: its target is never read
            return (relative, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        return None

    def link_problem(self, relative: str) -> str | None:
        """Why `relative`, a symbolic link the walk lists, is no note: it leads to a folder
        (never entered), or, named as a note, to no file at all; None for any other path."""
        path = self.root / relative
        if not os.path.islink(path):
            return None
        if os.path.isdir(path):
            return FOLDER_LINK
        return DEAD_LINK if relative.endswith(NOTE_SUFFIX) and not os.path.exists(path) else None

    def _walked_into(self, relative: str) -> bool:
        """Whether the walk reaches the folder holding `relative`: never through a link."""
        folder = self.root / relative.rpartition("/")[0]
        return os.path.realpath(folder) == str(folder)

    def note_state(self, relative: str) -> tuple[str, int, int, int] | None:
        """(path, size, mtime, ctime in ns) of the note at `relative` if the walk would list it: not
        gone, hidden, of another kind, or inside a folder reached through a symbolic link."""
        if not is_note_path(relative) or not self._walked_into(relative):
            return None
        try:
            info = os.stat(self.root / relative)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        return (relative, info.st_size, info.st_mtime_ns, info.st_ctime_ns)

    def links_among(self, paths: Iterable[str]) -> frozenset[str]:
        """Those of `paths` that are notes or folders, and symbolic links."""
        return frozenset(p for p in paths if _is_listed_link(self.root, p))

    def absolute(self, relative: str) -> Path:
        """The absolute path of a relative note path, refusing anything outside the notebook.

        NotInNotebook for a path written to leave it (`../x.md`), UnsafePath for one that leaves
        it through a symbolic link or leads into `.git`.
        """
        return Path(self.real_path(relative))

    def real_path(self, relative: str) -> str:
        """`absolute`, as a string: what reading a note needs, once per note of a full build.

        When no symbolic link lies on the way below the root, the written path is its real
        place: one `lstat` a step instead of `os.path.realpath`, which also takes every folder
        above the notebook step by step. Any link on the way, and it is resolved as before.
        """
        top = str(self.root)
        written = os.path.normpath(os.path.join(top, relative))
        if not _within(top, written):
            raise NotInNotebook(path=relative, root=top)
        if self._root_is_real and not _through_link(top, written):
            return _safe(top, written, relative)
        return _safe(top, os.path.realpath(written), relative)

    @cached_property
    def _root_is_real(self) -> bool:
        # A root given through a link (never by `open`) leaves every path to realpath.
        return os.path.realpath(self.root) == str(self.root)

    def relative(self, path: Path) -> str:
        """The '/'-separated path of `path` relative to the notebook root."""
        resolved = path.resolve()
        if self.root not in resolved.parents:
            raise NotInNotebook(path=str(path), root=str(self.root))
        return resolved.relative_to(self.root).as_posix()

    def read_bytes(self, relative: str) -> bytes:
        """A file's bytes, exactly; UnsafePath if its real place is outside the notebook."""
        return self.absolute(relative).read_bytes()

    def read_text(self, relative: str) -> str:
        """A note's text for reading: newlines kept, another encoding decoded (see decode_text)."""
        return decode_text(self.read_bytes(relative))

    def read_exact(self, relative: str) -> str:
        """A note's text that can be written back unchanged; NotUtf8 when it is not UTF-8."""
        raw = self.read_bytes(relative)
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise NotUtf8Utf16(path=relative, encoding="utf-16") from None
            raise NotUtf8(path=relative, encoding=single_byte_encoding(raw)) from None

    def write_new(self, relative: str, text: str) -> Path:
        """Create a note that must not exist yet; NoteExists if the name is taken."""
        from .atomic_files import fsync_dir, write_temp  # writes only: reads never load it

        target = self.absolute(relative)
        with self.writing():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = write_temp(target, text, self.temp_dir())
            try:
                os.link(temp, target)
            except FileExistsError:
                raise NoteExists(path=relative) from None
            finally:
                temp.unlink(missing_ok=True)
        fsync_dir(target.parent)
        return target

    def stamp_after(self, relative: str, others: Iterable[str]) -> None:
        """Give the note at `relative` a change time after those of `others`: the notes a
        command changes along with the note it creates (an appointment linked to its new
        report) must not take `@dernier` from it (references.last_written)."""
        target = self.absolute(relative)
        times = [os.stat(self.absolute(o)).st_mtime_ns for o in others]
        own = os.stat(target)
        latest = max([own.st_mtime_ns - 1, *times]) + 1  # timestamps can tie within a tick
        os.utime(target, ns=(own.st_atime_ns, latest))

    def replace(self, relative: str, text: str | bytes) -> Path:
        """Atomically replace a note's whole text (bytes are written as they are)."""
        from .atomic_files import atomic_write

        target = self.absolute(relative)
        data = text.encode("utf-8") if isinstance(text, str) else text
        with self.writing():
            atomic_write(target, data, self.temp_dir())
        return target

    def remove(self, relative: str) -> Path:
        """Delete a note's file; the path that is gone (for the commit)."""
        from .atomic_files import fsync_dir

        target = self.absolute(relative)
        with self.writing():
            target.unlink()
        fsync_dir(target.parent)
        return target

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """A write into the notebook: a read-only or forbidden folder is NotebookNotWritable."""
        try:
            yield
        except OSError as error:
            if error.errno not in _NOT_WRITABLE:
                raise
            raise NotebookNotWritable(path=str(self.root)) from error

    def temp_dir(self) -> Path | None:
        """Where temporary files go: `.git/garefil-tmp/` (leftovers cleared), else None."""
        from .atomic_files import temp_folder

        return temp_folder(self.root / GIT_DIR)


def _kept_settings(root: Path) -> Path | None:
    """Where the values of the settings file are kept once read (core/config_toml.py): in the
    index's folder, when it is there and reached without a symbolic link; else nowhere."""
    folder = root / CONFIG_DIR
    for step in (folder, folder / INDEX_DIR):
        try:
            if not stat.S_ISDIR(os.lstat(step).st_mode):
                return None
        except OSError:  # no index yet: the settings are read, and kept once it is built
            return None
    return folder / INDEX_DIR / KEPT_NAME


def inside(root: Path, path: Path, shown: str) -> Path:
    """`path` resolved; UnsafePath if a symbolic link takes it out of `root` or into `.git`."""
    return Path(_safe(str(root), os.path.realpath(path), shown))


def _safe(top: str, target: str, shown: str) -> str:
    """`target`, a real place; UnsafePath if it is outside the folder `top` or in its `.git`."""
    if not _within(top, target) or _within(os.path.join(top, GIT_DIR), target):
        raise UnsafePath(path=shown, root=top)
    return target


def _through_link(top: str, path: str) -> bool:
    """Whether a step from the real folder `top` down to `path`, normalised and below it, is
    a symbolic link. A step that cannot be looked at (not there yet, a file on the way) ends
    the walk, as in os.path.realpath: nothing below it can be followed."""
    end = len(top)
    while end < len(path):
        end = path.find(os.sep, end + 1)
        end = len(path) if end < 0 else end
        try:
            if stat.S_ISLNK(os.lstat(path[:end]).st_mode):
                return True
        except OSError:
            return False
    return False


def _within(top: str, path: str) -> bool:
    """Whether the absolute, normalised `path` is the folder `top` or lies under it."""
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


def typed_text(raw: bytes) -> str:
    """Text a coach typed (an edited draft, standard input): like decode_text, never fatal."""
    try:
        return decode_text(raw)
    except FrontMatterError:
        return raw.decode("latin-1")


def single_byte_encoding(raw: bytes) -> str:
    """The encoding (as iconv and Python name it) of a text neither UTF-8 nor UTF-16: Windows'
    cp1252, which has the French œ, ’ and € that Latin-1 reads as control characters, unless
    the text holds one of the five bytes cp1252 leaves undefined."""
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "latin1"
    return "cp1252"


def decode_text(raw: bytes, partial: bool = False) -> str:
    """The text of a note: UTF-8, else UTF-16 with its mark, else cp1252 or Latin-1.

    With `partial`, `raw` is the beginning of a longer file: a character cut at its end is
    dropped rather than taken for another encoding. A binary file raises FrontMatterError
    (NOT_TEXT), so that it is reported as a problem of that note.
    """
    try:
        if partial:
            import codecs

            return codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode("utf-16")
    if b"\x00" in raw:
        raise FrontMatterError(1, NOT_TEXT)
    return raw.decode(single_byte_encoding(raw))


def unreadable(error: OSError | NotInNotebook) -> str:
    """What a Problem says about a file that cannot be opened."""
    if isinstance(error, NotInNotebook):
        return UNSAFE_LINK
    return error.strerror or str(error)


def is_hidden_path(relative: str) -> bool:
    """Whether the walk skips `relative`: a hidden name on the way, the generated sommaire, or
    one of the repository's pages at the root."""
    parts = relative.split("/")
    outside = _outside_notes(parts[0]) if len(parts) == 1 else parts[0] in GENERATED_PAGES
    return outside or any(part.startswith(".") for part in parts)


def is_note_path(relative: str) -> bool:
    """Whether the walk lists a file at `relative` (if it is a regular file) as a note."""
    return relative.endswith(NOTE_SUFFIX) and not is_hidden_path(relative)


def _is_listed_link(root: Path, relative: str) -> bool:
    """Whether `relative` is a symbolic link the walk lists: named as a note, or to a folder."""
    if is_hidden_path(relative) or not os.path.islink(root / relative):
        return False
    return relative.endswith(NOTE_SUFFIX) or os.path.isdir(root / relative)


def _walk(
    root: Path, links: list | None = None, links_seen: set[str] | None = None
) -> list[tuple[str, int, int, int]]:
    """Notes below `root`; hidden names (.git, .garefil, temporary files) are skipped. The
    symbolic links to folders are never entered: with `links`, their own states go there, with
    those of the links named as notes that lead to nothing; with `links_seen`, the paths of the
    links among all these.

    A loop over a stack rather than recursive generators: it runs before every read command,
    over ten thousand files.
    """
    found: list[tuple[str, int, int, int]] = []
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
                if name.startswith(".") or (not prefix and _outside_notes(name)):
                    if name.endswith(".tmp"):  # a write's, perhaps left by a killed command
                        from .atomic_files import clear_if_leftover

                        clear_if_leftover(entry)
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{name}/"))
                elif links is not None and entry.is_symlink() and _no_note_behind(entry):
                    with contextlib.suppress(OSError):
                        info = entry.stat(follow_symlinks=False)
                        state = (info.st_size, info.st_mtime_ns, info.st_ctime_ns)
                        links.append((prefix + name, *state))
                        if links_seen is not None:
                            links_seen.add(prefix + name)
                elif name.endswith(NOTE_SUFFIX):
                    with contextlib.suppress(OSError):  # vanished while walking: not there
                        info = entry.stat()
                        if stat.S_ISREG(info.st_mode):
                            path = prefix + name
                            found.append((path, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
                            if links_seen is not None and entry.is_symlink():  # no system call
                                links_seen.add(path)
    return found


def _no_note_behind(entry: os.DirEntry) -> bool:
    """Whether the symbolic link `entry` is to be said rather than read: it leads to a folder,
    or, named as a note, to nothing (gone, or a loop)."""
    try:
        if entry.is_dir():
            return True
        if not entry.name.endswith(NOTE_SUFFIX):
            return False
        os.stat(entry.path)
    except OSError:
        return entry.name.endswith(NOTE_SUFFIX)
    return False


def _outside_notes(name: str) -> bool:
    """Whether a file or folder named `name` at the root is no note: the sommaire's pages, the
    repository's own pages."""
    return name in GENERATED_PAGES or name.lower() in REPOSITORY_PAGES


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.garefil/`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_DIR).is_dir():
            return folder
    return None


def locate(
    explicit: Path | None, environ: Mapping[str, str], cwd: Path, despite_settings: bool = False
) -> Notebook:
    """Which notebook to use: `-C PATH`, else $GAREFIL_NOTEBOOK, else the nearest from `cwd`
    (opened `despite_settings` refused, if asked: see Notebook.open)."""
    start = explicit or (
        Path(environ["GAREFIL_NOTEBOOK"]) if environ.get("GAREFIL_NOTEBOOK") else cwd
    )
    if start is not cwd and not start.exists():  # a mistyped -C: say so, not "no notebook"
        raise NotebookFolderMissing(start=str(start))
    if start is not cwd and not start.is_dir():  # -C /etc/passwd: not "none in it or above"
        raise NotebookIsAFile(start=str(start))
    root = find_root(start)
    if root is None:
        raise NotebookNotFound(start=str(start))
    return Notebook.open(root, despite_settings)
