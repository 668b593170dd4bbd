"""`garefil import` of a clone (or an old copy) of the notebook itself: what the notebook already
holds is said and never imported twice; a differing version is imported under a fresh id, never
overwriting; no second fiche for one person; no decision or action id used twice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import frontmatter

from conftest import copy_demo, git

MEETING = "reunions/2024/2024-01-22-reunion-d-equipe-du-2024-01-22-dhnvp.md"
FICHE = "fiches/2024-01-10-fiche-jean-dupont-smb8x.md"
CR = "cr/2024/2024-02-05-jean-dupont-cotisations-urssaf-vruv8.md"
PDF = "documents/jean-dupont/2024-02-05-echeancier-urssaf.pdf"


def imported(cli, notebook: Path, source: Path) -> tuple[dict, str]:
    result = cli("-C", notebook, "import", source, "--json")
    return json.loads(result.stdout), result.stderr


def test_a_clone_of_the_notebook_brings_nothing_twice(cli, run_garefil, demo_notebook, tmp_path):
    clone = tmp_path / "democlone"
    git(tmp_path, "clone", "-q", str(demo_notebook), str(clone))
    # As a coach's terminal runs it, with git as installed (the identity is the notebook's).
    cli("-C", demo_notebook, "config", "user", "Karim Benali", "karim@example.org")
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("", encoding="utf-8")
    done = run_garefil("-C", demo_notebook, "import", clone, "--json")
    assert done.returncode == 0, done.stderr
    report, said = json.loads(done.stdout), done.stderr
    assert report["imported"] == [] and report["documents"] == [{"source": PDF, "path": PDF}]
    assert "60 notes déjà dans le carnet" in said and "0 note importée" in said
    assert "document déjà dans le carnet" in said and report["reported"] == []
    assert git(demo_notebook, "status", "--porcelain") == ""
    # A document its note here still lists, gone from the notebook, comes back from the copy.
    git(demo_notebook, "rm", "-q", PDF)
    git(demo_notebook, "commit", "-qm", "document perdu")
    report, said = imported(cli, demo_notebook, clone)
    assert (
        report["imported"] == []
        and (demo_notebook / PDF).read_bytes() == (clone / PDF).read_bytes()
    )
    assert git(demo_notebook, "status", "--porcelain") == ""


def test_versions_fiches_and_register_ids_are_never_doubled(cli, demo_notebook, tmp_path):
    clone = tmp_path / "democlone"
    git(tmp_path, "clone", "-q", str(demo_notebook), str(clone))
    # Since the copy was made, the fiche was changed here: the copy's is an older version.
    fiche = demo_notebook / FICHE
    fiche.write_text(fiche.read_text("utf-8") + "\nNouveau téléphone.\n", "utf-8")
    git(demo_notebook, "commit", "-qam", "fiche")
    # In the copy, someone changed the meeting and wrote a second fiche for Jean Dupont.
    meeting = clone / MEETING
    meeting.write_text(meeting.read_text("utf-8") + "\nAjout de la copie.\n", "utf-8")
    # ...long ago, before the notebook last recorded it: not a more recent version of it
    # (test_import_newer.py), another version, imported under a fresh id.
    os.utime(meeting, (1706000000, 1706000000))  # January 2024
    (clone / "fiches" / "dupont.md").write_text(
        "---\ntype: fiche\nentrepreneur: jean dupont\n---\nAutre fiche\n", "utf-8"
    )
    report, said = imported(cli, demo_notebook, clone)
    by_source = {n["source"]: n for n in report["imported"]}
    assert set(by_source) == {MEETING, "fiches/dupont.md"}
    skipped = {s["source"]: s["reason"] for s in report["skipped"]}
    assert "2024-01-10-fiche-smb8x" in skipped[FICHE] and "historique" in skipped[FICHE]
    copy = by_source[MEETING]
    assert copy["id"] != "2024-01-22-reunion-dhnvp" and "d-uyapk" in copy["notice"]
    assert "2024-01-22-reunion-dhnvp" in copy["notice"]
    assert all(part in said for part in copy["notice"].split("; "))
    assert "Ajout de la copie." in (demo_notebook / copy["path"]).read_text("utf-8")
    second = by_source["fiches/dupont.md"]
    assert "Jean Dupont a déjà une fiche" in second["notice"] and FICHE in second["notice"]
    listed = json.loads(cli("-C", demo_notebook, "list", "--type", "fiche", "--json").stdout)
    assert [n["path"] for n in listed if "Dupont" in (n["entrepreneur"] or "")] == [FICHE]
    decisions = json.loads(cli("-C", demo_notebook, "decisions", "--json").stdout)
    ids = [d["id"] for d in decisions]
    assert len(ids) == len(set(ids)) and "d-uyapk" in ids


def test_the_documents_a_note_lists_come_along_never_overwriting(cli, notebook, tmp_path):
    clone = tmp_path / "democlone"
    copy_demo(clone)
    # Here, another file already has the document's name: it is never overwritten.
    (notebook / PDF).parent.mkdir(parents=True)
    (notebook / PDF).write_bytes(b"%PDF autre document")
    git(notebook, "add", ".")
    git(notebook, "commit", "-qm", "autre document")
    report, said = imported(cli, notebook, clone)
    moved = PDF.replace(".pdf", "-2.pdf")
    assert report["documents"] == [{"source": PDF, "path": moved}]
    assert (notebook / moved).read_bytes() == (clone / PDF).read_bytes()
    assert (notebook / PDF).read_bytes() == b"%PDF autre document"
    assert "document copié avec sa note" in said and "pas une note texte" not in said
    assert report["reported"] == []
    cr = next(n for n in report["imported"] if n["source"] == CR)
    assert frontmatter.load(notebook / cr["path"])["documents"][0]["fichier"] == moved
    assert git(notebook, "status", "--porcelain") == ""
    docs = json.loads(cli("-C", notebook, "docs", "--json").stdout)
    assert [d["path"] for d in docs] == [moved]
    assert "lien-casse" not in cli("-C", notebook, "jardin", "--json").stdout


def test_jardin_says_a_listed_document_is_missing(cli, demo_notebook):
    (demo_notebook / PDF).unlink()
    findings = json.loads(cli("-C", demo_notebook, "jardin", "--json").stdout)
    broken = [f for f in findings if f["kind"] == "lien-casse"]
    assert [(f["path"], f["params"]["target"]) for f in broken] == [(CR, PDF)]


def test_only_plain_files_of_the_folder_s_documents_come_along(cli, notebook, tmp_path):
    source = tmp_path / "source"
    (source / "documents").mkdir(parents=True)
    (source / "documents" / "cle").symlink_to(Path.home() / ".gitconfig")
    listed = ["documents/cle", "documents/../../secret.pdf", ".git/config", "documents/absent"]
    entries = "".join(f"- fichier: {path}\n" for path in listed)
    (source / "cr.md").write_text(f"---\ntitle: CR\ndocuments:\n{entries}---\nTexte\n", "utf-8")
    (tmp_path / "secret.pdf").write_bytes(b"secret")
    report, _said = imported(cli, notebook, source)
    assert report["documents"] == []
    assert [r["source"] for r in report["reported"]] == ["documents/cle"]  # a link, said
    note = frontmatter.load(notebook / report["imported"][0]["path"])
    assert [d["fichier"] for d in note["documents"]] == listed
    assert sorted(p.name for p in notebook.iterdir()) == [
        ".garefil",
        ".git",
        ".gitattributes",
        ".gitignore",
        "divers",
    ]


def test_the_not_a_note_reason_names_every_suffix_that_is_imported(cli, notebook, tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    suffixes = [".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"]
    for number, suffix in enumerate(suffixes):
        (source / f"note{number}{suffix}").write_text(f"Note {number}\n", "utf-8")
    (source / "photo.jpg").write_bytes(b"\xff\xd8")
    report, said = imported(cli, notebook, source)
    assert len(report["imported"]) == len(suffixes)
    (reason,) = [line for line in said.splitlines() if "photo.jpg" in line]
    named = reason.split("(", 1)[1]
    assert all(f"{suffix}," in named or f"{suffix})" in named for suffix in suffixes)


def test_the_import_commit_counts_the_documents_it_brought(cli, demo_notebook, tmp_path):
    clone = tmp_path / "copie"
    git(tmp_path, "clone", "-q", str(demo_notebook), str(clone))
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("", encoding="utf-8")  # git's defaults
    cli("-C", demo_notebook, "config", "user", "Karim Benali", "karim@example.org")
    git(demo_notebook, "rm", "-q", PDF)
    git(demo_notebook, "commit", "-qm", "document perdu")
    imported(cli, demo_notebook, clone)  # only the document: every note is already here
    assert git(demo_notebook, "log", "-1", "--format=%s").strip() == "import : 1 document de copie"
    git(demo_notebook, "rm", "-q", PDF)
    git(demo_notebook, "commit", "-qm", "document perdu encore")
    (clone / "nouvelle.md").write_text("---\ntitle: Nouvelle\n---\nTexte\n", encoding="utf-8")
    imported(cli, demo_notebook, clone)
    said = git(demo_notebook, "log", "-1", "--format=%s").strip()
    assert said == "import : 1 note et 1 document de copie"
