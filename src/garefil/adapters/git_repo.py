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

from garefil.core.errors import (
    GitBusy,
    GitFailure,
    GitIdentityMissing,
    PushRejected,
    RemoteMissing,
    RemoteUnreachable,
)
from garefil.core.sharing import FileChange, HistoryEntry, RepoState, Unmerged

REMOTE = "origin"
NETWORK_TIMEOUT = 120  # seconds; a stalled server must not freeze the command forever
_QUIET_NETWORK = {"GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs")
_FIELD, _RECORD = "\x1f", "\x1e"


class GitRepository:
    """One git work tree holding (or being) the notebook."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        self.top = Path(repo.working_tree_dir or ".").resolve()

    @classmethod
    def open(cls, folder: Path, create: bool = False) -> GitRepository:
        """The work tree containing `folder`; with `create`, `git init` one if there is none."""
        try:
            return cls(git.Repo(folder, search_parent_directories=True))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            if not create:
                raise GitFailure(detail=f"{folder}: not a git repository") from None
        try:
            return cls(git.Repo.init(folder, initial_branch="main"))
        except git.GitCommandError as error:
            raise GitFailure(detail=_first_line(error)) from None

    @classmethod
    def clone(cls, url: str, folder: Path) -> GitRepository:
        """Clone a shared notebook into `folder`."""
        try:
            env = {**os.environ, **_network_env()}
            return cls(git.Repo.clone_from(url, folder, env=env))
        except git.GitCommandError as error:
            raise RemoteUnreachable(remote=url, detail=_first_line(error)) from None

    # -- identity ------------------------------------------------------------------------------
    def author_name(self) -> str:
        """user.name (or GIT_AUTHOR_NAME); GitIdentityMissing when name or e-mail is unset."""
        name = os.environ.get("GIT_AUTHOR_NAME") or self._config("user.name")
        email = os.environ.get("GIT_AUTHOR_EMAIL") or self._config("user.email")
        if not name or not email:
            raise GitIdentityMissing()
        return name

    def _config(self, key: str) -> str:
        # Asked of git itself, not GitPython's reader, so GIT_CONFIG_GLOBAL and includes count.
        try:
            return self.repo.git.config("--get", key).strip()
        except git.GitCommandError:
            return ""

    def set_identity(self, name: str, email: str) -> None:
        """Store the coach's name and e-mail in this repository's own configuration."""
        with self.repo.config_writer("repository") as writer:
            writer.set_value("user", "name", name)
            writer.set_value("user", "email", email)

    # -- local history --------------------------------------------------------------------------
    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Commit exactly `paths` (new, changed or deleted); None if none of them changed."""
        self.author_name()
        specs = [os.path.relpath(p, self.top) for p in paths]
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

    def history(self, path: Path) -> list[HistoryEntry]:
        """Who changed `path` and when, newest first, following renames."""
        spec = os.path.relpath(path, self.top)
        fields = _FIELD.join(["%H", "%an", "%ae", "%aI", "%s"]) + _RECORD
        out = self._run("log", "--follow", f"--format={fields}", "--", spec)
        return [
            HistoryEntry(*record.strip("\n").split(_FIELD))
            for record in out.split(_RECORD)
            if record.strip()
        ]

    # -- state and recovery ---------------------------------------------------------------------
    def state(self) -> RepoState:
        """Branch, remote, and whether a merge, a rebase or a crashed git left traces."""
        git_dir = Path(self.repo.git_dir)
        lock = git_dir / "index.lock"
        lock_age = time.time() - lock.stat().st_mtime if lock.exists() else None
        return RepoState(
            branch=self._branch(),
            remote=self.remote_url(),
            merging=(git_dir / "MERGE_HEAD").exists(),
            rebasing=(git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists(),
            lock_age=lock_age,
        )

    def remove_stale_lock(self) -> None:
        """Delete `.git/index.lock` (only called once the lock is known to be abandoned)."""
        (Path(self.repo.git_dir) / "index.lock").unlink(missing_ok=True)

    def _branch(self) -> str:
        try:
            return self._run("symbolic-ref", "--short", "HEAD")
        except GitFailure:
            return "main"

    # -- remote ---------------------------------------------------------------------------------
    def remote_url(self) -> str | None:
        """The shared repository's address, if one is set."""
        return self._config(f"remote.{REMOTE}.url") or None

    def set_remote(self, url: str) -> None:
        """Set (or change) the shared repository's address."""
        verb = "set-url" if self.remote_url() else "add"
        self._run("remote", verb, REMOTE, url)

    def fetch(self) -> str | None:
        """Bring in the others' commits; the commit of the shared branch, if it has one."""
        remote = self._require_remote()
        try:
            self._network("fetch", "--quiet", "--prune", REMOTE)
        except git.GitCommandError as error:
            raise RemoteUnreachable(remote=remote, detail=_first_line(error)) from None
        ref = f"refs/remotes/{REMOTE}/{self._branch()}"
        try:
            return self._run("rev-parse", "--verify", "--quiet", ref) or None
        except GitFailure:
            return None

    def push(self) -> None:
        """Send local commits; PushRejected when someone pushed in between."""
        remote = self._require_remote()
        try:
            self._network("push", "--quiet", "--set-upstream", REMOTE, f"HEAD:{self._branch()}")
        except git.GitCommandError as error:
            text = f"{error.stderr or ''}{error.stdout or ''}".lower()
            if any(marker in text for marker in _REJECTED):
                raise PushRejected() from None
            raise RemoteUnreachable(remote=remote, detail=_first_line(error)) from None

    def ahead_behind(self) -> tuple[int, int]:
        """Commits to share, and commits to bring in, as of the last fetch."""
        upstream = f"refs/remotes/{REMOTE}/{self._branch()}"
        if not self.head():
            return 0, 0
        try:
            counts = self._run("rev-list", "--left-right", "--count", f"HEAD...{upstream}")
        except GitFailure:  # nothing shared yet: every commit waits
            return int(self._run("rev-list", "--count", "HEAD")), 0
        ahead, behind = counts.split()
        return int(ahead), int(behind)

    def _require_remote(self) -> str:
        remote = self.remote_url()
        if not remote:
            raise RemoteMissing()
        return remote

    def _network(self, *args: str) -> str:
        return self.repo.git.execute(
            ["git", *args], env={**os.environ, **_network_env()}, kill_after_timeout=NETWORK_TIMEOUT
        )

    # -- merging --------------------------------------------------------------------------------
    def merge(self, commit: str, message: str) -> list[Unmerged]:
        """Merge `commit` into the current branch; the paths left in conflict (merge pending)."""
        try:
            # Unrelated histories happen when two coaches each created the notebook, then
            # shared it: both are notebooks, and conflicts are kept in two versions as usual.
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

    def last_author(self, commit: str, path: str) -> str:
        """Who last changed `path` (relative to the top folder) in the history of `commit`."""
        try:
            return self._run("log", "-1", "--format=%an", commit, "--", path) or "?"
        except GitFailure:
            return "?"

    def blob(self, sha: str) -> bytes:
        """The content of a stored file version."""
        return self.repo.odb.stream(bytes.fromhex(sha)).read()

    def finish_merge(self, paths: Sequence[Path], message: str) -> str | None:
        """Record the resolved `paths` and conclude the merge in progress."""
        specs = [os.path.relpath(p, self.top) for p in paths]
        if specs:
            self._run("add", "--all", "--", *specs)
        self._run("commit", "--quiet", "--no-verify", "--no-edit", "-m", message)
        return self.head()

    def changes(self, since: str | None, until: str, folder: Path) -> list[FileChange]:
        """Files under `folder` changed between two commits, with who changed them."""
        spec = os.path.relpath(folder, self.top)
        range_ = f"{since}..{until}" if since else until
        out = self._run(
            "log",
            "--no-merges",
            "--name-status",
            "-M",
            f"--format={_RECORD}%an",
            range_,
            "--",
            spec,
        )
        authors: dict[str, list[str]] = {}
        kinds: dict[str, tuple[str, str | None]] = {}
        for record in out.split(_RECORD):
            lines = [line for line in record.splitlines() if line.strip()]
            if not lines:
                continue
            author = lines[0]
            for line in lines[1:]:
                status, *paths = line.split("\t")
                path = paths[-1]
                if path not in authors:  # the newest commit decides what happened to it
                    kinds[path] = (status[0], paths[0] if len(paths) > 1 else None)
                if author not in authors.setdefault(path, []):
                    authors[path].append(author)
        return [
            FileChange(
                _relative(path, spec),
                _KINDS.get(kind, "modified"),
                tuple(authors[path]),
                _relative(old, spec) if old else None,
            )
            for path, (kind, old) in sorted(kinds.items())
        ]

    # -- plumbing -------------------------------------------------------------------------------
    def _run(self, *args: str, strip: bool = True) -> str:
        try:
            out = self.repo.git.execute(["git", *args], strip_newline_in_stdout=False)
            return out.strip() if strip else out
        except git.GitCommandError as error:
            text = f"{error.stderr or ''}"
            if "index.lock" in text:
                raise GitBusy() from None
            raise GitFailure(detail=_first_line(error)) from None


_KINDS = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed", "C": "added"}


def _relative(path: str, spec: str) -> str:
    return path if spec in ("", ".") else os.path.relpath(path, spec)


def _network_env() -> dict[str, str]:
    env = dict(_QUIET_NETWORK)
    if "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        env.pop("GIT_SSH_COMMAND")  # the coach's own ssh setting wins
    return env


def _first_line(error: git.GitCommandError) -> str:
    text = (error.stderr or error.stdout or str(error)).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    cleaned = [line.removeprefix("stderr: ").strip("'").strip() for line in lines]
    useful = [line for line in cleaned if line.lower().startswith(("fatal", "error"))]
    return (useful or cleaned or [str(error.status)])[-1]
