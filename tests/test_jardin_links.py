"""`jardin` and a teammate's symbolic links or binary files: never a duplicate, never `edit`."""

from __future__ import annotations

import os

from conftest import git

FICHE = (
    "---\nid: f1\ntype: fiche\ntitle: Fiche\nentrepreneur: Jean Dupont\n"
    "referent: Awa Diallo\n---\nActivité : couture.\n"
)


def test_a_link_is_never_a_duplicate_and_odd_files_are_never_edited(cli, notebook, tmp_path):
    (notebook / "fiches").mkdir()
    (notebook / "fiches/2024-01-10-fiche-jean.md").write_text(FICHE, encoding="utf-8")
    bad = notebook / "divers/bad"
    bad.mkdir(parents=True)
    os.symlink("../../fiches/2024-01-10-fiche-jean.md", bad / "lien-fiche.md")
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    os.symlink(secret, bad / "lien-passwd.md")
    (bad / "binaire.md").write_bytes(b"\x89PNG\x00\x01\x02" * 20)
    git(notebook, "add", "-A")
    git(notebook, "commit", "-q", "-m", "x")
    out = cli("-C", notebook, "jardin").stdout
    assert "garefil rm fiches/" not in out and "Notes en double" not in out
    assert "garefil edit divers/bad" not in out
    assert "→ garefil rm divers/bad/lien-fiche.md" in out
    assert "→ garefil rm divers/bad/lien-passwd.md" in out
    assert "→ garefil rm divers/bad/binaire.md" in out
    assert "sortez-le du carnet" in out  # remove it, or move it out of the notebook
    # The hints work: the link goes, its target stays; the binary file goes.
    cli("-C", notebook, "rm", "divers/bad/lien-fiche.md", "--yes")
    cli("-C", notebook, "rm", "divers/bad/binaire.md", "--yes")
    assert (notebook / "fiches/2024-01-10-fiche-jean.md").read_text(encoding="utf-8") == FICHE
    assert not os.path.lexists(bad / "lien-fiche.md") and not (bad / "binaire.md").exists()
