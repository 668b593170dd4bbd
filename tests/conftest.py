"""Shared fixtures: every test runs with its own HOME, git identity and notebook folders.

Isolation is by environment variables only (HOME, GIT_CONFIG_GLOBAL, EDITOR, …): the code under
test runs exactly as a coach would run it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from garefil.cli.app import app

PROJECT = Path(__file__).resolve().parents[1]
DEMO_NOTES = PROJECT / "notes"


def run_tool_check(script: str) -> subprocess.CompletedProcess[str]:
    """Run one of tools/*.py with --check (it exits 1 and says why when something is stale)."""
    return subprocess.run(
        [sys.executable, str(PROJECT / "tools" / script), "--check"], capture_output=True, text=True
    )


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C delivered as at a terminal. A shell without job control starts its background
    commands with SIGINT ignored, and every process inherits that: garefil would then never
    see the Ctrl-C that the interruption tests send it (and Python installs no handler)."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def dev_script():
    """The project's dev.py, imported as a module (its functions, without running it)."""
    import importlib

    sys.path.insert(0, str(PROJECT))
    try:
        return importlib.import_module("dev")
    finally:
        sys.path.remove(str(PROJECT))


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` and return its output (fails the test on error)."""
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private HOME and git configuration with a coach's identity."""
    home = tmp_path_factory.mktemp("home")
    gitconfig = home / ".gitconfig"
    gitconfig.write_text(
        "[user]\n\tname = Awa Diallo\n\temail = awa@example.org\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    for name in (
        "GAREFIL_NOTEBOOK",
        "GAREFIL_TODAY",
        "VISUAL",
        "GAREFIL_LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(gitconfig))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("EDITOR", "false")  # a test that needs an editor sets its own
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("COLUMNS", "200")
    return home


@pytest.fixture
def git_defaults(isolated: Path) -> Path:
    """An empty global git configuration: git's own defaults (branch master, no identity).
    A test module asks for it with `pytestmark = pytest.mark.usefixtures("git_defaults")`."""
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    return isolated


class Cli:
    """The real `garefil` command, run in-process through Typer's CliRunner."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path, input: str | None = None, code: int | None = 0):
        result = self.runner.invoke(app, [str(a) for a in args], input=input)
        if code is not None:
            assert result.exit_code == code, (
                f"garefil {args} exited {result.exit_code}, expected {code}\n"
                f"stdout: {result.stdout}\nstderr: {result.stderr}\n{result.exception!r}"
            )
        return result


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def notebook(tmp_path: Path, cli: Cli) -> Path:
    """A fresh, empty notebook (a git repository with its first commit)."""
    folder = tmp_path / "carnet"
    cli("init", folder)
    return folder


@pytest.fixture
def demo_notebook(tmp_path: Path, cli: Cli) -> Path:
    """A private copy of the demo notebook, made a git repository."""
    folder = tmp_path / "demo"
    copy_demo(folder)
    cli("init", folder)
    return folder


def copy_demo(folder: Path) -> None:
    """A copy of notes/ without the index a run of garefil inside it leaves there (derived,
    ignored by git): every demo test starts from the notes alone."""
    shutil.copytree(DEMO_NOTES, folder, ignore=_local_index)


def _local_index(folder: str, names: list[str]) -> list[str]:
    return [n for n in names if Path(folder).name == ".garefil" and n.startswith("index")]


@pytest.fixture
def run_garefil() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The installed command as a separate process, as a coach's terminal runs it."""

    def run(
        *args: str | Path,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "garefil", *map(str, args)],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            input=input,
            capture_output=True,
            text=True,
            timeout=60,
        )

    return run


@dataclass
class Team:
    """Two coaches sharing one notebook through a bare repository."""

    remote: Path
    awa: Path
    karim: Path


# Root writes through any permission: a read-only notebook is tested by running garefil as
# `nobody` (setpriv) on a copy owned by nobody with every write bit removed.
CAN_BECOME_NOBODY = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv")


def own_and_freeze(folder: Path, uid: int, gid: int) -> None:
    """Give `folder` and all it holds to uid:gid, without any write permission."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, gid, follow_symlinks=False)
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)


def as_nobody(*argv: str) -> list[str]:
    """`argv` run as the user nobody (the command line of setpriv)."""
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *argv]


def push_link_by_hand(coach: Path, name: str = "passwd.md") -> None:
    """A teammate shares a symbolic link to /etc/passwd with plain git: what `sync` refuses."""
    (coach / name).symlink_to("/etc/passwd")
    git(coach, "add", name)
    git(coach, "commit", "-qm", "lien")
    git(coach, "push", "-q", "origin", "main")


def clone(cli, url: str, folder: Path, name: str, email: str) -> Path:
    """A coach joining the shared notebook at `url`, signing as `name`."""
    cli("init", "--clone", url, folder)
    cli("-C", folder, "config", "user", name, email)
    return folder


def publish_and_join(cli, tmp_path: Path, first: Callable[[Path], object] | None = None) -> Team:
    """Awa's notebook, shared through a new bare repository after `first(awa)` (what she writes
    before her first sync), joined by Karim; both sign as garefil asks them to."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", str(remote))
    cli("-C", awa, "config", "user", "Awa Diallo", "awa@example.org")
    if first is not None:
        first(awa)
    cli("-C", awa, "sync")
    karim = clone(cli, str(remote), tmp_path / "karim", "Karim Benali", "karim@example.org")
    return Team(remote, awa, karim)


@pytest.fixture
def team(cli, tmp_path: Path) -> Team:
    """A shared notebook published by Awa, joined by Karim."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", str(remote))
    cli("-C", awa, "sync")
    karim = clone(cli, str(remote), tmp_path / "karim", "Karim Benali", "karim@example.org")
    return Team(remote, awa, karim)
