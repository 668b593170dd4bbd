"""Personal data (RGPD): a person's export, their anonymisation (and the history's), the
retention rule, and what garefil never shows or leaves readable by others."""

from __future__ import annotations

import json
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import git

EMAIL, PHONE = "jean.dupont@exemple.fr", "06 12 34 56 78"


@pytest.fixture
def jean(cli, notebook: Path) -> Path:
    """A notebook where Jean Dupont has a fiche (e-mail, phone), a CR, and is named elsewhere."""
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--email", EMAIL,
        "--telephone", PHONE, "--date", "2019-03-01")  # fmt: skip
    cli("-C", notebook, "new", "cr", "--entrepreneur", "Jean Dupont", "--date", "2020-04-10",
        "--no-edit", "--body", "Rappeler au 06.12.34.56.78. Jean viendra mardi.")  # fmt: skip
    cli("-C", notebook, "new", "reunion", "--date", "2020-05-01", "--no-edit", "--body",
        "Points : DUPONT Jean, puis Awa.")  # fmt: skip
    cli("-C", notebook, "new", "note", "--title", "Sans lui", "--no-edit", "--body", "Rien.")
    return notebook


def every_version(folder: Path) -> str:
    """The text of every object of the repository: all versions, messages and names."""
    objects = git(folder, "rev-list", "--all", "--objects").split()
    shas = [o for o in objects if len(o) == 40]
    done = subprocess.run(["git", "cat-file", "--batch"], cwd=folder, input="\n".join(shas),
                          capture_output=True, text=True, errors="replace", check=True)  # fmt: skip
    return done.stdout + "\n".join(objects)


def test_export_is_a_private_zip_of_every_note_about_the_person(cli, jean, tmp_path):
    target = tmp_path / "export.zip"
    cli("-C", jean, "rgpd", "export", "dupont", "--sortie", target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = archive.namelist()
    assert manifest["person"] == "Jean Dupont" and manifest["emails"] == [EMAIL]
    kinds = sorted(note["type"] for note in manifest["notes"])
    assert kinds == ["cr", "fiche", "reunion"]  # the réunion names them in its text only
    assert {note["file"] for note in manifest["notes"]} <= set(names)
    fiche = next(n for n in manifest["notes"] if n["type"] == "fiche")
    assert fiche["fields"]["telephone"] == PHONE
    again = cli("-C", jean, "rgpd", "export", "Jean Dupont", "--sortie", target, code=6)
    assert "existe déjà" in again.stderr  # never overwritten


def test_export_goes_home_and_never_into_the_notebook(cli, jean, isolated):
    cli("-C", jean, "rgpd", "export", "Jean Dupont")
    assert len(list(isolated.glob("rgpd-jean-dupont-*.zip"))) == 1
    inside = cli("-C", jean, "rgpd", "export", "Jean Dupont", "--sortie", jean / "x.zip", code=5)
    assert "partag" in inside.stderr and not (jean / "x.zip").exists()


def test_export_of_nobody_says_so(cli, jean):
    done = cli("-C", jean, "rgpd", "export", "Jeanne Inconnue", code=4)
    assert "Jeanne Inconnue" in done.stderr


def test_anonymise_replaces_name_email_and_phone_in_one_commit_and_lists_the_rest(cli, jean):
    before = git(jean, "rev-list", "--count", "HEAD")
    done = cli("-C", jean, "rgpd", "anonymiser", "Jean Dupont", "--oui")
    assert int(git(jean, "rev-list", "--count", "HEAD")) == int(before) + 1
    assert git(jean, "status", "--porcelain") == ""
    texts = "".join(
        p.read_text(encoding="utf-8") for p in jean.rglob("*.md") if ".git" not in p.parts
    )
    names = " ".join(str(p) for p in jean.rglob("*"))
    for gone in ("Dupont", "DUPONT", EMAIL, "06.12.34.56.78", PHONE, "dupont"):
        assert gone not in texts and gone not in names
    pseudonym = next(w for w in texts.split() if w.startswith("Personne-"))
    assert texts.count(pseudonym) >= 5  # one pseudonym everywhere: fiche, CR, réunion
    assert "« jean »" in done.stderr  # "Jean viendra mardi": free text, for a coach to rewrite
    found = cli("-C", jean, "search", "dupont", "--json", code=None)
    assert json.loads(found.stdout or "[]") == []  # the index forgot them too


def test_history_purge_is_explained_then_done_only_with_oui(cli, jean):
    head = git(jean, "rev-parse", "HEAD")
    told = cli("-C", jean, "rgpd", "anonymiser", "Jean Dupont", "--purger-historique", code=12)
    assert "--oui" in told.stderr.splitlines()[-1] and "init --clone" in told.stderr
    assert git(jean, "rev-parse", "HEAD") == head  # nothing changed yet
    cli("-C", jean, "remote", "https://exemple.org/equipe.git")
    cli("-C", jean, "rgpd", "anonymiser", "Jean Dupont", "--purger-historique", "--oui")
    history = every_version(jean)
    for gone in ("Dupont", "DUPONT", "dupont", EMAIL, PHONE, "06.12.34.56.78"):
        assert gone not in history
    assert "Sans lui" in history  # the rest of the history is kept
    assert cli("-C", jean, "remote").stdout.strip() == "https://exemple.org/equipe.git"


def test_retention_rule_reports_who_left_long_ago(cli, jean):
    config = jean / ".garefil" / "config.toml"
    cli("-C", jean, "entrepreneur", "ajouter", "Lina Petit", "--statut", "sorti")
    fiche = next((jean / "fiches").glob("*dupont*.md"))
    fiche.write_text(
        fiche.read_text(encoding="utf-8").replace(
            "status: actif", "status: sorti\nsorti_le: 2020-06-30"
        ),
        encoding="utf-8",
    )
    assert "conservation_sortis_ans" in cli("-C", jean, "rgpd").stderr  # no rule yet: says how
    rule = "conservation_sortis_ans = 3"  # the line `init` writes, as a comment, under [rgpd]
    config.write_text(config.read_text(encoding="utf-8").replace(f"# {rule}", rule))
    said = cli("-C", jean, "rgpd").stderr
    assert "Jean Dupont" in said and "2020-06-30" in said and "Lina Petit" not in said
    config.write_text(config.read_text(encoding="utf-8").replace("= 3", '= "trois"'))
    refused = cli("-C", jean, "rgpd", code=5)
    assert "conservation_sortis_ans" in refused.stderr and "ans" in refused.stderr


SECRET = "FR7630006000011234567890189"
BROKEN = {
    "guillemet.md": f'---\ntitle: A\niban: "{SECRET}\n---\nCorps {SECRET}\n',
    "deux-points.md": f"---\ntitle: B\niban: {SECRET}: x\n---\nCorps {SECRET}\n",
    "tabulation.md": f"---\ntitle: C\nnir: {SECRET}\n\tiban: x\n---\n{SECRET}\n",
    "liste.md": f"---\n- {SECRET}\n---\n{SECRET}\n",
    "python.md": f'---\ndate: !!python/object/apply:os.system ["echo {SECRET}"]\n---\n{SECRET}\n',
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_debug_tracebacks_never_print_what_a_note_holds(run_garefil, notebook, name):
    (notebook / name).write_text(BROKEN[name], encoding="utf-8")
    for command in (("show", name), ("tag", name, "x"), ("list",), ("index", "--rebuild")):
        done = run_garefil("-C", notebook, "--debug", *command)
        assert SECRET not in done.stderr, (command, done.stderr)
        if command[0] == "show":
            assert done.returncode == 5 and "Traceback" in done.stderr  # the path was taken


def test_index_and_temporary_files_are_for_their_owner_only(cli, notebook):
    cli("-C", notebook, "new", "note", "--title", "Privée", "--no-edit", "--body", "x")
    cli("-C", notebook, "search", "privée")
    private = [notebook / ".garefil" / "index", notebook / ".git" / "garefil-tmp"]
    private += list((notebook / ".garefil" / "index").rglob("*"))
    for path in private:
        assert stat.S_IMODE(path.lstat().st_mode) & 0o077 == 0, path
    assert ".garefil/index" in (notebook / ".gitignore").read_text(encoding="utf-8")


def test_export_takes_only_the_passages_of_a_shared_note_that_name_the_person(
    cli, notebook, tmp_path
):
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--email", "lina@exemple.org")
    cli("-C", notebook, "entrepreneur", "ajouter", "Malik Traoré", "--email", "malik@exemple.org")
    cli("-C", notebook, "new", "cr", "--entrepreneur", "Lina Roy", "--no-edit", "--body",
        "Devis relu avec Lina.")  # fmt: skip
    body = (
        "## Points\n\n- Lina Roy : passe en franchise de TVA,\n  suite au rendez-vous.\n"
        "<!-- Une action par ligne -->\n- appeler Malik Traoré pour son prêt\n\n"
        "Mettre à jour la fiche de Malik (malik@exemple.org).\n"
        "\nÉcrire à lina@exemple.org la semaine prochaine.\n"
    )
    cli("-C", notebook, "new", "reunion", "--date", "2026-11-02", "--no-edit", "--body", body)
    target = tmp_path / "lina.zip"
    done = cli("-C", notebook, "rgpd", "export", "Lina Roy", "--sortie", target)
    assert "seuls ses passages qui nomment Lina Roy" in done.stdout + done.stderr, done
    with zipfile.ZipFile(target) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        texts = {name: archive.read(name).decode() for name in archive.namelist()}
    by_type = {note["type"]: note for note in manifest["notes"]}
    assert sorted(by_type) == ["cr", "fiche", "reunion"]
    assert by_type["cr"]["extract"] is False and by_type["cr"]["file"] in texts
    meeting = by_type["reunion"]
    assert meeting["extract"] is True and "fields" not in meeting
    extract = texts[meeting["file"]]
    assert meeting["file"].startswith("extraits/")
    assert "franchise de TVA,\n  suite au rendez-vous." in extract
    assert "lina@exemple.org la semaine" in extract
    assert "Malik" not in json.dumps(manifest) and all("Malik" not in t for t in texts.values())
    assert "seuls les passages qui nomment Lina Roy" in extract
    assert "« Points »" in extract  # each passage says where it was
    assert "Une action par ligne" not in extract  # a template's comment is nobody's data
