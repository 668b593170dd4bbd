"""Creating, adopting and finding notebooks."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import git


def test_init_makes_a_repository_config_gitignore_and_first_commit(cli, tmp_path):
    folder = tmp_path / "nouveau"
    result = cli("init", folder)
    assert "Carnet prêt" in result.stderr
    assert (folder / ".garefil" / "config.toml").is_file()
    assert "/.garefil/index\n" in (folder / ".gitignore").read_text(encoding="utf-8")
    assert git(folder, "log", "--format=%s") == "garefil : carnet créé\n"
    assert set(git(folder, "ls-files").split()) == {
        ".garefil/config.toml",
        ".gitattributes",
        ".gitignore",
    }
    assert "*.md merge=garefil" in (folder / ".gitattributes").read_text(encoding="utf-8")
    assert "merge-driver %O %A %B %P" in git(folder, "config", "merge.garefil.driver")


def test_init_adopts_existing_markdown_without_touching_it(cli, tmp_path):
    folder = tmp_path / "anciens-pads"
    (folder / "2023").mkdir(parents=True)
    files = {
        "2023/reunion-du-lundi.md": "Notes du lundi\n\nPôle Emploi : rappeler Léa.\n",
        "fiche.md": "---\nreferent: Inès Moreau\ncouleur: bleu  # clé inconnue\n---\nTexte\n",
    }
    for name, text in files.items():
        (folder / name).write_bytes(text.encode())
    result = cli("init", folder)
    assert "2 notes existantes reprises" in result.stderr
    for name, text in files.items():
        assert (folder / name).read_bytes() == text.encode()
    assert "2023/reunion-du-lundi.md" in git(folder, "ls-files")
    listed = json.loads(cli("-C", folder, "list", "--json").stdout)
    assert {n["id"] for n in listed} == {"2023/reunion-du-lundi", "fiche"}


def test_a_clone_says_its_notes_came_from_the_team_not_that_they_were_adopted(
    cli, tmp_path, run_garefil
):
    remote = tmp_path / "partage.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", str(remote))
    for title in ("Aide", "Relance"):
        cli("-C", awa, "new", "note", "--title", title, "--no-edit")
    cli("-C", awa, "sync")
    joined = cli("init", "--clone", str(remote), tmp_path / "karim").stderr
    assert "2 notes récupérées de l'équipe." in joined and "reprise" not in joined, joined
    lina = tmp_path / "lina"
    english = run_garefil("init", "--clone", str(remote), lina, env={"GAREFIL_LANG": "en"})
    assert "2 notes fetched from the team." in english.stderr, english.stderr


def test_a_clone_of_an_empty_shared_notebook_says_it_is_empty_and_what_to_do(cli, tmp_path):
    remote = tmp_path / "vide.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    joined = cli("init", "--clone", str(remote), tmp_path / "karim").stderr
    assert "encore vide" in joined and "garefil new" in joined and "garefil sync" in joined


def tables_glued(text: str) -> list[str]:
    """The `[table]` lines of TOML `text` with no blank line before them (the first aside)."""
    lines = text.splitlines()
    return [
        line for before, line in zip(lines, lines[1:], strict=False)
        if line.startswith("[") and before.strip()
    ]  # fmt: skip


def test_the_toml_garefil_writes_keeps_a_blank_line_before_each_table(
    cli, notebook, tmp_path, monkeypatch
):
    config = (notebook / ".garefil" / "config.toml").read_text(encoding="utf-8")
    assert "[pads]" in config and "[rgpd]" in config
    assert tables_glued(config) == []
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for key, value in (("smtp.serveur", "smtp.exemple.org"), ("nom", "Awa"), ("smtp.port", "25")):
        cli("config", "set", key, value)
    own = (tmp_path / "xdg" / "garefil" / "config.toml").read_text(encoding="utf-8")
    assert "[smtp]" in own and tables_glued(own) == [], own


def test_init_in_a_subfolder_of_a_project_commits_only_the_notebook_in_its_own_repository(
    cli, tmp_path
):
    project = tmp_path / "projet"
    project.mkdir()
    git(project, "init", "-q")
    (project / "autre.txt").write_text("pas une note\n")
    cli("init", project / "carnet")
    assert git(project, "ls-files").split() == []  # the project's repository is left alone
    assert git(project / "carnet", "ls-files").split() == [
        ".garefil/config.toml",
        ".gitattributes",
        ".gitignore",
    ]
    assert "?? autre.txt" in git(project, "status", "--porcelain")


def test_init_twice_changes_nothing(cli, notebook):
    config = (notebook / ".garefil" / "config.toml").read_bytes()
    head = git(notebook, "rev-parse", "HEAD")
    cli("init", notebook)
    assert (notebook / ".garefil" / "config.toml").read_bytes() == config
    assert git(notebook, "rev-parse", "HEAD") == head


def test_notebook_is_found_by_option_environment_or_parent_folder(
    cli, notebook, tmp_path, monkeypatch
):
    cli("-C", notebook, "new", "note", "--title", "Trouvée", "--no-edit")
    deep = notebook / "divers" / "sous-dossier"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert "Trouvée" in cli("list").stdout
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GAREFIL_NOTEBOOK", str(notebook))
    assert "Trouvée" in cli("list").stdout
    monkeypatch.delenv("GAREFIL_NOTEBOOK")
    missing = cli("list", code=3)
    assert "garefil init" in missing.stderr and str(elsewhere) in missing.stderr


def test_missing_identity_is_said_before_the_note_is_written(cli, notebook, isolated):
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git's defaults: nobody
    result = cli("-C", notebook, "new", "cr", "--entrepreneur", "Jean Dupont", "--no-edit", code=7)
    assert 'garefil config user "Prénom Nom" prenom.nom@exemple.org' in result.stderr
    assert "La note est écrite" not in result.stderr and result.stdout == ""
    assert not (notebook / "cr").exists()  # nothing half done: no note waiting for a commit
    cli("-C", notebook, "config", "user", "Awa Diallo", "awa@example.org")
    assert git(notebook, "config", "user.name").strip() == "Awa Diallo"
    cli("-C", notebook, "new", "cr", "--entrepreneur", "Jean Dupont", "--no-edit")
    assert git(notebook, "status", "--porcelain") == ""  # written and recorded, at once


WRITING_COMMANDS = [
    ("tag", "NOTE", "urssaf"),
    ("rm", "NOTE", "--oui"),
    ("mv", "NOTE", "Nouveau titre"),
    ("edit", "NOTE"),
    ("rdv", "annule", "NOTE"),
    ("entrepreneur", "ajouter", "Lina Roy"),
    ("config", "membre", "ajouter", "Karim Benali"),
    ("decision", "ajouter", "Une décision"),
    ("ordre-du-jour", "ajouter", "Un sujet"),
]


def test_every_writing_command_checks_the_identity_before_writing(cli, notebook, isolated):
    out = cli(
        "-C", notebook, "new", "rdv", "-e", "Jean Dupont", "--date", "2031-03-03T10:30", "--no-edit"
    )
    note = out.stdout.split("\t")[0]
    cli("-C", notebook, "list")  # a notebook in use: its settings as read kept by the index
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git's defaults: nobody
    files = sorted(p for p in notebook.rglob("*") if ".git" not in p.parts)
    for command in WRITING_COMMANDS:
        result = cli("-C", notebook, *[note if w == "NOTE" else w for w in command], code=7)
        assert "garefil config user" in result.stderr, command
        assert git(notebook, "status", "--porcelain") == "", command
        assert sorted(p for p in notebook.rglob("*") if ".git" not in p.parts) == files, command
    assert note in cli("-C", notebook, "list").stdout  # reading needs no identity
    cli("-C", notebook, "status")


def test_custom_templates_and_type_folders_from_the_config(cli, notebook):
    templates = notebook / ".garefil" / "templates"
    templates.mkdir()
    (templates / "cr.md").write_text(
        "# $title\n\nModèle maison pour $entrepreneur.\n", encoding="utf-8"
    )
    config = notebook / ".garefil" / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[types.cr]\nfolder = "comptes-rendus"\n',
        encoding="utf-8",
    )
    path = (
        cli("-C", notebook, "new", "cr", "-e", "Léa Fontaine", "--no-edit")
        .stdout.split("\t")[1]
        .strip()
    )
    assert path.startswith("comptes-rendus/")
    assert "Modèle maison pour Léa Fontaine." in (notebook / path).read_text(encoding="utf-8")


def test_broken_config_is_one_clear_error(cli, notebook):
    (notebook / ".garefil" / "config.toml").write_text("[team\nmembers = 3\n", encoding="utf-8")
    result = cli("-C", notebook, "list", code=5)
    assert "config.toml" in result.stderr and "Traceback" not in result.output


def test_init_without_a_git_identity_creates_the_notebook_and_says_what_to_do(
    cli, tmp_path, isolated
):
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git's defaults: nobody
    folder = tmp_path / "carnet"
    result = cli("init", folder)
    assert "Carnet prêt" in result.stderr and 'garefil config user "Prénom Nom"' in result.stderr
    assert (folder / ".garefil" / "config.toml").is_file()
    cli("-C", folder, "config", "user", "Awa Diallo", "awa@example.org")
    assert git(folder, "log", "--format=%an %s") == "Awa Diallo garefil : carnet créé\n"
    assert git(folder, "status", "--porcelain") == ""


def test_a_clone_without_a_git_identity_says_it_is_needed_for_the_first_change(
    cli, team, isolated, tmp_path
):
    # The clone is whole: nothing waits to be recorded, but the coach's first change needs a name.
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    result = cli("init", "--clone", str(team.remote), tmp_path / "sophie")
    assert "avant votre première modification" in result.stderr
    assert "sera enregistré" not in result.stderr
    assert git(tmp_path / "sophie", "status", "--porcelain") == ""


def test_config_user_before_any_notebook_sets_gits_global_identity(
    cli, tmp_path, isolated, monkeypatch
):
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    cli("config", "user", "Awa Diallo", "awa@example.org")
    assert git(tmp_path, "config", "--global", "user.email").strip() == "awa@example.org"
    cli("init", tmp_path / "carnet")
    assert git(tmp_path / "carnet", "log", "--format=%an") == "Awa Diallo\n"


def test_a_dollar_in_the_folder_name_is_taken_literally(cli, tmp_path):
    folder = tmp_path / "équipe$HOME" / "carnet"
    cli("init", folder)
    cli("-C", folder, "new", "note", "--title", "Dollar", "--no-edit")
    assert len(git(folder, "log", "--format=%s").splitlines()) == 2
    assert git(folder, "status", "--porcelain") == ""


@pytest.mark.skipif(not shutil.which("script"), reason="`script` gives the command a terminal")
def test_init_on_a_terminal_asks_who_you_are(tmp_path, isolated):
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    command = shlex.join([sys.executable, "-m", "garefil", "init", str(tmp_path / "carnet")])
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        input="Awa Diallo\nawa@example.org\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0 and "Vos prénom et nom : " in done.stdout
    assert git(tmp_path / "carnet", "log", "--format=%an <%ae>") == "Awa Diallo <awa@example.org>\n"


def test_init_edge_cases_are_one_clear_line(cli, tmp_path, monkeypatch):
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    assert "n'est pas un dossier" in cli("init", tmp_path / "fichier", code=6).stderr
    assert "ne peut pas être créé" in cli("init", "/proc/garefil-x", code=7).stderr
    monkeypatch.chdir(tmp_path)
    assert "nom du dossier est vide" in cli("init", "", code=5).stderr
    assert not (tmp_path / ".garefil").exists() and not (tmp_path / ".git").exists()


def test_cloning_into_a_folder_that_is_not_empty_suggests_another_folder(cli, tmp_path):
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    (tmp_path / "plein").mkdir()
    (tmp_path / "plein" / "a.txt").write_text("x", encoding="utf-8")
    refused = cli("init", "--clone", remote, tmp_path / "plein", code=6).stderr
    assert "videz celui-ci" in refused and "autre nom" not in refused


def test_init_leaves_other_git_repositories_out(cli, tmp_path):
    inner = tmp_path / "dossier" / "projet"
    inner.mkdir(parents=True)
    git(inner, "init", "-q")
    (inner / "a.md").write_text("x", encoding="utf-8")
    said = cli("init", tmp_path / "dossier").stderr
    assert "projet" in said and "dépôt git à part" in said
    assert "projet" not in git(tmp_path / "dossier", "ls-files")
    assert git(tmp_path / "dossier", "status", "--porcelain") == ""
