"""Installing shell completion in a coach's HOME, where each shell looks for it by itself.

The script goes where the shell's own conventions put a user's completions: bash-completion's
per-user folder, a folder of zsh's `fpath` (`~/.zfunc`, the usual one), fish's completions
folder. bash without bash-completion and zsh also need a line in their start-up file; that file
is the coach's own, so it is changed only with their consent, by adding the missing lines at its
end (never twice, whatever the number of installs), through the link when it is one (dotfiles).
Every file is written whole or not at all (atomic_files.atomic_write).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .atomic_files import atomic_write
from .errors import ShellNotKnown, UnknownShell

SHELLS = ("bash", "zsh", "fish")
MARK = "# garefil : complétion du shell (garefil completion install)"


@dataclass(frozen=True)
class Setup:
    """Where one shell's completion goes for one coach, and what their start-up file needs."""

    shell: str
    script: Path
    profile: Path | None  # the start-up file that must load it (None: fish loads it alone)
    lines: tuple[str, ...]  # what that file needs
    keys: Path | None = None  # fish: the Tab key that ignores accents, read at start-up


@dataclass(frozen=True)
class Installed:
    """What an install did: the script written, the lines added to the start-up file."""

    setup: Setup
    added: tuple[str, ...]  # the lines added now (none when they were there, or not wanted)
    missing: tuple[str, ...]  # the lines the start-up file still lacks


def shell_named(given: str | None, environ: Mapping[str, str]) -> str:
    """The shell `given`, else the coach's login shell ($SHELL); UnknownShell for any other."""
    name = (given or Path(environ.get("SHELL", "")).name).strip().lower()
    if not name:
        raise ShellNotKnown()
    if name not in SHELLS:
        raise UnknownShell(shell=given or name)  # « tcsh », not the path « /bin/tcsh »
    return name


def setup_for(shell: str, home: Path, environ: Mapping[str, str]) -> Setup:
    """Where `shell`'s completion goes in `home` and the start-up lines that load it."""
    data = Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    if shell == "bash":
        script = data / "bash-completion" / "completions" / "garefil"
        where = shown(script, home)
        return Setup(shell, script, home / ".bashrc", (f"[ -f {where} ] && . {where}",))
    if shell == "zsh":
        script = home / ".zfunc" / "_garefil"
        lines = (
            f"fpath=({shown(script.parent, home)} $fpath)",
            "autoload -Uz compinit && compinit",
        )
        return Setup(shell, script, Path(environ.get("ZDOTDIR") or home) / ".zshrc", lines)
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    fish = config / "fish"
    return Setup(
        shell, fish / "completions" / "garefil.fish", None, (), fish / "conf.d" / "garefil.fish"
    )


def shown(path: Path, home: Path) -> str:
    """`path` as a coach reads it and a start-up file writes it: from ~ when it is in HOME."""
    try:
        return "~/" + path.relative_to(home).as_posix()
    except ValueError:
        return str(path)


def install(setup: Setup, script: str, edit_profile: bool, keys: str = "") -> Installed:
    """Write the script (replacing an older one), and the `keys` file where the shell has one;
    if `edit_profile`, add the missing lines."""
    atomic_write(setup.script, script.encode("utf-8"))
    if setup.keys is not None and keys:
        atomic_write(setup.keys, keys.encode("utf-8"))
    missing = missing_lines(setup)
    if not (edit_profile and missing and setup.profile is not None):
        return Installed(setup, (), missing)
    target = setup.profile.resolve()  # through a link: the file the coach's dotfiles keep
    old = target.read_bytes() if target.exists() else b""
    block = "\n".join((MARK, *missing)).encode("utf-8")
    atomic_write(target, old + (b"\n" if old and not old.endswith(b"\n") else b"") + block + b"\n")
    return Installed(setup, missing, ())


def missing_lines(setup: Setup) -> tuple[str, ...]:
    """The lines the start-up file lacks (each compared whole, spaces around apart)."""
    if setup.profile is None:
        return ()
    try:
        text = setup.profile.read_bytes().decode("utf-8", errors="replace")  # any encoding
    except OSError:
        return setup.lines
    present = {line.strip() for line in text.splitlines()}
    return tuple(line for line in setup.lines if line not in present)


def marked(setup: Setup) -> bool:
    """Whether the start-up file holds lines garefil added (to say how to remove them)."""
    try:
        return setup.profile is not None and MARK.encode() in setup.profile.read_bytes()
    except OSError:
        return False
