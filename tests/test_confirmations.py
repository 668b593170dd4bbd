"""What deletes or rewrites notes asks first at a terminal; --oui (or --yes) answers yes; without
a terminal and without --oui nothing is done, said in one French line naming --oui (exit 12,
refused for safety: not a usage mistake)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import git
from terminal import TmuxScreen

NAME = "Zoé N'Diaye"


def new_cr(cli, notebook: Path) -> tuple[str, str]:
    out = cli("-C", notebook, "new", "cr", "-e", NAME, "--titre", "Prêt", "--no-edit").stdout
    note_id, path = out.split()
    return note_id, path


def test_rm_without_a_terminal_refuses_with_a_hint_naming_oui(cli, notebook):
    note_id, path = new_cr(cli, notebook)
    refused = cli("-C", notebook, "rm", note_id, code=12)
    assert refused.stdout == ""
    assert refused.stderr.splitlines() == [
        f"erreur : Suppression de {path} : non confirmée (aucun terminal pour le demander), "
        "rien n'a été fait.",
        "  conseil : ajoutez --oui pour continuer",  # its own line, as every refusal's hint
    ]
    assert (notebook / path).exists()
    cli("-C", notebook, "rm", note_id, "--yes")
    assert not (notebook / path).exists()


def test_rgpd_anonymiser_without_a_terminal_changes_nothing_without_oui(cli, notebook):
    new_cr(cli, notebook)
    head = git(notebook, "rev-parse", "HEAD")
    refused = cli("-C", notebook, "rgpd", "anonymiser", NAME, code=12)
    said = refused.stderr.splitlines()
    assert len(said) == 2 and said[1] == "  conseil : ajoutez --oui pour continuer", said
    assert git(notebook, "rev-parse", "HEAD") == head
    cli("-C", notebook, "rgpd", "anonymiser", NAME, "--oui")
    notes = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert NAME not in {n["entrepreneur"] for n in notes}


@pytest.mark.skipif(not shutil.which("tmux"), reason="a real terminal, by tmux")
def test_rm_at_a_terminal_asks_and_deletes_only_on_yes(cli, notebook, tmp_path):
    note_id, path = new_cr(cli, notebook)
    screen = TmuxScreen(tmp_path)
    try:
        rm = f"{sys.executable} -m garefil -C {notebook} rm {note_id}"
        screen.type(f"{rm}; echo NON")
        screen.wait_for_text(f"Supprimer {path} ? [o/N]")
        screen.type("")  # Enter: no
        screen.wait_for("NON")
        assert (notebook / path).exists()
        screen.type(f"{rm}; echo OUI")
        screen.wait_for_text("[o/N]", times=2)  # the second question, not the first one's line
        screen.type("oui")
        screen.wait_for("OUI")
    finally:
        screen.close()
    assert not (notebook / path).exists()


@pytest.mark.skipif(not shutil.which("tmux"), reason="a real terminal, by tmux")
def test_rm_at_a_terminal_asks_again_in_french_and_takes_o_for_yes(cli, notebook, tmp_path):
    note_id, path = new_cr(cli, notebook)
    screen = TmuxScreen(tmp_path)
    try:
        screen.type(f"{sys.executable} -m garefil -C {notebook} rm {note_id}; echo FINI")
        screen.wait_for_text(f"Supprimer {path} ? [o/N]")
        screen.type("oops")  # neither yes nor no: asked again, nothing deleted yet
        screen.wait_for_text("Répondez o (oui) ou n (non).")
        assert (notebook / path).exists()
        screen.type("o")
        screen.wait_for("FINI")
    finally:
        screen.close()
    assert not (notebook / path).exists()
