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

from conftest import CAN_BECOME_NOBODY, as_nobody, own_and_freeze


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
        own_and_freeze(copy, nobody.pw_uid, nobody.pw_gid)
        done = subprocess.run(
            as_nobody(sys.executable, "-m", "garefil", "-C", str(copy), "sync"),
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


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,ro,bind /tmp"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


# Each command runs alone on a notebook mounted read-only (a USB key, a shared folder).
_READ_ONLY_RUN = """
mount --bind "$1" "$1" && mount -o remount,ro,bind "$1" || exit 99
cd "$1"
for args in "new note --title t --no-edit" "tag $2 urgent" "rm --oui $2" "mv $2 Autre"; do
    "$3" -m garefil $args 2>&1
    echo "rc=$?"
done
"""


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs unshare -m and bind mounts")
def test_writes_into_a_read_only_notebook_say_the_folder_cannot_be_written(notebook, cli):
    written = cli("-C", notebook, "new", "note", "--title", "Premier", "--no-edit")
    note_id = written.stdout.split("\t")[0]
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", _READ_ONLY_RUN, "sh", str(notebook), note_id, sys.executable],
        capture_output=True,
        text=True,
        timeout=120,
    )
    outputs = done.stdout.split("rc=")
    codes = [part.split("\n", 1)[0] for part in outputs[1:]]
    assert codes == ["7", "7", "7", "7"], done.stdout
    assert done.stdout.count("Le dossier du carnet") == 4, done.stdout
    assert "Errno" not in done.stdout and "inattendue" not in done.stdout


# Only the search index is mounted read-only: the notes themselves can still be written.
_INDEX_READ_ONLY_RUN = """
mount --bind "$1/.garefil/index" "$1/.garefil/index" || exit 99
mount -o remount,ro,bind "$1/.garefil/index" || exit 99
cd "$1"
"$3" -m garefil tag "$2" urgent 2>&1 && "$3" -m garefil tag "$2" relance 2>&1
echo "rc=$?"
"""


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs unshare -m and bind mounts")
def test_a_read_only_index_is_named_and_the_note_is_still_written(notebook, cli):
    written = cli("-C", notebook, "new", "note", "--title", "Premier", "--no-edit")
    note_id = written.stdout.split("\t")[0]
    cli("-C", notebook, "list")  # the index exists before it becomes read-only
    # The first tag leaves the index behind the notes: the second refreshes a temporary one.
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", _INDEX_READ_ONLY_RUN, "sh", str(notebook), note_id]
        + [sys.executable],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.rstrip().endswith("rc=0"), done.stdout
    assert "Le carnet n'est pas modifiable" not in done.stdout
    assert "L'index de recherche n'est pas modifiable ici" in done.stdout, done.stdout
    assert "urgent, relance" in done.stdout
    last = subprocess.run(
        ["git", "-C", str(notebook), "show", "--stat", "--format=", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ".md" in last.stdout  # the tag was committed
