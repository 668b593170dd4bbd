"""Addresses of the shared repository: a local path is stored absolute, so it means the same
wherever garefil is later run from (git reads a relative one from the notebook's folder)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from .errors import (
    AnotherNotebookShared,
    GarefilError,
    PasswordInAddress,
    SharedFolderIsANotebook,
    SharedFolderMissing,
    SharedFolderNotARepository,
)


def is_local_path(address: str) -> bool:
    """Whether `address` names a folder on this computer, not a server (URL or host:path)."""
    if "://" in address:
        return False
    before_slash = address.split("/", 1)[0]
    return ":" not in before_slash  # `host:path`, git's scp-like form, names a server


def shared_address(address: str, typed_in: Path | None = None) -> str:
    """`address` as it is to be stored: a local path made absolute from the folder where it was
    typed (and checked to exist); a server's address as it is."""
    if not is_local_path(address):
        if _password_in(address):
            raise PasswordInAddress(remote=without_password(address))
        return address
    folder = Path(os.path.abspath((typed_in or Path.cwd()) / os.path.expanduser(address)))
    if not address.strip() or not folder.is_dir():
        raise SharedFolderMissing(remote=address)
    return str(folder)


def refuse_unshareable_folder(address: str) -> None:
    """A local folder to share the notebook through must be a bare git repository: git refuses
    to send to a colleague's notebook (its branch is checked out there), and a plain folder holds
    no repository at all. Said when the address is given, not at every `sync` after it."""
    problem = unshareable_folder(address)
    if problem is not None:
        raise problem


def unshareable_folder(address: str) -> GarefilError | None:
    """Why the existing local folder `address` cannot be a shared repository; None when it can
    (or when it is a server's address, or no folder at all: said otherwise)."""
    folder = Path(address)
    if not is_local_path(address) or not folder.is_dir():
        return None
    if (folder / ".git").exists():
        return SharedFolderIsANotebook(remote=address)
    if not all((folder / part).exists() for part in ("HEAD", "objects", "refs")):
        return SharedFolderNotARepository(remote=address)
    return None


def folder_beside(root: Path, name: str = "carnet-equipe") -> Path:
    """A folder next to the notebook at `root`, never inside it: where another notebook (the
    team's, joined with `init --clone`) can go without being recorded in this one."""
    return root.parent / name


def shown_address(address: str, root: Path) -> str:
    """`address` as git reads it: a relative local path means a folder from the repository's
    root (set by hand with `git remote add`), so it is shown absolute, usable from anywhere."""
    if not address or not is_local_path(address) or os.path.isabs(address):
        return address
    return os.path.normpath(root / address)


def another_notebook_there(address: str, root: Path) -> AnotherNotebookShared:
    """What `sync` says when the repository at `address` holds another notebook than the one
    at `root`, with the way to join that one instead; `status` and the home screen say it too."""
    return AnotherNotebookShared(
        remote=shown_address(address, root), here=str(root), folder=str(folder_beside(root))
    )


def _password_in(address: str) -> bool:
    try:
        return urlsplit(address).password is not None
    except ValueError:  # a port that is not a number: git will say the address is wrong
        return False


def without_password(address: str) -> str:
    """`address` fit to be shown: a password written in it is replaced by `***`."""
    if "://" not in address or "@" not in address:
        return address
    scheme, rest = address.split("://", 1)
    authority, slash, path = rest.partition("/")
    user, at, host = authority.rpartition("@")
    if ":" in user:
        user = user.split(":", 1)[0] + ":***"
    return f"{scheme}://{user}{at}{host}{slash}{path}"
