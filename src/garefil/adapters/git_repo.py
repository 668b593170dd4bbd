"""The Repository port over git, through GitPython (which runs the git binary for us).

Commits name their paths explicitly (`git commit -- PATHS`), so garefil never sweeps in files
outside the notebook or changes a coach staged for something else. Network commands never ask
for a password on the terminal (GIT_TERMINAL_PROMPT=0, ssh in batch mode): a coach sees a
one-line error instead of a frozen command. Git's own error text is translated into domain
errors here, and nowhere else.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path

import git

from garefil.core.config import holds_notebook
from garefil.core.errors import (
    GitBusy,
    GitFailure,
    GitIdentityMissing,
    NoGitHistory,
    PushRejected,
    RemoteMissing,
)
from garefil.core.notebook_branch import NOTEBOOK_BRANCH, branches_split, shared_branch
from garefil.core.sharing import RepoState, Unmerged

from . import git_locks, git_merge
from .git_failures import local_error, network_error, text_of
from .git_history import HistoryReading, _relative

REMOTE = "origin"
NETWORK_TIMEOUT = 120  # seconds; a stalled server must not freeze the command forever
_QUIET_NETWORK = {"GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs")


class GitRepository(HistoryReading):
    """One git work tree holding (or being) the notebook."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.top = Path(repo.working_tree_dir or ".").resolve()
        # GitPython expands `$NAME` in a working folder given as text, never in a Path.
        repo.git = git.Git(self.top)

    # Folder names are taken literally: GitPython would otherwise expand `$NAME` in them.
    @classmethod
    def open(cls, folder: Path, create: bool = False) -> GitRepository:
        """The work tree containing `folder`; with `create`, `git init` one if there is none."""
        try:
            return cls(git.Repo(folder, search_parent_directories=True, expand_vars=False))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            if not create:
                raise NoGitHistory(path=str(folder)) from None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            git.Git(folder.resolve()).execute(["git", "init", "--quiet", "-b", NOTEBOOK_BRANCH])
            return cls(git.Repo(folder, expand_vars=False))
        except git.GitCommandError as error:
            raise local_error(error, str(folder)) from error

    @classmethod
    def clone(cls, url: str, folder: Path) -> GitRepository:
        """Clone a shared notebook into `folder`, on the branch that holds the notebook."""
        try:
            git.Git().execute(
                ["git", "clone", "--quiet", "--", url, str(folder)],
                env={**os.environ, **_network_env(_global_config("core.sshCommand"))},
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
        specs = [os.path.relpath(p, self.top) for p in paths]
        with git_locks.one_writer(Path(self.repo.git_dir)):
            self._run("add", "--all", "--", *specs)
            if not self._staged(specs):
                return None
            self._run("commit", "--quiet", "--no-verify", "-m", message, "--", *specs)
            return self.head()

    def _staged(self, specs: Sequence[str]) -> bool:
        base = ["HEAD"] if self.head() else []
        return bool(self._run("diff", "--cached", "--name-only", *base, "--", *specs))

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
                if entry[0] in "RC":  # a rename is followed by its source path
                    index += 1
            index += 1
        return sorted(paths)

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
        )

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

    # -- remote ---------------------------------------------------------------------------------
    def remote_url(self) -> str | None:
        """The shared repository's address, if one is set."""
        return self._config(f"remote.{REMOTE}.url") or None

    def set_remote(self, url: str) -> None:
        """Set (or change) the shared repository's address."""
        current = self.remote_url()
        if current is None:
            self._run("remote", "add", REMOTE, url)
        elif current != url:
            self._run("remote", "set-url", REMOTE, url)
            self._forget_fetched()

    def _forget_fetched(self) -> None:
        """Forget the branches fetched from the old address: status and the home screen
        compare the notebook with them, and they are not the new repository's (a notebook a
        sync refused there, or a branch the new one lacks). Their commits stay where they
        were shared; the next sync fetches the new repository's own, and sets the upstream."""
        fetched = self._run("for-each-ref", "--format=%(refname)", f"refs/remotes/{REMOTE}/")
        for ref in fetched.splitlines():
            self._run("update-ref", "--no-deref", "-d", ref)
        self._run("branch", "--unset-upstream", check=False)  # none yet: nothing to unset

    def fetch(self) -> None:
        """Bring in the others' commits (remote-tracking branches only)."""
        remote = self._require_remote()
        try:
            self._network("fetch", "--quiet", "--prune", REMOTE)
        except git.GitCommandError as error:
            raise network_error(remote, error) from error

    def upstream(self) -> str | None:
        """The commit of the shared branch as of the last fetch, if it has one."""
        ref = f"refs/remotes/{REMOTE}/{self.branch()}"
        try:
            return self._run("rev-parse", "--verify", "--quiet", ref) or None
        except GitFailure:
            return None

    def push(self) -> None:
        """Send local commits; PushRejected when someone pushed in between."""
        remote = self._require_remote()
        branch = self.branch()
        try:
            self._network("push", "--quiet", "--set-upstream", REMOTE, f"HEAD:{branch}")
        except git.GitCommandError as error:
            if any(marker in text_of(error).lower() for marker in _REJECTED):
                raise PushRejected() from error
            raise network_error(remote, error) from error
        self._point_remote_head(remote, branch)

    def _point_remote_head(self, remote: str, branch: str) -> None:
        """Make a shared repository on a local path name the notebook's branch as its HEAD,
        if its HEAD names a branch that does not exist (git's `master` in a fresh bare repo):
        a plain `git clone` of it then checks the notebook out. Servers set this on their
        web page; garefil finds the notebook's branch anyway (docs/sharing.md)."""
        folder = _local_folder(remote, self.top)
        if folder is None:
            return
        bare = git.Git(folder)
        try:
            head = bare.execute(["git", "symbolic-ref", "HEAD"])
            if head != f"refs/heads/{branch}" and not _ref_exists(bare, head):
                bare.execute(["git", "symbolic-ref", "HEAD", f"refs/heads/{branch}"])
        except (git.GitCommandError, OSError):
            pass  # a remote we may not change: clones still find the notebook's branch

    def ahead_behind(self) -> tuple[int, int]:
        """Commits to share, and commits to bring in, as of the last fetch."""
        upstream = f"refs/remotes/{REMOTE}/{self.branch()}"
        if not self.head():
            return 0, 0
        if not self._exists(upstream):  # nothing shared yet: every commit waits
            return int(self._run("rev-list", "--count", "HEAD")), 0
        counts = self._run("rev-list", "--left-right", "--count", f"HEAD...{upstream}")
        ahead, behind = counts.split()
        return int(ahead), int(behind)

    def files_to_move(self) -> tuple[int, int]:
        """Files the team's commits change here, and files ours change there, as of the last
        fetch: what makes a sync long."""
        upstream = f"refs/remotes/{REMOTE}/{self.branch()}"
        if not self.head():
            return 0, 0
        if not self._exists(upstream):  # nothing shared yet: every file goes
            return 0, _counted(self._run("ls-tree", "-r", "-z", "--name-only", "HEAD"))
        changed = ("diff", "--name-only", "-z", "--no-renames")
        if not self._run("merge-base", "HEAD", upstream, check=False):
            both = _counted(self._run(*changed, "HEAD", upstream))  # two notebooks made apart
            return both, both
        return (
            _counted(self._run(*changed, f"HEAD...{upstream}")),
            _counted(self._run(*changed, f"{upstream}...HEAD")),
        )

    def _require_remote(self) -> str:
        remote = self.remote_url()
        if not remote:
            raise RemoteMissing()
        return remote

    def _network(self, *args: str) -> str:
        return self.repo.git.execute(
            ["git", *args],
            env={**os.environ, **_network_env(self._config("core.sshCommand"))},
            kill_after_timeout=NETWORK_TIMEOUT,
        )

    # -- merging --------------------------------------------------------------------------------
    def register_merge_driver(self) -> None:
        """Record (again, if missing or from another Python) the notes' merge driver here."""
        key = f"merge.{git_merge.DRIVER}.driver"
        if self._config(key) != git_merge.driver_command():
            self._run("config", key, git_merge.driver_command())
            self._run("config", f"merge.{git_merge.DRIVER}.name", git_merge.DRIVER_NAME)

    def merge(self, commit: str, message: str) -> list[Unmerged]:
        """Merge `commit` into the current branch; the paths left in conflict (merge pending)."""
        self.register_merge_driver()
        try:
            # Unrelated histories happen when two coaches each created the notebook, then
            # shared it: both are notebooks, and conflicts are kept in two versions as usual.
            with git_locks.one_writer(Path(self.repo.git_dir)):
                self._run(
                    "merge",
                    "--no-edit",
                    "--no-verify",
                    "--allow-unrelated-histories",
                    "-m",
                    message,
                    commit,
                )
            return []
        except GitFailure:
            unmerged = self.unmerged()
            if not unmerged:
                raise
            return unmerged

    def unmerged(self) -> list[Unmerged]:
        """Paths in conflict, with the blob of each side (None where that side deleted it)."""
        stages: dict[str, dict[int, str]] = {}
        for line in self._run("ls-files", "--unmerged", "-z").split("\0"):
            if line:
                info, path = line.split("\t", 1)
                _mode, sha, stage = info.split()
                stages.setdefault(path, {})[int(stage)] = sha
        return [
            Unmerged(path, sides.get(2), sides.get(3)) for path, sides in sorted(stages.items())
        ]

    def stores(self, sha: str) -> bool:
        """Whether git already stores the file version `sha` (a blob of any commit, or fetched)."""
        try:
            return self.repo.odb.info(bytes.fromhex(sha)).type == b"blob"
        except (ValueError, OSError):  # unknown to git (GitPython says ValueError)
            return False

    def blob(self, sha: str) -> bytes:
        """The content of a stored file version."""
        return self.repo.git.execute(
            ["git", "cat-file", "blob", sha], stdout_as_string=False, strip_newline_in_stdout=False
        )

    def finish_merge(self, paths: Sequence[Path], message: str) -> str | None:
        """Record the resolved `paths` and conclude the merge in progress."""
        specs = [os.path.relpath(p, self.top) for p in paths]
        with git_locks.one_writer(Path(self.repo.git_dir)):
            if specs:
                self._run("add", "--all", "--", *specs)
            self._run("commit", "--quiet", "--no-verify", "--no-edit", "-m", message)
        return self.head()

    # -- plumbing -------------------------------------------------------------------------------
    def _run(self, *args: str, strip: bool = True, check: bool = True) -> str:
        """Run git here; wait out another git's lock (bounded), clearing an abandoned one."""
        deadline, attempt = time.monotonic() + git_locks.wait_budget(), 0
        while True:
            try:
                out = self.repo.git.execute(["git", *args], strip_newline_in_stdout=False)
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


def _network_env(ssh_command: str) -> dict[str, str]:
    env = dict(_QUIET_NETWORK)
    # The coach's own ssh setting wins (a key, a port, known hosts): GIT_SSH_COMMAND would
    # otherwise hide core.sshCommand, the setting git documents for choosing them.
    if ssh_command or "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        env.pop("GIT_SSH_COMMAND")
    return env


def _global_config(key: str) -> str:
    """A value of git's configuration outside any repository (global, system), or ''."""
    try:
        return git.Git().execute(["git", "config", "--get", key]).strip()
    except git.GitCommandError:
        return ""


def set_global_identity(name: str, email: str) -> None:
    """Write user.name and user.email in git's global configuration (GIT_CONFIG_GLOBAL or
    ~/.gitconfig), for a coach who has no notebook yet."""
    runner = git.Git()
    try:
        runner.execute(["git", "config", "--global", "user.name", name])
        runner.execute(["git", "config", "--global", "user.email", email])
    except git.GitCommandError as error:
        raise local_error(error, str(Path.home())) from error


def _local_folder(remote: str, top: Path) -> Path | None:
    """The folder of a shared repository given as a path or a file:// address (git reads a
    relative path from the work tree's top); None for a server (ssh, https, host:path…)."""
    path = remote.removeprefix("file://")
    if "://" in path or (":" in path and not path.startswith(("/", "."))):
        return None
    return (top / path).resolve()


def _ref_exists(repository: git.Git, ref: str) -> bool:
    try:
        repository.execute(["git", "rev-parse", "--verify", "--quiet", ref])
        return True
    except git.GitCommandError:
        return False


def _counted(names: str) -> int:
    """How many file names git listed, separated by NUL bytes."""
    return len([name for name in names.split("\0") if name])
