"""A file or folder the coach names for garefil's output (--sortie, --brouillon-eml) that cannot
be written is said in one line naming it, with what to do and the code of the table: never
« Erreur inattendue »."""

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

NOWHERE = Path("/proc/garefil-nulle-part")  # a folder nobody can create anything in


def _one_error(result, path) -> None:
    lines = result.stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("erreur")]
    assert len(errors) == 1 and str(path) in errors[0], result.stderr
    assert "inattendue" not in result.stderr and "Traceback" not in result.stderr
    assert ".tmp" not in result.stderr  # the file asked for, not garefil's temporary one


def _appointment(cli, notebook) -> str:
    out = cli("-C", notebook, "new", "rdv", "-e", "Lina Roy", "--date", "2030-01-02T10:00",
              "--lieu", "Ruche", "--body", "x")  # fmt: skip
    return out.stdout.split("\t")[0]


def test_a_site_over_a_file_or_where_nothing_can_be_created(cli, notebook, tmp_path):
    taken = tmp_path / "f.txt"
    taken.write_text("x")
    _one_error(cli("-C", notebook, "site", "--sortie", taken, code=6), taken)
    assert taken.read_text() == "x"
    _one_error(cli("-C", notebook, "site", "--sortie", NOWHERE, code=5), NOWHERE)


def test_an_invitation_below_a_file_or_where_nothing_can_be_created(cli, notebook, tmp_path):
    rdv = _appointment(cli, notebook)
    (tmp_path / "f.txt").write_text("x")
    below = tmp_path / "f.txt" / "x.ics"
    _one_error(cli("-C", notebook, "rdv", "ics", rdv, "--sortie", below, code=6), below)
    nowhere = NOWHERE / "x.ics"
    _one_error(cli("-C", notebook, "rdv", "ics", rdv, "--sortie", nowhere, code=5), nowhere)


def test_a_draft_eml_where_nothing_can_be_created(cli, notebook):
    out = cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--title", "t", "--body", "x")
    cr = out.stdout.split("\t")[0]
    eml = NOWHERE / "x.eml"
    _one_error(cli("-C", notebook, "cr", "envoyer", cr, "--brouillon-eml", eml, code=5), eml)


def test_an_export_where_nothing_can_be_created(cli, notebook):
    _appointment(cli, notebook)
    target = NOWHERE / "e.zip"
    result = cli("-C", notebook, "rgpd", "export", "Lina Roy", "--sortie", target, code=5)
    _one_error(result, target)


@pytest.mark.skipif(
    os.geteuid() == 0 and not CAN_BECOME_NOBODY, reason="needs setpriv to run as nobody"
)
def test_a_site_in_a_notebook_nobody_may_write_in(cli, notebook):
    cli("-C", notebook, "index")
    place = Path(tempfile.mkdtemp(prefix="garefil-lecture-seule-", dir="/tmp"))
    try:
        place.chmod(0o755)
        copy = place / "carnet"
        shutil.copytree(notebook, copy, symlinks=True)
        command = [sys.executable, "-m", "garefil", "-C", str(copy), "site"]
        if os.geteuid() == 0:  # root writes anywhere: the coach is nobody here
            nobody = pwd.getpwnam("nobody")
            own_and_freeze(copy, nobody.pw_uid, nobody.pw_gid)
            command = as_nobody(*command)
        else:
            own_and_freeze(copy, os.getuid(), os.getgid())
        done = subprocess.run(
            command, env={**os.environ, "HOME": str(place)}, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(place)], check=False)
        shutil.rmtree(place)
    assert done.returncode == 7, done.stderr
    _one_error(done, copy / ".garefil" / "site")
