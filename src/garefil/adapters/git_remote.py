"""The shared repository seen from a notebook's git work tree: its address, fetch and push.

A mixin of GitRepository (adapters/git_repo.py), which provides `_run`, `_config`, `_exists`,
`branch`, `head`, `repo` and `top`. Network commands never ask for a password on the terminal
(GIT_TERMINAL_PROMPT=0, ssh in batch mode): a coach sees a one-line error instead of a frozen
command.
"""

from __future__ import annotations

import os
from pathlib import Path

import git

from garefil.core.errors import (
    GitFailure,
    NotebookNotItsOwnRepository,
    PushRejected,
    RemoteMissing,
    SharedFolderIsANotebook,
)

from .git_failures import network_error, text_of

REMOTE = "origin"
NETWORK_TIMEOUT = 120  # seconds; a stalled server must not freeze the command forever
_QUIET_NETWORK = {"GIT_TERMINAL_PROMPT": "0", "GIT_SSH_COMMAND": "ssh -o BatchMode=yes"}
_REJECTED = ("[rejected]", "non-fast-forward", "fetch first", "failed to push some refs")
# A colleague's notebook given as the shared repository: git refuses to change the branch its
# files are checked out from (it also says "failed to push some refs", so looked for first).
_CHECKED_OUT = ("refusing to update checked out branch", "branch is currently checked out")


class RemoteSharing:
    """The commands of a git work tree that concern the shared repository."""

    repo: git.Repo
    folder: Path  # the notebook's folder: the work tree's top, unless an older garefil made it
    top: Path  # with `_run`, `_config`, `_exists`, `branch` and `head`, given by GitRepository

    def remote_url(self) -> str | None:
        """The shared repository's address, if one is set."""
        return self._config(f"remote.{REMOTE}.url") or None

    def set_remote(self, url: str) -> None:
        """Set (or change) the shared repository's address."""
        self._refuse_outside_files()
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
        self._refuse_outside_files()  # before anything is merged into the other project
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
        self._refuse_outside_files()
        branch = self.branch()
        try:
            self._network("push", "--quiet", "--set-upstream", REMOTE, f"HEAD:{branch}")
        except git.GitCommandError as error:
            said = text_of(error).lower()
            if any(marker in said for marker in _CHECKED_OUT):
                raise SharedFolderIsANotebook(remote=remote) from error
            if any(marker in said for marker in _REJECTED):
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

    def _refuse_outside_files(self) -> None:
        """A notebook inside another project's repository (made so by an older garefil) would
        share that project's commits too: refused while any commit not shared yet touches a
        file outside the notebook. A notebook at the top of its repository costs nothing."""
        if self.folder == self.top or not self.head():
            return
        inside = self.folder.relative_to(self.top).as_posix()
        outside = self._run(
            "log", "-1", "--full-history", "--format=", "--name-only", "HEAD", "--not",
            "--remotes", "--", ":(top)", f":(top,exclude){inside}",
        )  # fmt: skip
        if outside:
            raise NotebookNotItsOwnRepository(
                notebook=str(self.folder), top=str(self.top), path=outside.splitlines()[0]
            )

    def _require_remote(self) -> str:
        remote = self.remote_url()
        if not remote:
            raise RemoteMissing()
        return remote

    def _network(self, *args: str) -> str:
        return self.repo.git.execute(
            ["git", *args],
            env={**os.environ, **network_env(self._config("core.sshCommand"))},
            kill_after_timeout=NETWORK_TIMEOUT,
        )


def network_env(ssh_command: str) -> dict[str, str]:
    """The environment of a network command: git never asks for a password on the terminal."""
    env = dict(_QUIET_NETWORK)
    # The coach's own ssh setting wins (a key, a port, known hosts): GIT_SSH_COMMAND would
    # otherwise hide core.sshCommand, the setting git documents for choosing them.
    if ssh_command or "GIT_SSH_COMMAND" in os.environ or "GIT_SSH" in os.environ:
        env.pop("GIT_SSH_COMMAND")
    return env


def global_config(key: str) -> str:
    """A value of git's configuration outside any repository (global, system), or ''."""
    try:
        return git.Git().execute(["git", "config", "--get", key]).strip()
    except git.GitCommandError:
        return ""


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
