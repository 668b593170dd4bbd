"""`garefil import`: a folder of notes from other tools, every variant, the source untouched."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import date
from pathlib import Path

import frontmatter
import pytest

from conftest import git
from garefil.core import ids

NFD_E = "e\u0301"  # "é" written as two characters, as macOS names files


def source_folder(root: Path, secret: Path) -> Path:
    """A folder of notes as other tools and other machines leave them."""
    src = root / "anciennes notes"
    for folder in ("reunions", "cr/2020", "ca", ".obsidian", "divers"):
        (src / folder).mkdir(parents=True, exist_ok=True)
    files = {
        "reunions/hebdo.md": (
            "---\ntitle: Hebdo du lundi\ndate: 2020-03-16\ntags: [Pôle Emploi, URSSAF]\n"
            "author: Samuel Barreau\ncategories: [équipe]\nlieu: Lyon\nid: 42\n---\n"
            "# Hebdo\n\nOrdre du jour : zéphyrin\n"
        ).encode(),
        "cr/2020/toml.md": (
            b'+++\ntitle = "Point Dupont"\ndate = 2020-04-10T14:00:00+02:00\n'
            b'categories = ["CAF"]\n+++\r\nCompte-rendu xylophone\r\nsuite\r\n'
        ),
        "ca/12 mars 2020.txt": "Conseil : décision rhododendron œuvre\r\n".encode("cp1252"),
        "divers/latin.md": "Réunion à Besançon, quetzal\n".encode("latin-1"),
        "divers/bom.md": "\ufeff# Note du 2019-05-06\n\nAvec marque ornithorynque\n".encode(),
        f"divers/R{NFD_E}union 2020_02_03.md": f"R{NFD_E}union marmotte\n".encode(),
        "sans date.md": b"Pas de date ici : wapiti\n",
        "vieille copie.md": b"Pas de date ici : wapiti\n",
        "casse.md": b"---\ntitle: [ouvert\n---\ncorps\n",
        "date-fausse.md": b"---\ndate: un jour\n---\ncorps\n",
        "binaire.md": b"\x00\x01\x02garbage",
        "photo.png": b"\x89PNG\r\n\x1a\n",
        ".obsidian/app.md": b"config\n",
    }
    for name, data in files.items():
        (src / name).write_bytes(data)
    (src / "lien.md").symlink_to(secret)
    (src / "dossier-lien").symlink_to(secret.parent, target_is_directory=True)
    return src


def digests(folder: Path) -> dict[str, str]:
    found = {}
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            found[str(path.relative_to(folder))] = hashlib.sha256(data).hexdigest()
    return found


@pytest.fixture
def source(tmp_path: Path) -> Path:
    secret = tmp_path / "prive" / "secret.md"
    secret.parent.mkdir()
    secret.write_text("mot de passe : capybara\n", encoding="utf-8")
    return source_folder(tmp_path, secret)


def run_import(cli, notebook: Path, source: Path, *options: str):
    return cli("-C", notebook, "import", source, "--type-par-dossier", "--json", *options)


def test_every_variant_is_imported_or_reported_and_the_source_is_untouched(cli, notebook, source):
    before = digests(source)
    commits = git(notebook, "rev-list", "--count", "HEAD")
    result = run_import(cli, notebook, source, "--tag", "archives")
    report = json.loads(result.stdout)
    assert digests(source) == before
    imported = {n["source"]: n for n in report["imported"]}
    assert set(imported) == {
        "reunions/hebdo.md",
        "cr/2020/toml.md",
        "ca/12 mars 2020.txt",
        "divers/latin.md",
        "divers/bom.md",
        f"divers/R{NFD_E}union 2020_02_03.md",
        "sans date.md",
    }
    reported = {r["source"]: r["reason"] for r in report["reported"]}
    assert set(reported) == {
        "casse.md",
        "date-fausse.md",
        "binaire.md",
        "photo.png",
        "lien.md",
        "dossier-lien",
    }
    lines = {r["source"]: r["line"] for r in report["reported"]}
    assert "un jour" in reported["date-fausse.md"] and lines["casse.md"] in (2, 3)
    skipped = {r["source"] for r in report["skipped"]}
    assert skipped == {"vieille copie.md", ".obsidian/"}
    for name in (*reported, *skipped):
        assert name in result.stderr  # every file not imported is named, with its reason
    assert "7 notes importées, 2 passées, 6 signalées" in result.stderr
    assert int(git(notebook, "rev-list", "--count", "HEAD")) == int(commits) + 1
    assert git(notebook, "status", "--porcelain") == ""
    written = [p.read_bytes() for p in notebook.rglob("*.md") if ".git" not in p.parts]
    assert not any(b"capybara" in data for data in written)  # the links were not followed


def test_imported_notes_are_found_by_search_and_by_date(cli, notebook, source):
    run_import(cli, notebook, source)
    for word, title in (
        ("zéphyrin", "Hebdo du lundi"),
        ("xylophone", "Point Dupont"),
        ("rhododendron", "12 mars 2020"),
        ("quetzal", "latin"),
        ("ornithorynque", "Note du 2019-05-06"),
        ("marmotte", "Réunion 2020 02 03"),
        ("wapiti", "sans date"),
    ):
        hits = json.loads(cli("-C", notebook, "search", word, "--json").stdout)
        assert [h["title"] for h in hits] == [title], word
    listed = json.loads(cli("-C", notebook, "list", "--since", "2019-01-01", "--json").stdout)
    assert len(listed) == 5  # the two files that give no date have none: never their file's time
    every = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [(n["title"], n["date"]) for n in every[-2:]] == [("latin", None), ("sans date", None)]
    by_title = {n["title"]: n for n in listed}
    assert by_title["Hebdo du lundi"]["date"] == "2020-03-16"
    assert by_title["Hebdo du lundi"]["type"] == "reunion"
    assert by_title["Hebdo du lundi"]["tags"] == ["pole-emploi", "urssaf", "equipe"]
    assert by_title["Hebdo du lundi"]["author"] == "Samuel Barreau"
    assert by_title["Point Dupont"]["date"] == "2020-04-10T14:00"
    assert by_title["Point Dupont"]["type"] == "cr" and by_title["Point Dupont"]["tags"] == ["caf"]
    assert by_title["12 mars 2020"]["date"] == "2020-03-12"
    assert by_title["12 mars 2020"]["type"] == "reunion"  # ca/ is the board's meetings
    assert by_title["Réunion 2020 02 03"]["date"] == "2020-02-03"
    assert by_title["Note du 2019-05-06"]["date"] == "2019-05-06"


def test_bodies_are_kept_exactly_and_other_keys_too(cli, notebook, source):
    report = json.loads(run_import(cli, notebook, source).stdout)
    paths = {n["source"]: notebook / n["path"] for n in report["imported"]}
    toml = paths["cr/2020/toml.md"].read_bytes()
    assert toml.endswith(b"+++\r\nCompte-rendu xylophone\r\nsuite\r\n".split(b"+++\r\n")[1])
    assert b"\r\n---\r\n" in toml and b"\n---\n" not in toml  # one newline style, the source's
    latin = paths["ca/12 mars 2020.txt"].read_bytes().decode("utf-8")
    assert latin.endswith("---\nConseil : décision rhododendron œuvre\r\n".replace("---\n", "", 1))
    hebdo = frontmatter.loads(paths["reunions/hebdo.md"].read_text(encoding="utf-8"))
    assert hebdo["lieu"] == "Lyon" and hebdo["id_origine"] == 42
    assert hebdo["imported_from"] == "reunions/hebdo.md"
    assert hebdo.content == "# Hebdo\n\nOrdre du jour : zéphyrin"  # python-frontmatter strips
    assert (
        paths["reunions/hebdo.md"]
        .read_text(encoding="utf-8")
        .endswith("---\n# Hebdo\n\nOrdre du jour : zéphyrin\n")
    )


def test_a_second_run_imports_nothing_even_after_a_rename(cli, notebook, source):
    first = json.loads(run_import(cli, notebook, source).stdout)
    moved = first["imported"][0]["path"]
    cli("-C", notebook, "mv", moved, "--chemin", "archives/deplacee.md")
    head = git(notebook, "rev-parse", "HEAD")
    again = cli("-C", notebook, "import", source, "--json")
    report = json.loads(again.stdout)
    assert report["imported"] == [] and git(notebook, "rev-parse", "HEAD") == head
    assert len(report["skipped"]) == 2 + 7
    (source / "nouvelle.md").write_text("Nouvelle note\n", encoding="utf-8")
    third = json.loads(cli("-C", notebook, "import", source, "--json").stdout)
    assert [n["source"] for n in third["imported"]] == ["nouvelle.md"]


def test_dry_run_writes_nothing(cli, notebook, source):
    head = git(notebook, "rev-parse", "HEAD")
    result = cli("-C", notebook, "import", source, "--dry-run")
    assert "7 notes seraient importées" in result.stderr and "hebdo.md" in result.stdout
    assert git(notebook, "rev-parse", "HEAD") == head
    assert git(notebook, "status", "--porcelain", "--untracked-files=all") == ""


def test_the_notebook_cannot_be_imported_into_itself(cli, notebook, tmp_path):
    (notebook / "sous").mkdir()
    for folder in (notebook, notebook / "sous"):
        result = cli("-C", notebook, "import", folder, code=5)
        assert "carnet" in result.stderr
    cli("-C", notebook, "import", tmp_path / "absent", code=5)


def test_a_notebook_inside_the_source_is_skipped(cli, tmp_path):
    outer = tmp_path / "documents"
    outer.mkdir()
    (outer / "vieille.md").write_text("vieille note\n", encoding="utf-8")
    cli("init", outer / "carnet")
    report = json.loads(cli("-C", outer / "carnet", "import", outer, "--json").stdout)
    assert [n["source"] for n in report["imported"]] == ["vieille.md"]
    assert [s["source"] for s in report["skipped"]] == ["carnet/"]


def test_import_in_a_subprocess_without_terminal(run_garefil, notebook, source):
    done = run_garefil("-C", notebook, "import", source)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "\x1b[" not in done.stderr
    assert "7 notes importées" in done.stderr


def test_the_summary_agrees_each_count_with_its_own_number(cli, notebook, tmp_path):
    source = tmp_path / "vide"
    (source / ".obsidian").mkdir(parents=True)
    (source / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    result = cli("-C", notebook, "import", source)
    assert "0 note importée, 1 passée, 0 signalée." in result.stderr


def test_without_a_git_identity_nothing_is_written_and_leftovers_are_recorded(
    cli, notebook, tmp_path, isolated
):
    folder = tmp_path / "ailleurs"
    folder.mkdir()
    (folder / "note.md").write_text("# Une note\n\nDu texte.\n", encoding="utf-8")
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git's defaults: nobody
    refused = cli("-C", notebook, "import", folder, code=7)
    assert "garefil config user" in refused.stderr
    assert git(notebook, "status", "--porcelain") == ""  # nothing written, nothing waiting
    cli("-C", notebook, "import", folder, "--essai")  # a dry run needs no identity
    # A note an older version wrote without recording it is recorded by the next import.
    digest = hashlib.sha256((folder / "note.md").read_bytes()).hexdigest()
    (notebook / "divers").mkdir()
    (notebook / "divers" / "restee.md").write_text(
        f"---\ntitle: Une note\nimported_hash: {digest}\n---\n", encoding="utf-8"
    )
    cli("-C", notebook, "config", "user", "Zoé Test", "z@example.org")
    again = cli("-C", notebook, "import", folder)
    assert "déjà importée" in again.output and git(notebook, "status", "--porcelain") == ""


def test_a_dry_run_announces_the_very_names_and_ids_the_import_writes(cli, tmp_path):
    Path(os.environ["GIT_CONFIG_GLOBAL"]).write_text("", encoding="utf-8")  # git's defaults
    notebook = tmp_path / "carnet"
    cli("init", notebook)
    cli("-C", notebook, "config", "user", "Zoé Test", "z@example.org")  # as garefil asks
    folder = tmp_path / "douze"
    folder.mkdir()
    for n in range(12):  # the same day and type for all: only the suffixes tell them apart
        (folder / f"n{n}.md").write_text(f"---\ndate: 2021-01-04\n---\nTexte {n}\n", "utf-8")
    (folder / "jumelle.md").write_text("---\ndate: 2021-01-04\n---\nTexte 0\n", "utf-8")
    announced = [json.loads(cli("-C", notebook, "import", folder, "--essai", "--json").stdout)]
    announced.append(json.loads(cli("-C", notebook, "import", folder, "--essai", "--json").stdout))
    done = json.loads(cli("-C", notebook, "import", folder, "--json").stdout)
    assert announced[0]["imported"] == announced[1]["imported"] == done["imported"]
    assert len({n["id"] for n in done["imported"]}) == 12  # the twin is imported once
    on_disk = {str(p.relative_to(notebook)) for p in notebook.glob("divers/2021/*.md")}
    assert on_disk == {n["path"] for n in done["imported"]}


def test_an_imported_note_s_id_is_drawn_again_from_its_source_when_taken():
    day = date(2021, 1, 4)
    first = ids.new_id(day, "note", set(), ids.seeded_suffixes("abc"))
    assert ids.new_id(day, "note", set(), ids.seeded_suffixes("abc")) == first
    second = ids.new_id(day, "note", {first}, ids.seeded_suffixes("abc"))
    assert second != first
    assert ids.new_id(day, "note", {first}, ids.seeded_suffixes("abc")) == second
    assert not set(second.rsplit("-", 1)[1]) - set(ids.SUFFIX_ALPHABET)
