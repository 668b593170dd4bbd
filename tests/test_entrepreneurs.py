"""Entrepreneurs: one fiche each, their référent and its history, and who is named without one."""

from __future__ import annotations

import json
from datetime import date

import frontmatter

from conftest import git


def people(cli, notebook, *options: str) -> list[dict]:
    return json.loads(cli("-C", notebook, "entrepreneurs", *options, "--json").stdout)


def team(cli, notebook, *names: str) -> None:
    for name in names:
        cli("-C", notebook, "config", "membre", "ajouter", name)


def test_a_fiche_holds_the_entrepreneurs_fields_and_is_committed(cli, notebook):
    team(cli, notebook, "Awa Diallo")
    cli(
        "-C",
        notebook,
        "entrepreneur",
        "ajouter",
        "Jeanne  Martin",
        "--referent",
        "awa",
        "--email",
        "jeanne@exemple.org",
        "--telephone",
        "06 12 34 56 78",
        "--activite",
        "Traiteur",
        "--tag",
        "Pôle Emploi",
    )
    [fiche] = (notebook / "fiches").glob("*.md")
    meta = frontmatter.load(fiche).metadata
    assert meta["entrepreneur"] == "Jeanne Martin" and meta["referent"] == "Awa Diallo"
    assert meta["email"] == "jeanne@exemple.org" and meta["status"] == "actif"
    assert git(notebook, "status", "--porcelain") == ""
    [jeanne] = people(cli, notebook)
    assert jeanne["activity"] == "Traiteur" and jeanne["phone"] == "06 12 34 56 78"
    assert jeanne["referent"] == "Awa Diallo" and jeanne["notes"] == 0
    assert jeanne["email"] == "jeanne@exemple.org" and jeanne["tags"] == ["pole-emploi"]
    assert "jeanne@exemple.org" in cli("-C", notebook, "entrepreneurs").stdout
    cli("-C", notebook, "entrepreneur", "ajouter", "jeanne martin", "-r", "Awa Diallo", code=6)


def test_the_list_counts_notes_and_last_contact_and_filters(cli, notebook):
    team(cli, notebook, "Awa Diallo", "Karim Benali")
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "-r", "Awa Diallo")
    cli(
        "-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "-r", "Karim", "--statut", "en pause"
    )
    for day in ("2024-01-10", "2024-03-02"):
        cli("-C", notebook, "new", "cr", "-e", "jean DUPONT", "--date", day, "--body", "x")
    cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Jean Dupont",
        "--date",
        "2999-01-01T10:00",
        "--body",
        "x",
    )
    cli("-C", notebook, "new", "demande", "-e", "Paul Sansfiche", "--body", "x")
    jean = people(cli, notebook, "--referent", "awa")
    assert [(p["name"], p["notes"], p["last_contact"]) for p in jean] == [
        ("Jean Dupont", 3, "2024-03-02")  # the rdv to come is not a contact yet
    ]
    assert [p["name"] for p in people(cli, notebook, "--statut", "En-Pause")] == ["Lina Roy"]
    assert [p["name"] for p in people(cli, notebook, "--sans-fiche")] == ["Paul Sansfiche"]
    assert [p["name"] for p in people(cli, notebook, "--sans-referent")] == ["Paul Sansfiche"]
    cli("-C", notebook, "entrepreneurs", "--statut", "parti", code=5)


def test_a_change_of_referent_is_kept_with_its_date(cli, notebook):
    team(cli, notebook, "Awa Diallo", "Karim Benali")
    cli(
        "-C",
        notebook,
        "entrepreneur",
        "ajouter",
        "Jean Dupont",
        "-r",
        "Awa Diallo",
    )
    cli("-C", notebook, "entrepreneur", "referent", "dupont", "Karim")
    [fiche] = (notebook / "fiches").glob("*.md")
    meta = frontmatter.load(fiche).metadata
    today = date.today()
    assert meta["referent"] == "Karim Benali"
    assert meta["referents"] == [
        {"nom": "Awa Diallo", "depuis": today},
        {"nom": "Karim Benali", "depuis": today},
    ]
    assert "Karim Benali" in git(notebook, "log", "-1", "--format=%s")
    cli("-C", notebook, "entrepreneur", "referent", "Jean Dupont", "Paul Martin", code=5)
    result = cli("-C", notebook, "entrepreneur", "referent", "Jean Dupond", "Karim", code=4)
    assert "Jean Dupont" in result.stderr  # the close name is proposed


def test_a_near_miss_name_is_written_as_typed_with_a_warning_without_a_terminal(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont")
    result = cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupond")
    assert "Jean Dupont" in result.stderr and "Jean Dupond" in result.stderr
    result = cli("-C", notebook, "new", "cr", "-e", "Jeanne Dupont", "--body", "x")
    assert "Jean Dupont" in result.stderr
    names = {p["name"] for p in people(cli, notebook)}
    assert names == {"Jean Dupont", "Jean Dupond", "Jeanne Dupont"}
    quiet = cli("-C", notebook, "new", "cr", "-e", "jéan  dupont", "--body", "x")
    assert "Dupond" not in quiet.stderr  # the same person, spelled otherwise: no warning


def test_a_near_miss_is_proposed_at_a_terminal(run_garefil, cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont")
    script = (
        "import pty, sys; sys.exit(pty.spawn([sys.executable, '-m', 'garefil', '-C', "
        f"{str(notebook)!r}, 'new', 'cr', '-e', 'Jean Dupond', '--body', 'x']) >> 8)"
    )
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", script], input="o\n", capture_output=True, text=True, timeout=60
    )
    assert "Jean Dupont" in done.stdout, done.stdout + done.stderr
    names = {p["name"]: p["notes"] for p in people(cli, notebook)}
    assert names == {"Jean Dupont": 1}


def test_a_change_of_referent_changes_the_fiche_s_line_too_and_nothing_else(cli, notebook):
    team(cli, notebook, "Awa Diallo", "Karim Benali")
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "-r", "Awa Diallo")
    [fiche] = (notebook / "fiches").glob("*.md")
    body = frontmatter.load(fiche).content
    assert "- Référent·e : Awa Diallo" in body  # the template's line, from the header
    with fiche.open("a", encoding="utf-8") as text:  # the coach's own words are theirs
        text.write("\nPremier rendez-vous avec Awa Diallo.\n")
    cli("-C", notebook, "entrepreneur", "referent", "dupont", "Karim")
    body = frontmatter.load(fiche).content
    assert "- Référent·e : Karim Benali" in body and "- Référent·e : Awa" not in body
    assert "Premier rendez-vous avec Awa Diallo." in body
    assert git(notebook, "status", "--porcelain") == ""


def test_a_new_fiche_s_body_repeats_what_its_header_was_given(cli, notebook):
    cli(
        "-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--activite", "Couture",
        "--statut", "en pause", "--date", "2024-03-04",
    )  # fmt: skip
    cli("-C", notebook, "new", "fiche", "-e", "Paul Martin", "--date", "2024-03-05", "--no-edit")
    lina, paul = sorted((notebook / "fiches").glob("*.md"))
    lines = frontmatter.load(lina).content.splitlines()
    assert "- Activité : Couture" in lines and "- Statut : en pause" in lines, lines
    assert "- Entrée dans la coopérative : 2024-03-04" in lines, lines
    # nothing given: the line stops at its label, for the coach to fill
    lines = frontmatter.load(paul).content.splitlines()
    assert "- Activité :" in lines and "- Statut : actif" in lines, lines
    hits = json.loads(cli("-C", notebook, "search", "couture", "--json").stdout)
    assert [hit["entrepreneur"] for hit in hits] == ["Lina Roy"]


def test_a_referent_given_later_keeps_the_space_after_the_colon(cli, notebook):
    team(cli, notebook, "Awa Diallo")
    cli("-C", notebook, "entrepreneur", "ajouter", "Zoé Nu")  # nobody: the line ends at « : »
    cli("-C", notebook, "entrepreneur", "referent", "zoé nu", "awa")
    [fiche] = (notebook / "fiches").glob("*.md")
    assert "- Référent·e : Awa Diallo" in frontmatter.load(fiche).content.splitlines()


def test_a_refused_fiche_says_only_why_and_warns_of_no_name(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Ana Bel")
    refused = cli("-C", notebook, "entrepreneur", "ajouter", "Ana Bol", "--statut", "parti", code=5)
    assert "parti" in refused.stderr and "Ana Bel" not in refused.stderr, refused.stderr
    assert len(list((notebook / "fiches").glob("*.md"))) == 1
    typed = ("new", "cr", "-e", "Ana Bol", "--date", "jamais", "--body", "x")
    refused = cli("-C", notebook, *typed, code=5)
    assert "jamais" in refused.stderr and "Ana Bel" not in refused.stderr, refused.stderr
