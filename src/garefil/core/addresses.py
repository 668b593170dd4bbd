"""Addresses of the shared repository: a local path is stored absolute, so it means the same
wherever garefil is later run from (git reads a relative one from the notebook's folder)."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import SharedFolderMissing


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
        return address
    folder = Path(os.path.abspath((typed_in or Path.cwd()) / os.path.expanduser(address)))
    if not address.strip() or not folder.is_dir():
        raise SharedFolderMissing(remote=address)
    return str(folder)
