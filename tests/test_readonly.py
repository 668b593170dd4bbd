"""A notebook the coach may read but not write: sync says so, and blames no other git command.

Root writes through any permission, so the test runs garefil as `nobody` (setpriv) on a
world-readable copy owned by nobody with every write bit removed: a real read-only notebook.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

CAN_BECOME_NOBODY = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv")


def _own_and_freeze(folder: Path, uid: int, gid: int) -> None:
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, uid, gid, follow_symlinks=False)
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~0o222)


@pytest.mark.skipif(not CAN_BECOME_NOBODY, reason="needs root and setpriv to run as nobody")
def test_sync_in_a_read_only_notebook_says_the_folder_cannot_be_written(notebook):
    (notebook / "a-la-main.md").write_text("# Écrite à la main\n", encoding="utf-8")
    nobody = pwd.getpwnam("nobody")
    place = Path(tempfile.mkdtemp(prefix="garefil-lecture-seule-", dir="/tmp"))
    try:
        place.chmod(0o755)
        config = place / "gitconfig"
        config.write_text("[user]\n\tname = Awa Diallo\n\temail = awa@example.org\n")
        copy = place / "carnet"
        shutil.copytree(notebook, copy, symlinks=True)
        _own_and_freeze(copy, nobody.pw_uid, nobody.pw_gid)
        done = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
            + [sys.executable, "-m", "garefil", "-C", str(copy), "sync"],
            env={**os.environ, "HOME": str(place), "GIT_CONFIG_GLOBAL": str(config)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(place)], check=False)
        shutil.rmtree(place)
    assert done.returncode == 7, done.stderr
    assert "n'est pas modifiable" in done.stderr and str(copy) in done.stderr
    assert "autre commande git" not in done.stderr and "Traceback" not in done.stderr
