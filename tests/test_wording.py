"""Messages that read right: plural agreement, names as written, the same counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import git


def test_jardin_agrees_one_fixed_problem_in_the_singular(cli, notebook: Path) -> None:
    (notebook / "a-la-main.md").write_text("# Écrite à la main\n\nTexte.\n", encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "une note sans en-tête")
    said = cli("-C", notebook, "jardin").stderr
    assert "1 problème, dont 1 corrigé par `garefil jardin --corriger`." in said


def _smtp_settings(monkeypatch, tmp_path: Path, port: int) -> None:
    """The coach's own settings file, found through XDG_CONFIG_HOME."""
    folder = tmp_path / "xdg" / "garefil"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(
        f'[smtp]\nserveur = "127.0.0.1"\nport = {port}\nsecurite = "aucune"\n'
        'expediteur = "Awa Diallo <awa@example.org>"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))


def test_a_refused_mail_connection_is_said_in_french(cli, notebook, monkeypatch, tmp_path):
    from ports import refused_port

    cli("-C", notebook, "entrepreneur", "ajouter", "Paul Martin", "--email", "paul@exemple.fr")
    cr = cli("-C", notebook, "new", "cr", "-e", "Paul Martin", "--body", "x").stdout.split()[0]
    _smtp_settings(monkeypatch, tmp_path, refused_port())  # nobody listens there
    said = cli("-C", notebook, "cr", "envoyer", cr, code=8).stderr
    assert "(connexion refusée)" in said
    assert "Errno" not in said


def test_a_link_left_out_of_a_mail_is_named_as_the_report_writes_it(cli, notebook, tmp_path):
    cli("-C", notebook, "entrepreneur", "ajouter", "Paul Martin", "--email", "paul@exemple.fr")
    body = "- [mots de passe](/etc/passwd)\n- [absent](../../documents/absent.pdf)\n"
    cr = cli("-C", notebook, "new", "cr", "-e", "Paul Martin", "--body", body).stdout.split()[0]
    eml = tmp_path / "cr.eml"
    said = cli("-C", notebook, "cr", "envoyer", cr, "--brouillon-eml", eml).stderr
    left_out = next(line for line in said.splitlines() if "/etc/passwd" in line)
    assert "/etc/passwd, ../../documents/absent.pdf" in left_out


def test_a_clone_counts_its_notes_as_the_index_does_and_names_the_rest(cli, team, tmp_path):
    (team.awa / "casse.md").write_text("---\ntitle: [pas fermé\n---\nTexte.\n", encoding="utf-8")
    cli("-C", team.awa, "new", "cr", "-e", "Jean Dupont", "--body", "x")
    git(team.awa, "add", "-A")
    git(team.awa, "commit", "-qm", "une note illisible")
    git(team.awa, "push", "-q")
    said = cli("init", "--clone", team.remote, tmp_path / "zoe").stderr
    assert "Index de recherche créé : 1 note." in said
    assert "1 note récupérée de l'équipe." in said
    assert "1 fichier illisible" in said


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["list", "-C", "ailleurs"], "`garefil -C DOSSIER list …`"),
        (["search", "acre", "--debug"], "`garefil --debug search …`"),
        (["tags", "--sans-pager"], "`garefil --sans-pager tags …`"),
    ],
)
def test_a_global_option_after_the_command_is_shown_where_it_goes(cli, notebook, args, shown):
    result = cli("-C", notebook, *args, code=2)
    assert shown in result.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "detail"),
    [
        (["search", "acre", "-n", "0"], "un nombre à partir de 1"),
        (["list", "--limit", "-2"], "un nombre à partir de 1"),
        (["list", "--limit=abc"], "un nombre entier est attendu"),
    ],
)
def test_a_wrong_limit_says_what_is_expected(cli, notebook, args, detail):
    result = cli("-C", notebook, *args, code=2)
    assert result.stderr.splitlines()[0] == f"erreur : Valeur invalide pour --limit : {detail}."


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["search", "tag:urssf"], "l'étiquette « urssf » : vouliez-vous dire urssaf ?"),
        (["search", "acre", "--tag", "urssf"], "l'étiquette « urssf » : vouliez-vous dire urssaf"),
        (["list", "--tag", "urssf"], "l'étiquette « urssf » : vouliez-vous dire urssaf ?"),
        (["list", "--tag", "pole"], "vouliez-vous dire pole-emploi ?"),
        (
            ["list", "--tag", "zzz"],
            "aucune note n'a l'étiquette « zzz » : `garefil tags` les liste",
        ),
        (
            ["search", "tag:Pôle", "Emploi"],
            "entre guillemets : garefil search 'tag:\"pole emploi\"'",
        ),
    ],
)
def test_a_tag_no_note_carries_is_said_with_the_close_ones(cli, demo_notebook, args, hint):
    """A typo in a tag read as « no note matches », as if the notes were missing."""
    result = cli("-C", demo_notebook, *args)
    assert result.stdout == ""
    assert hint in result.stderr, result.stderr


def test_a_tag_that_exists_gets_no_hint(cli, demo_notebook):
    result = cli("-C", demo_notebook, "list", "--tag", "urssaf", "--tag", "zzz")
    assert "urssaf »" not in result.stderr and "« zzz »" in result.stderr


def test_an_empty_date_a_mistyped_tag_and_an_unknown_command_are_said_plainly(cli, notebook):
    empty = cli("-C", notebook, "new", "rdv", "-e", "Lina Roy", "--date", "", code=5).stderr
    assert empty.startswith("erreur : La date est vide."), empty
    cli("-C", notebook, "new", "cr", "--title", "A", "-e", "Jean Dupont", "--tag", "urssaf",
        "--no-edit")  # fmt: skip
    typo = cli(
        "-C",
        notebook,
        "new",
        "cr",
        "--title",
        "B",
        "-e",
        "Jean Dupont",
        "--tag",
        "urssf",
        "--no-edit",
    )
    said = "L'étiquette « urssf » est inconnue du carnet : vouliez-vous dire « urssaf » ?"
    assert said in typo.stderr and "·" not in typo.stderr, typo.stderr
    unknown = cli("-C", notebook, "nexistepas", code=2).stderr
    assert unknown.startswith("erreur : Commande inconnue : « nexistepas »."), unknown
