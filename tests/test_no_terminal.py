"""Without a terminal nothing waits for an answer nobody can give: the fallback editor (nano or
vi, which need one) is refused before anything changes, while an editor the coach chose still
runs (a graphical one, a script)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git


@pytest.fixture
def bare_machine(tmp_path: Path, isolated: Path) -> dict[str, str]:
    """A computer where nobody chose an editor, whose nano and vi wait for a terminal forever
    (as vi does when standard input is not one), and which leave a mark if ever started."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for name in ("nano", "vi"):
        fake = bin_folder / name
        fake.write_text(f"#!/bin/sh\ntouch {tmp_path / 'started'}\nsleep 30\n", encoding="utf-8")
        fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("EDITOR", "VISUAL", "GAREFIL_EDITOR")}
    env["PATH"] = f"{bin_folder}{os.pathsep}{env['PATH']}"
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")  # no coach file: no `editeur` either
    env["XDG_STATE_HOME"] = str(tmp_path / "state")
    return env


def run_without_terminal(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess:
    """`garefil ARGS` with standard input not a terminal; a wait for ever fails in seconds."""
    return subprocess.run(
        [sys.executable, "-m", "garefil", *map(str, args)],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=15,
    )


def test_edit_without_a_chosen_editor_nor_terminal_is_refused_before_anything_changes(
    cli, notebook, bare_machine, tmp_path
):
    out = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--body", "Texte.").stdout
    path = out.split()[1]
    before = (notebook / path).read_bytes(), git(notebook, "rev-parse", "HEAD")
    done = run_without_terminal(bare_machine, "-C", notebook, "edit", path)
    assert done.returncode == 11
    assert done.stderr.splitlines() == [
        "erreur : Aucun éditeur choisi, et pas de terminal pour ouvrir nano ou vi : rien n'a été "
        "modifié.",
        '  conseil : choisissez le vôtre : garefil config set editeur "code --wait" (ou la '
        "variable EDITOR) ; une nouvelle note prend aussi son texte avec --texte (« - » : "
        "l'entrée standard)",
    ]
    assert not (tmp_path / "started").exists()
    assert ((notebook / path).read_bytes(), git(notebook, "rev-parse", "HEAD")) == before
    assert not list((tmp_path / "state").rglob("*.md"))  # no draft left behind either


def test_new_without_a_chosen_editor_nor_terminal_writes_nothing(notebook, bare_machine, tmp_path):
    head = git(notebook, "rev-parse", "HEAD")
    done = run_without_terminal(bare_machine, "-C", notebook, "new", "cr", "-e", "Jean Dupont")
    assert done.returncode == 11 and "--texte" in done.stderr
    assert not (tmp_path / "started").exists()
    assert git(notebook, "rev-parse", "HEAD") == head
    assert git(notebook, "status", "--porcelain", "--untracked-files=all") == ""


def test_an_editor_the_coach_chose_still_runs_without_a_terminal(notebook, bare_machine, tmp_path):
    script = tmp_path / "editeur.py"
    script.write_text("import sys\nopen(sys.argv[1], 'a').write('Écrit.\\n')\n", encoding="utf-8")
    chosen = {**bare_machine, "EDITOR": f"{sys.executable} {script}"}
    done = run_without_terminal(chosen, "-C", notebook, "new", "cr", "-e", "Jean Dupont")
    assert done.returncode == 0, done.stderr
    assert "Écrit." in (notebook / done.stdout.split()[1]).read_text(encoding="utf-8")


def test_rm_without_a_terminal_nor_oui_deletes_nothing_and_says_to_add_oui(cli, notebook):
    path = cli("-C", notebook, "new", "note", "--titre", "Essai", "--body", "x").stdout.split()[1]
    done = run_without_terminal(dict(os.environ), "-C", notebook, "rm", path)
    assert done.returncode == 12  # refused for safety, not a usage mistake (2)
    assert done.stderr.splitlines() == [
        f"erreur : Suppression de {path} : non confirmée (aucun terminal pour le demander), "
        "rien n'a été fait.",
        "  conseil : ajoutez --oui pour continuer",  # its own line, as every refusal's hint
    ]
    assert (notebook / path).exists()
