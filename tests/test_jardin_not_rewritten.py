"""`jardin` counts as fixed by `--corriger` only what it does fix: a note garefil never rewrites
(a TOML header, a Latin-1 or UTF-16 file) is given the command that makes it one it rewrites."""

from __future__ import annotations

import json
import subprocess

from conftest import git


def _findings(cli, notebook) -> list[dict]:
    return json.loads(cli("-C", notebook, "jardin", "--json").stdout)


def test_notes_garefil_never_rewrites_are_not_counted_as_fixed(cli, notebook):
    (notebook / "ete.md").write_bytes("---\ntitle: Réunion été\n---\nCafé\n".encode("latin-1"))
    (notebook / "hiver.md").write_bytes("---\ntitle: Hiver\n---\nCafé\n".encode("utf-16"))
    (notebook / "hugo.md").write_text('+++\ntitle = "Hugo"\ntags = ["Pôle Emploi"]\n+++\nx\n')
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "écrites ailleurs")
    found = [f for f in _findings(cli, notebook) if f["kind"] in ("sans-id", "etiquette")]
    assert {f["path"] for f in found} == {"ete.md", "hiver.md", "hugo.md"}
    assert not any(f["fixable"] for f in found)
    commands = {(f["kind"], f["path"]): f["command"] for f in found}
    assert (
        commands["sans-id", "hugo.md"] == commands["etiquette", "hugo.md"] == "garefil edit hugo.md"
    )
    said = cli("-C", notebook, "jardin").stderr
    assert "--corriger" not in said.splitlines()[-1]  # nothing counted as fixed
    for path in ("ete.md", "hiver.md"):
        subprocess.run(commands["sans-id", path], shell=True, cwd=notebook, check=True)
    cli("-C", notebook, "jardin", "--corriger")
    left = {f["path"] for f in _findings(cli, notebook) if f["kind"] == "sans-id"}
    assert left == {"hugo.md"}
    assert "Café" in (notebook / "ete.md").read_text(encoding="utf-8")


WINDOWS_TEXT = "---\ntitle: Coût du cœur\n---\nCoût 10 €, cœur l’été… ok.\n"


def test_the_conversion_keeps_french_windows_text_from_any_folder(cli, tmp_path):
    """A note typed in Word is cp1252: its € œ ’ survive the command, which works from a
    sub-folder of a notebook whose names hold spaces and quotes."""
    notebook = tmp_path / "l'équipe d'Awa"
    cli("init", notebook)
    folder = notebook / "suivi 2026"
    folder.mkdir()
    (folder / "l'été.md").write_bytes(WINDOWS_TEXT.encode("cp1252"))
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "écrite sous Windows")
    found = [f for f in _findings(cli, folder) if f["kind"] == "sans-id"]
    assert [f["path"] for f in found] == ["suivi 2026/l'été.md"]
    subprocess.run(found[0]["command"], shell=True, cwd=folder, check=True)
    assert (folder / "l'été.md").read_text(encoding="utf-8") == WINDOWS_TEXT
    assert not list(folder.glob("*.utf8"))
