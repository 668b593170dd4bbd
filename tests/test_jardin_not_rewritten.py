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
