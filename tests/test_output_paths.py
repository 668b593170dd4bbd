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

Ran = subprocess.CompletedProcess
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


AS_ANOTHER_COACH = pytest.mark.skipif(
    os.geteuid() == 0 and not CAN_BECOME_NOBODY, reason="needs setpriv to run as nobody"
)


def _site_in_a_copy(notebook: Path, prepare, *args: str) -> tuple[Path, Ran]:
    """`site` run on a copy of `notebook` in a folder of /tmp, owned by the coach who runs it
    (nobody when the suite runs as root, who reads and writes through any permission) and
    made ready by `prepare(copy, uid, gid)`; the copy's path and the finished run. `{place}`
    in `args` is the folder holding the copy."""
    cli_index = [sys.executable, "-m", "garefil", "-C", str(notebook), "index"]
    subprocess.run(cli_index, capture_output=True, check=True)
    place = Path(tempfile.mkdtemp(prefix="garefil-lecture-seule-", dir="/tmp"))
    try:
        place.chmod(0o755)
        copy = place / "carnet"
        shutil.copytree(notebook, copy, symlinks=True)
        given = [arg.format(place=place) for arg in args]
        command = [sys.executable, "-m", "garefil", "-C", str(copy), "site", *given]
        uid, gid = os.getuid(), os.getgid()
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            uid, gid = nobody.pw_uid, nobody.pw_gid
            command = as_nobody(*command)
        prepare(copy, uid, gid)
        done = subprocess.run(
            command, env={**os.environ, "HOME": str(place)}, capture_output=True, text=True,
            timeout=60,
        )  # fmt: skip
    finally:
        subprocess.run(["chmod", "-R", "u+rw", str(place)], check=False)
        shutil.rmtree(place)
    return copy, done


@AS_ANOTHER_COACH
def test_a_site_in_a_notebook_nobody_may_write_in(notebook):
    copy, done = _site_in_a_copy(notebook, own_and_freeze)
    assert done.returncode == 7, done.stderr
    _one_error(done, copy / ".garefil" / "site")


WITH_A_DOCUMENT = """---
type: cr
title: Devis
entrepreneur: Lina Roy
documents:
- fichier: documents/devis.pdf
---
Le devis est joint.
"""


@AS_ANOTHER_COACH
def test_a_document_the_site_cannot_read_is_named_not_the_site_folder(notebook):
    (notebook / "devis.md").write_text(WITH_A_DOCUMENT, encoding="utf-8")
    (notebook / "documents").mkdir()
    (notebook / "documents" / "devis.pdf").write_bytes(b"%PDF-1.4 devis")

    def close_the_document(copy: Path, uid: int, gid: int) -> None:
        for each in [copy.parent, copy, *copy.rglob("*")]:
            os.chown(each, uid, gid, follow_symlinks=False)
        (copy / "documents" / "devis.pdf").chmod(0)

    copy, done = _site_in_a_copy(notebook, close_the_document, "--sortie", "{place}/site")
    assert done.returncode == 5, done.stderr
    _one_error(done, copy / "documents" / "devis.pdf")
