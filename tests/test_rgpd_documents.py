"""A person's documents under RGPD: renamed with them when anonymised, copied into their
export (and nothing that leaves the notebook)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from conftest import git

DEVIS = b"%PDF-1.4 devis de l'ete\n"


@pytest.fixture
def jean(cli, notebook: Path, tmp_path: Path) -> Path:
    """Jean Dupont's CR with a filed document, a note of another coach linking it, the sommaire."""
    out = cli("-C", notebook, "new", "cr", "--title", "Point", "--entrepreneur", "Jean Dupont",
              "--referent", "Awa Diallo", "--no-edit")  # fmt: skip
    cr = out.stdout.split("\t")[0].strip()
    devis = tmp_path / "Devis ete.pdf"
    devis.write_bytes(DEVIS)
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    cli("-C", notebook, "new", "note", "--title", "Modèles", "--no-edit", "--body",
        "Un bon devis : [le voir](documents/jean-dupont/"
        + next((notebook / "documents" / "jean-dupont").iterdir()).name + ").")  # fmt: skip
    cli("-C", notebook, "sommaire")
    return notebook


def work_tree(folder: Path) -> tuple[str, list[str]]:
    """Every file's text (outside .git) and every path, to look for a name left behind."""
    paths = [p for p in folder.rglob("*") if ".git" not in p.relative_to(folder).parts]
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths if p.is_file()]
    return "\n".join(texts), [p.relative_to(folder).as_posix() for p in paths]


def test_anonymise_renames_the_person_s_documents_and_every_link_in_one_commit(cli, jean):
    assert "jean-dupont" in work_tree(jean)[0]  # the sommaire links the document too
    before = int(git(jean, "rev-list", "--count", "HEAD"))
    cli("-C", jean, "rgpd", "anonymiser", "Jean Dupont", "--oui")
    assert int(git(jean, "rev-list", "--count", "HEAD")) == before + 1
    assert git(jean, "status", "--porcelain") == ""
    texts, paths = work_tree(jean)
    for gone in ("jean-dupont", "Jean Dupont", "dupont"):
        assert gone not in texts.lower() and not any(gone in p for p in paths)
    [moved] = [p for p in paths if p.startswith("documents/personne-") and p.endswith(".pdf")]
    assert (jean / moved).read_bytes() == DEVIS
    assert texts.count(moved) >= 3  # the CR, the other note, the sommaire's pages
    renames = git(jean, "show", "--name-status", "-M", "--format=", "HEAD")
    assert any(line.startswith("R100") and moved in line for line in renames.splitlines())
    listed = cli("-C", jean, "docs", "--json")
    assert [d["path"] for d in json.loads(listed.stdout)] == [moved]


def test_export_holds_the_person_s_documents_and_nothing_from_outside(cli, jean, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(b"hors du carnet")
    folder = jean / "documents" / "jean-dupont"
    [filed] = [p.relative_to(jean).as_posix() for p in folder.iterdir()]
    (folder / "lien.pdf").symlink_to(secret)
    [cr] = (jean / "cr").rglob("*.md")
    text = cr.read_text(encoding="utf-8").replace(
        "documents:\n", "documents:\n- fichier: documents/jean-dupont/lien.pdf\n"
        "- fichier: documents/../../secret.txt\n"
        f"- fichier: documents/autre/../{filed.split('/', 1)[1]}\n", 1)  # fmt: skip
    cr.write_text(text, encoding="utf-8")
    target = tmp_path / "export.zip"
    done = cli("-C", jean, "rgpd", "export", "Jean Dupont", "--sortie", target)
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        contents = {name: archive.read(name) for name in archive.namelist()}
    assert contents[filed] == DEVIS
    sha = hashlib.sha256(DEVIS).hexdigest()
    assert manifest["documents"] == [{"path": filed, "size": len(DEVIS), "sha256": sha}]
    assert not any(b"hors du carnet" in data for data in contents.values())
    assert not any("lien" in name or "secret" in name or ".." in name for name in contents)
    assert "lien.pdf" in done.stderr and "secret.txt" in done.stderr
