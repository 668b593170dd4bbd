"""What git says of the notebook's work tree, for the index's freshness (core/freshness.py).

git itself, not GitPython (whose import costs more than these questions), and nothing written:
`--no-optional-locks` keeps `git status` from refreshing git's own index, which a `git` or a
`sync` running beside it may hold. Whenever git cannot vouch for every note file, the answer is
None and the notebook is walked as before: git missing or failing, no commit yet, a `.git` that
is not a folder at the notebook's root (a notebook inside a larger repository, a linked work
tree), a submodule or nested repository (git does not list the files inside them), a folder git
ignores or does not track as a whole (it names the folder, not the notes in it).

`history` is the `git log` that tells the catalogue when git recorded each file: of the few
commits since the HEAD the index last matched, or of the whole history for a full build.

Its readers of git's `--name-status -z` listings (`name_status`, `renames`, `log_records`) are
the only ones: the other adapters ask git with `-z` and read the answer here, never git's quoted
names. This module imports nothing heavy, so each of them may import it.

The `git status` of a read command may already be running when the question comes: cli/process.py
starts it at the very start of the process (`start_status`), in parallel with the imports, and
`state` takes its answer only if it asks the very same thing (same command line, same folder,
same environment); otherwise git runs now, as always. An answer nobody took is reaped at exit.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path

# Imported by cli/process.py before anything else (see start_status): the core's modules are
# imported only where a status is read, so that git starts as early as it can.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from garefil.core.freshness import Commit, History, TreeState

# Variables that would point git at another repository or index than the notebook's own.
_REDIRECTING = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_PREFIX")
# What starts each commit of a `git log` read here (log_records): no name holds it.
RECORD = "\x1e"
_LOG_FORMAT = f"--format={RECORD}%m%at %H %P"  # side, author time, id, parents
_STATUS = (
    "--no-optional-locks",
    "status",
    "--porcelain=v2",
    "--branch",
    "-z",
    "--untracked-files=all",
    "--ignored=matching",
    "--no-renames",
)


class GitWorkTree:
    """The work tree at `root`, as git sees it (implements core WorkTree)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def state(self) -> TreeState | None:
        """HEAD and the paths that are not clean; None when git cannot vouch for every file."""
        if not (self.root / ".git").is_dir() or (self.root / ".gitmodules").exists():
            return None
        status = self._git(*_STATUS)
        return None if status is None else read_status(status)

    def changed_between(self, old: str, new: str) -> frozenset[str] | None:
        """The paths that differ between commits `old` and `new`; None if git cannot say (the
        old commit is gone) or a folder changed as a whole (a nested repository)."""
        names = self._git("diff", "--name-only", "-z", "--no-renames", old, new, "--")
        if names is None:
            return None
        paths = frozenset(filter(None, names.split("\0")))
        if any(os.path.isdir(self.root / path) for path in paths):
            return None
        return paths

    def history(self, since: str | None, head: str) -> History | None:
        """The commits from `since` to `head`, oldest first, with the files each changed: one
        `git log` of the few new commits; of the whole history when `since` is None, gone, or
        no longer in `head`'s past (a rewritten history); None when git cannot tell."""
        if since is not None:
            sides = self._log("--left-right", f"{since}...{head}")
            if sides is not None and all(side == ">" for side, _commit in sides):
                return _history(head, sides, whole=False)
        every = self._log(head)
        return None if every is None else _history(head, every, whole=True)

    def _log(self, *revisions: str) -> list[tuple[str, Commit]] | None:
        """Each commit of `revisions`, oldest first: its side of a symmetric range and what it
        changed, renames found (`-M`: a note renamed by `mv` keeps its first time; finding
        them costs git nothing when a commit does not both add and delete files)."""
        options = ("--no-color", "-M", "--reverse", _LOG_FORMAT, "--name-status", "-z")
        out = self._git("log", *options, *revisions, "--")
        return None if out is None else list(read_log(out))

    def settle(self) -> None:
        """`git update-index --refresh`: git records the files' stat data in its index, so
        that it stops reading back, at each `status`, files it checked out in the same second
        as it wrote that index (a fresh clone: 0.10 s instead of 0.02 s at 10,000 notes). It
        takes git's lock only if free, and changes no file and nothing staged."""
        if (self.root / ".git").is_dir():
            self._git("update-index", "-q", "--refresh")

    def _git(self, *args: str) -> str | None:
        """git's output for `args` in the work tree, or None when it fails or is missing."""
        command, env = _command(self.root, args), _environment()
        done = _take_early(command, env)
        if done is None:
            try:
                done = subprocess.run(command, capture_output=True, env=env, check=False)
            except OSError:
                return None
        if done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", "surrogateescape")


def _history(head: str, commits: list[tuple[str, Commit]], whole: bool) -> History:
    from garefil.core.freshness import History

    return History(head, tuple(commit for _side, commit in commits), whole)


def read_log(text: str) -> Iterator[tuple[str, Commit]]:
    """The commits of a `git log` in _LOG_FORMAT with `--name-status -z`, in its order: each
    one's side (`<` or `>` of a symmetric range, else `>`), author time, id and parents, then
    its files."""
    for header, files in log_records(text):
        commit = commit_of(header[1:], files)
        if commit is not None:
            yield header[:1], commit


def log_records(text: str) -> Iterator[tuple[str, list[tuple[str, tuple[str, ...]]]]]:
    """Each commit of a `git log --name-status -z` whose format starts with RECORD, in its
    order: the rest of its header, and its files as `name_status` reads them."""
    for record in text.split(RECORD)[1:]:
        header, *fields = record.split("\0")
        yield header, list(name_status(fields))


def commit_of(header: str, files: Iterable[tuple[str, tuple[str, ...]]] = ()) -> Commit | None:
    """The commit a `git log` header `AUTHOR-TIME ID PARENT…` describes, with `files` (as
    `name_status` reads them); None when its time is none a clock can show (a forged date)."""
    from garefil.core.freshness import Commit

    time, commit_id, *parents = header.split(" ") + [""]
    try:
        second = int(time)
        datetime.fromtimestamp(second)
    except (ValueError, OverflowError, OSError):
        return None
    paths, renamed = _changes(files)
    return Commit(second, paths, renamed, commit_id, tuple(p for p in parents if p.strip()))


def _changes(
    files: Iterable[tuple[str, tuple[str, ...]]],
) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The paths a commit's files name, and the renames among them (old path, new path)."""
    paths: list[str] = []
    renamed: list[tuple[str, str]] = []
    for status, names in files:
        paths += names
        if status[:1] == "R":
            renamed.append((names[0], names[1]))
    return tuple(paths), tuple(renamed)


def name_status(fields: Iterable[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each file of a `--name-status -z` listing split at its NULs: its status (`M`, `A`,
    `D`, `R097`, `C100`…) and its paths, the old then the new for a rename or a copy, else one.
    It ends at the first empty field: the end of a `git diff`'s listing, or of one commit's in
    a `git log` (where the first status follows the newline that ends the commit's header)."""
    fields = iter(fields)
    for field in fields:
        status = field.lstrip("\n")
        if not status:
            return
        if status[:1] in ("R", "C"):
            yield status, (next(fields, ""), next(fields, ""))
        else:
            yield status, (next(fields, ""),)


def renames(listing: str) -> list[tuple[str, str, int]]:
    """(old path, new path, percent alike) of each rename a `--name-status -z` listing names."""
    return [
        (names[0], names[1], int(status[1:]))
        for status, names in name_status(listing.split("\0"))
        if status[:1] == "R" and status[1:].isdigit()
    ]


def _command(root: Path, args: Sequence[str]) -> list[str]:
    return ["git", "-C", str(root), *args]


def _environment() -> dict[str, str]:
    """The process's environment, without what would point git elsewhere, in the C locale."""
    env = {k: v for k, v in os.environ.items() if k not in _REDIRECTING}
    return env | {"LC_ALL": "C"}


# The status started early: (command line, environment, running git), at most one.
_early: list[tuple[list[str], dict[str, str], subprocess.Popen[bytes]]] = []


def start_status(root: str) -> None:
    """Start now the `git status` that `state()` of the notebook at `root` (a resolved path)
    will ask, so that it runs while the command is still being imported (cli/process.py)."""
    folder = Path(root)
    if not (folder / ".git").is_dir() or (folder / ".gitmodules").exists():
        return  # state() will not ask git at all
    command, env = _command(folder, _STATUS), _environment()
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    except OSError:
        return  # no git: state() will find out the same way
    _early.append((command, env, process))


def _take_early(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess | None:
    """What the early git answered, if it was asked exactly `command` with `env` (taken once)."""
    for early in _early:
        if early[0] == command and early[1] == env:
            _early.remove(early)
            out, err = early[2].communicate()
            return subprocess.CompletedProcess(command, early[2].returncode, out, err)
    return None


def reap_early() -> None:
    """End and reap an early `git status` nobody asked for (an error, another folder, --help):
    it only reads, with --no-optional-locks, so stopping it leaves nothing behind."""
    while _early:
        process = _early.pop()[2]
        if process.poll() is None:
            process.kill()
        process.communicate()


def read_status(text: str) -> TreeState | None:
    """HEAD and the unclean paths from `status --porcelain=v2 --branch -z`; None when a
    submodule, a nested repository or a whole folder stands in the way, or there is no commit."""
    from garefil.core.freshness import TreeState
    from garefil.core.notebook import is_hidden_path

    head, unsettled = None, set()
    for record in text.split("\0"):
        if record.startswith("# branch.oid "):
            head = record.split(" ", 2)[2]
        elif record[:2] in ("1 ", "u "):
            fields = record.split(" ", 8 if record[0] == "1" else 10)
            if fields[2].startswith("S"):  # a submodule: its files are not listed
                return None
            unsettled.add(fields[-1])
        elif record[:2] in ("? ", "! "):
            path = record[2:]
            if path.endswith("/"):  # a folder named as a whole: its notes are not listed
                if is_hidden_path(path.rstrip("/")):
                    continue  # .garefil/index/ and the like: never notes
                return None
            unsettled.add(path)
        elif record.startswith("2 "):  # renames are off; kept safe all the same
            return None
    if head is None or not head.isalnum():  # "(initial)": no commit yet
        return None
    return TreeState(head, frozenset(unsettled))
