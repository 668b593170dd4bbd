"""Documents: filed by one convention, linked from a note, never twice, their text searchable."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import frontmatter
import pytest

from conftest import git


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF showing `text` in Helvetica, written by hand (offsets computed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def docx(path: Path, text: str) -> Path:
    """A .docx holding one paragraph (the part of the format that carries the text)."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="urn:w"><w:body>'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", xml)
    return path


@pytest.fixture
def cr(cli, notebook) -> str:
    out = cli(
        "-C", notebook, "new", "cr", "--entrepreneur", "Léa Fontaine", "--body", "Rendez-vous."
    )
    return out.stdout.split("\t")[1].strip()


@pytest.fixture
def devis(tmp_path) -> Path:
    path = tmp_path / "Devis Menuiserie (v2).PDF"
    path.write_bytes(minimal_pdf("Devis de la menuiserie Quercus"))
    return path


def test_a_document_is_filed_by_entrepreneur_and_linked_in_one_commit(cli, notebook, cr, devis):
    before = (notebook / cr).read_text(encoding="utf-8")
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    post = frontmatter.load(notebook / cr)
    [linked] = post["documents"]
    assert linked["fichier"].startswith("documents/lea-fontaine/")
    assert linked["fichier"].endswith("-devis-menuiserie-v2.pdf")
    data = devis.read_bytes()
    assert (notebook / linked["fichier"]).read_bytes() == data
    assert linked["taille"] == len(data) and linked["sha256"] == hashlib.sha256(data).hexdigest()
    # Only the documents lines were added: the rest of the note is as it was.
    after = (notebook / cr).read_text(encoding="utf-8")
    assert [line for line in after.splitlines() if line not in before.splitlines()][0] == (
        "documents:"
    )
    shown = git(notebook, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(shown) == sorted([cr, linked["fichier"]])
    assert git(notebook, "status", "--porcelain") == ""


def test_a_word_of_an_attached_pdf_is_found_by_search(cli, notebook, cr, devis):
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    hits = json.loads(cli("-C", notebook, "search", "Quercus", "--json").stdout)
    assert [h["path"] for h in hits] == [cr]


def test_a_word_of_a_docx_is_found_too(cli, notebook, cr, tmp_path):
    statuts = docx(tmp_path / "statuts.docx", "Sociétariat")
    cli("-C", notebook, "doc", "ajouter", statuts, "--note", cr)
    hits = json.loads(cli("-C", notebook, "search", "sociétariat", "--json").stdout)
    assert [h["path"] for h in hits] == [cr]


def test_the_same_bytes_twice_are_refused_pointing_to_the_copy(cli, notebook, cr, devis, tmp_path):
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    head = git(notebook, "rev-parse", "HEAD")
    again = tmp_path / "autre-nom.pdf"
    again.write_bytes(devis.read_bytes())
    result = cli("-C", notebook, "doc", "ajouter", again, "--note", cr, code=6)
    assert "documents/lea-fontaine/" in result.stderr
    assert git(notebook, "rev-parse", "HEAD") == head
    assert git(notebook, "status", "--porcelain") == ""


def test_a_symbolic_link_is_refused_for_safety(cli, notebook, cr, devis, tmp_path):
    link = tmp_path / "lien.pdf"
    link.symlink_to(devis)
    result = cli("-C", notebook, "doc", "ajouter", link, "--note", cr, code=12)
    assert "Traceback" not in result.stderr
    assert not (notebook / "documents").exists()


def test_a_folder_is_not_a_document(cli, notebook, cr, tmp_path):
    cli("-C", notebook, "doc", "ajouter", tmp_path, "--note", cr, code=5)


def test_a_large_document_is_filed_with_a_warning(cli, notebook, cr, tmp_path):
    (notebook / ".garefil" / "config.toml").write_text(
        "[documents]\ntaille_alerte_ko = 1\n", encoding="utf-8"
    )
    git(notebook, "commit", "-qam", "limite")
    big = tmp_path / "scan.pdf"
    big.write_bytes(minimal_pdf("Scan") + b"%" * 4096)
    result = cli("-C", notebook, "doc", "ajouter", big, "--note", cr)
    assert "Git LFS" in result.stderr
    assert json.loads(cli("-C", notebook, "docs", "--json").stdout)[0]["size"] == len(
        big.read_bytes()
    )


def test_without_a_note_a_note_is_written_for_the_document(cli, notebook, devis):
    cli("-C", notebook, "doc", "ajouter", devis, "--entrepreneur", "Léa Fontaine")
    [document] = json.loads(cli("-C", notebook, "docs", "--json").stdout)
    assert document["entrepreneur"] == "Léa Fontaine"
    assert document["path"].startswith("documents/lea-fontaine/")
    note = frontmatter.load(notebook / document["note_path"])
    assert note["documents"][0]["fichier"] == document["path"]
    assert git(notebook, "status", "--porcelain") == ""


def test_docs_lists_by_entrepreneur(cli, notebook, cr, devis, tmp_path):
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    other = tmp_path / "note.txt"
    other.write_text("Compte de résultat", encoding="utf-8")
    cli("-C", notebook, "doc", "ajouter", other, "--entrepreneur", "Hugo Lefèvre")
    everything = json.loads(cli("-C", notebook, "docs", "--json").stdout)
    assert len(everything) == 2
    hers = json.loads(cli("-C", notebook, "docs", "--entrepreneur", "lea", "--json").stdout)
    assert [d["path"] for d in hers] == [d["path"] for d in everything if "lea" in d["path"]]
    assert hers[0]["sha256"] == hashlib.sha256(devis.read_bytes()).hexdigest()


def test_a_missing_file_is_said_missing(cli, notebook, cr, tmp_path):
    result = cli("-C", notebook, "doc", "ajouter", tmp_path / "nope.pdf", "--note", cr, code=5)
    assert "Il n'y a pas de fichier" in result.stderr and "nope.pdf" in result.stderr
    assert "rangé" not in result.stderr


def test_docs_for_a_misspelt_entrepreneur_proposes_the_close_names(cli, notebook, cr, devis):
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    result = cli("-C", notebook, "docs", "--entrepreneur", "Léa Fontane", code=4)
    assert "Léa Fontaine" in result.stderr and "Aucun document" not in result.stdout


def test_a_broken_document_never_stops_indexing(cli, notebook, cr, tmp_path):
    broken = tmp_path / "abime.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    cli("-C", notebook, "doc", "ajouter", broken, "--note", cr)
    cli("-C", notebook, "new", "note", "--title", "Permanence", "--body", "Calendrier.")
    hits = json.loads(cli("-C", notebook, "search", "calendrier", "--json").stdout)
    assert len(hits) == 1
    assert json.loads(cli("-C", notebook, "search", "rendez", "--json").stdout)


def test_a_document_is_filed_as_a_separate_process_too(run_garefil, cli, notebook, cr, devis):
    done = run_garefil("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    assert done.returncode == 0, done.stderr
    done = run_garefil("-C", notebook, "search", "quercus", "--json")
    assert [h["path"] for h in json.loads(done.stdout)] == [cr]


def test_a_note_found_through_its_document_only_says_in_which(cli, notebook, cr, devis):
    cli("-C", notebook, "doc", "ajouter", devis, "--note", cr)
    name = json.loads(cli("-C", notebook, "show", cr, "--json").stdout)["path"]
    filed = frontmatter.load(notebook / name)["documents"][0]["fichier"].rsplit("/", 1)[-1]
    [hit] = json.loads(cli("-C", notebook, "search", "Quercus", "--json").stdout)
    assert hit["found_in_documents"] == [filed] and hit["highlights"] == []
    line = cli("-C", notebook, "search", "Quercus").stdout
    assert f"\t(trouvé dans le document {filed}) Rendez-vous." in line, line
    # Found in its own text, or in its header (the entrepreneur's name): nothing to add.
    for words in ("rendez-vous", "Fontaine"):
        [hit] = json.loads(cli("-C", notebook, "search", words, "--json").stdout)
        assert hit["found_in_documents"] == [], (words, hit)
