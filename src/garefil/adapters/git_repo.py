"""The Repository port over git, through GitPython (which runs the git binary for us).

Commits name their paths explicitly (`git commit -- PATHS`), so garefil never sweeps in files
outside the notebook or changes a coach staged for something else. Git's own error text is
translated into domain errors here and in the mixins this class is made of, and nowhere else:
reading the history (git_history.py), the shared repository (git_remote.py) and merging
(git_merging.py).
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import git

from garefil.core import clock
from garefil.core.config import holds_notebook
from garefil.core.errors import GitBusy, GitFailure, GitIdentityMissing, NoGitHistory
from garefil.core.notebook_branch import NOTEBOOK_BRANCH, branches_split, shared_branch
from garefil.core.sharing import RepoState

from . import git_locks, git_undivided
from .git_failures import local_error, network_error, text_of
from .git_history import HistoryReading, _relative
from .git_interrupted import Interrupted
from .git_merging import Merging
from .git_remote import NETWORK_TIMEOUT, REMOTE, RemoteSharing, global_config, network_env
from .git_worktree import renames


class GitRepository(HistoryReading, RemoteSharing, Merging, Interrupted):
    """One git work tree holding (or being) the notebook."""

    def __init__(self, repo: git.Repo, folder: Path | None = None) -> None:
        self.repo = repo
        self.top = Path(repo.working_tree_dir or ".").resolve()
        self.folder = folder.resolve() if folder is not None else self.top
        # GitPython expands `$NAME` in a working folder given as text, never in a Path.
        repo.git = git.Git(self.top)

    # Folder names are taken literally: GitPython would otherwise expand `$NAME` in them.
    @classmethod
    def open(cls, folder: Path, create: bool = False, own: bool = False) -> GitRepository:
        """The work tree containing `folder`; with `create`, `git init` one if there is none
        (with `own`, also if the one found begins above `folder`: another project's)."""
        try:
            found = cls(git.Repo(folder, search_parent_directories=True, expand_vars=False), folder)
            if not (own and found.top != found.folder):
                return found
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            if not create:
                raise NoGitHistory(path=str(folder)) from None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            git.Git(folder.resolve()).execute(["git", "init", "--quiet", "-b", NOTEBOOK_BRANCH])
            return cls(git.Repo(folder, expand_vars=False), folder)
        except git.GitCommandError as error:
            raise local_error(error, str(folder)) from error

    @classmethod
    def top_above(cls, folder: Path) -> Path | None:
        """The top of the git work tree `folder` is inside, if it begins above `folder`."""
        try:
            found = cls.open(folder)
        except NoGitHistory:
            return None
        return found.top if found.top != found.folder else None

    @classmethod
    def clone(cls, url: str, folder: Path) -> GitRepository:
        """Clone a shared notebook into `folder`, on the branch that holds the notebook."""
        try:
            git.Git().execute(
                ["git", "clone", "--quiet", "--", url, str(folder)],
                env={**os.environ, **network_env(global_config("core.sshCommand"))},
                kill_after_timeout=NETWORK_TIMEOUT,
            )
        except git.GitCommandError as error:
            raise network_error(url, error) from error
        repository = cls(git.Repo(folder, expand_vars=False))
        repository.register_merge_driver()  # the first merge already merges notes key by key
        # An empty shared repository: the notebook starts on its usual branch, not git's default.
        local = repository.branch() if repository.head() else NOTEBOOK_BRANCH
        repository.use_branch(shared_branch(local, repository.notebook_branches()))
        return repository

    # -- identity ------------------------------------------------------------------------------
    def author_name(self) -> str:
        """user.name (or GIT_AUTHOR_NAME); GitIdentityMissing when name or e-mail is unset."""
        name = os.environ.get("GIT_AUTHOR_NAME") or self._config("user.name")
        email = os.environ.get("GIT_AUTHOR_EMAIL") or self._config("user.email")
        if not name or not email:
            raise GitIdentityMissing()
        return name

    def author_email(self) -> str | None:
        """user.email (or GIT_AUTHOR_EMAIL), or None when git does not know it."""
        return os.environ.get("GIT_AUTHOR_EMAIL") or self._config("user.email") or None

    def _config(self, key: str) -> str:
        # Asked of git itself, not GitPython's reader, so GIT_CONFIG_GLOBAL and includes count.
        try:
            return self.repo.git.config("--get", key).strip()
        except git.GitCommandError:
            return ""

    def set_identity(self, name: str, email: str) -> None:
        """Store the coach's name and e-mail in this repository's own configuration."""
        self._run("config", "user.name", name)
        self._run("config", "user.email", email)

    def leave_out(self, folders: Sequence[Path]) -> None:
        """Never record `folders` (this copy only: `.git/info/exclude`), e.g. other repositories."""
        exclude = Path(self.repo.git_dir) / "info" / "exclude"
        exclude.parent.mkdir(exist_ok=True)
        lines = [f"/{os.path.relpath(folder, self.top)}/\n" for folder in folders]
        known = exclude.read_text(encoding="utf-8").splitlines() if exclude.is_file() else []
        lines = [line for line in dict.fromkeys(lines) if line.rstrip("\n") not in known]
        if not lines:
            return  # said once is enough: the file would grow at each call
        with exclude.open("a", encoding="utf-8") as handle:
            if known and not exclude.read_text(encoding="utf-8").endswith("\n"):
                handle.write("\n")
            handle.writelines(lines)

    # -- local history --------------------------------------------------------------------------
    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Commit exactly `paths` (new, changed or deleted); None if none of them changed."""
        self.author_name()
        self.register_merge_driver()
        # No commit yet: the notebook's creation, left unrecorded while git knew no identity,
        # goes with its first change (else sync would call its files edits made by hand).
        if not self.repo.head.is_valid():
            paths = [*paths, self.top]
        specs = [os.path.relpath(p, self.top) for p in paths]
        with git_locks.one_writer(Path(self.repo.git_dir)):
            addable = self._addable(specs)
            if addable:
                self._run("add", "--all", "--", *addable)
            staged = self._staged(specs)
            if not staged:
                return None
            written = _written_on()
            self._run("commit", "--quiet", "--no-verify", *written, "-m", message, "--", *staged)
            return self.head()

    def _addable(self, specs: Sequence[str]) -> list[str]:
        """`specs` less the files already deleted from git's index (`git rm`, the source of a
        `git mv`): `git add` refuses those, and their deletion is staged already."""
        gone = [spec for spec in specs if not os.path.lexists(self.top / spec)]
        if not gone:
            return list(specs)
        listed = self._run("ls-files", "-z", "--", *gone, strip=False).split("\0")
        return [spec for spec in specs if spec not in gone or spec in listed]

    def _staged(self, specs: Sequence[str]) -> list[str]:
        """The files among `specs` whose staged version differs from the last commit; a
        rename counts as its two paths, so that the deletion is committed with the addition."""
        base = ["HEAD"] if self.head() else []
        diff = ("diff", "--cached", "--name-only", "--no-renames", "-z", *base, "--", *specs)
        return [path for path in self._run(*diff, strip=False).split("\0") if path]

    def pending(self, folder: Path) -> list[str]:
        """Files under `folder` changed, added or deleted since the last commit."""
        spec = os.path.relpath(folder, self.top)
        out = self._run(
            "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", spec, strip=False
        )  # the first entry may start with a space
        entries, paths = out.split("\0"), []
        index = 0
        while index < len(entries):
            entry = entries[index]
            if len(entry) > 3:
                paths.append(_relative(entry[3:], spec))
                if "R" in entry[:2]:  # followed by its source: deleted, to record as well
                    index += 1
                    paths.append(_relative(entries[index], spec))
                elif "C" in entry[:2]:  # a copy's source is unchanged
                    index += 1
            index += 1
        return sorted(paths)

    def staged_renames(self, folder: Path) -> dict[str, str]:
        """New path → old path, relative to `folder`, of the files under it that git pairs as
        renamed in what is staged (`git mv`); empty without a commit to compare with."""
        if self.head() is None:
            return {}
        spec = os.path.relpath(folder, self.top)
        diff = ("diff", "--cached", "--name-status", "-z", "-M", "HEAD", "--", spec)
        listing = self._run(*diff, strip=False)
        return {_relative(new, spec): _relative(old, spec) for old, new, _ in renames(listing)}

    def head(self) -> str | None:
        """The current commit, or None in a repository without commits."""
        try:
            return self._run("rev-parse", "--verify", "--quiet", "HEAD") or None
        except GitFailure:
            return None

    # -- state and recovery ---------------------------------------------------------------------
    def state(self) -> RepoState:
        """Branch, remote, and whether a merge, a rebase or a crashed git left traces."""
        git_dir = Path(self.repo.git_dir)
        lock = git_dir / "index.lock"
        lock_age = time.time() - lock.stat().st_mtime if lock.exists() else None
        return RepoState(
            branch=self.branch(),
            remote=self.remote_url(),
            merging=(git_dir / "MERGE_HEAD").exists(),
            rebasing=(git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists(),
            lock_age=lock_age,
            updating=self.update_interrupted(),
        )

    def wait_until_idle(self) -> None:
        """Wait (as long as for a lock, at most) until no git works in this repository: after
        Ctrl-C, a git garefil started may still be finishing a commit."""
        lock, attempt = Path(self.repo.git_dir) / "index.lock", 0
        deadline = time.monotonic() + git_locks.wait_budget()
        while lock.exists() and time.monotonic() < deadline:
            attempt += 1
            time.sleep(git_locks.pause(attempt))

    def clear_stale_lock(self) -> bool:
        """Delete `.git/index.lock` if the git that left it is gone; whether it did."""
        return git_locks.clear_if_abandoned(Path(self.repo.git_dir) / "index.lock")

    def branch(self) -> str:
        """The branch checked out here (it may have no commit yet)."""
        try:
            return self._run("symbolic-ref", "--short", "HEAD")
        except GitFailure:
            return NOTEBOOK_BRANCH

    def notebook_branches(self) -> list[str]:
        """The shared repository's branches that hold a notebook, as of the last fetch."""
        prefix = f"refs/remotes/{REMOTE}/"
        out = self._run("for-each-ref", "--format=%(refname)", prefix)
        names = [ref.removeprefix(prefix) for ref in out.splitlines() if ref.strip()]
        return sorted(name for name in names if name != "HEAD" and self._holds_notebook(name))

    def _holds_notebook(self, branch: str) -> bool:
        listing = self._run("ls-tree", "-r", "--name-only", f"refs/remotes/{REMOTE}/{branch}")
        return holds_notebook(listing.splitlines())

    def use_branch(self, name: str) -> None:
        """Work on branch `name` from now on, the shared one; nothing committed is lost."""
        current = self.branch()
        if name == current:
            return
        shared = f"refs/remotes/{REMOTE}/{name}"
        if not self.head():  # a fresh clone or notebook: nothing of ours to carry over
            if self._exists(shared) and not self._exists(f"refs/heads/{name}"):
                self._run("checkout", "--quiet", "-b", name, "--track", shared)
            else:
                self._run("symbolic-ref", "HEAD", f"refs/heads/{name}")
            return
        local = f"refs/heads/{name}"
        if self._exists(local) and not self._is_ancestor(local, shared):
            raise branches_split([current, name], name)
        # The same commits, under the shared name; a local branch of that name only held
        # commits that are shared already, so nothing is lost by replacing it.
        self._run("branch", "-M", current, name)

    def shares_history(self, commit: str) -> bool:
        """Whether `commit` and this branch have a commit in common (or this one has none)."""
        if not self.head():
            return True
        return bool(self._run("merge-base", "HEAD", commit, check=False))

    def _is_ancestor(self, ref: str, other: str) -> bool:
        try:
            self._run("merge-base", "--is-ancestor", ref, other)
            return True
        except GitFailure:
            return False

    def _exists(self, ref: str) -> bool:
        try:
            return bool(self._run("rev-parse", "--verify", "--quiet", ref))
        except GitFailure:
            return False

    # -- plumbing -------------------------------------------------------------------------------
    def _run(self, *args: str, strip: bool = True, check: bool = True) -> str:
        """Run git here; wait out another git's lock (bounded), clearing an abandoned one."""
        deadline, attempt = time.monotonic() + git_locks.wait_budget(), 0
        while True:
            try:
                out = self.repo.git.execute(
                    ["git", *args], strip_newline_in_stdout=False, **git_undivided.child_options()
                )
                return out.strip() if strip else out
            except git.GitCommandError as error:
                if not check:
                    return ""
                lock = git_locks.lock_in(text_of(error))
                if lock is None:
                    raise local_error(error, str(self.top)) from error
                if not git_locks.clear_if_abandoned(lock) and time.monotonic() > deadline:
                    raise GitBusy() from error
            attempt += 1
            time.sleep(git_locks.pause(attempt))


def set_global_identity(name: str, email: str) -> None:
    """Write user.name and user.email in git's global configuration (GIT_CONFIG_GLOBAL or
    ~/.gitconfig), for a coach who has no notebook yet."""
    runner = git.Git()
    try:
        runner.execute(["git", "config", "--global", "user.name", name])
        runner.execute(["git", "config", "--global", "user.email", email])
    except git.GitCommandError as error:
        raise local_error(error, str(Path.home())) from error


GIT_YEARS = (1971, 2099)  # the author dates git reads as written; others, it misreads


def _written_on() -> list[str]:
    """git's author date when $GAREFIL_TODAY fixes the day: a coach's note is written on the
    day garefil shows (a draft's age, `fil`'s order count from it), while the commit's own time
    stays the machine's. An author date git is given already (GIT_AUTHOR_DATE) is kept."""
    fixed = clock.fixed_moment()
    if fixed is None or os.environ.get("GIT_AUTHOR_DATE"):
        return []
    if not GIT_YEARS[0] <= fixed.year <= GIT_YEARS[1]:
        return []  # git would silently take another day (this year's 1st of January)
    return ["--date", fixed.isoformat(timespec="seconds")]
