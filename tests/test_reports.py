"""Reports: written from an appointment (both linked, one commit), then sent by hand."""

from __future__ import annotations

from datetime import date

import frontmatter

from conftest import git


def book(cli, notebook, when: str = "2024-05-02T14:00") -> tuple[str, str]:
    out = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Jean Dupont",
        "-r",
        "Awa Diallo",
        "--date",
        when,
        "-p",
        "Inès Moreau",
        "--tag",
        "URSSAF",
        "--body",
        "Objet : TVA.",
    )
    note_id, path = out.stdout.strip().split("\t")
    return note_id, path


def test_a_report_written_for_an_appointment_links_both_in_one_commit(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--email", "jean@exemple.fr")
    rdv, rdv_path = book(cli, notebook)
    commits = int(git(notebook, "rev-list", "--count", "HEAD"))
    out = cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "Échanges sur la TVA.")
    cr, cr_path = out.stdout.strip().split("\t")
    report = frontmatter.load(notebook / cr_path).metadata
    assert report["rdv"] == rdv and report["entrepreneur"] == "Jean Dupont"
    assert report["referent"] == "Awa Diallo" and report["status"] == "brouillon"
    assert str(report["date"]).startswith("2024-05-02 14:00") and report["tags"] == ["urssaf"]
    assert report["participants"] == ["Awa Diallo", "Jean Dupont", "Inès Moreau"]
    assert report["title"] == "Compte-rendu du rendez-vous du 02/05/2024 — Jean Dupont"
    appointment = frontmatter.load(notebook / rdv_path).metadata
    assert (appointment["status"], appointment["cr"]) == ("tenu", cr)
    assert int(git(notebook, "rev-list", "--count", "HEAD")) == commits + 1
    assert set(git(notebook, "show", "--name-only", "--format=", "HEAD").split()) == {
        cr_path,
        rdv_path,
    }
    assert git(notebook, "status", "--porcelain") == ""
    again = cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "x", code=6)
    assert cr in again.stderr


def test_after_a_report_written_from_an_appointment_dernier_is_the_report(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--email", "jean@exemple.fr")
    rdv, _rdv_path = book(cli, notebook)
    out = cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "CR")
    cr, _cr_path = out.stdout.strip().split("\t")
    assert "\ntype: cr\n" in cli("-C", notebook, "show", "@dernier").stdout
    assert f"\nid: {cr}\n" in cli("-C", notebook, "show", "@dernier").stdout


def test_a_report_left_as_its_template_holds_nothing_back(cli, notebook):
    rdv, rdv_path = book(cli, notebook)
    cli("-C", notebook, "new", "cr", "--rdv", rdv, code=11)  # EDITOR=false: nothing written
    assert frontmatter.load(notebook / rdv_path).metadata["status"] == "prevu"
    assert git(notebook, "status", "--porcelain") == ""
    cli("-C", notebook, "rdv", "annule", rdv)
    assert "annulé" in cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "x", code=5).stderr


def test_a_sending_done_by_hand_is_recorded_with_its_day_and_recipients(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--email", "jean@exemple.fr")
    rdv, _ = book(cli, notebook)
    cr_path = cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "x").stdout.split("\t")[1]
    cr = cr_path.strip()
    cli("-C", notebook, "cr", "envoyé", cr, "--le", "2024-05-03")
    meta = frontmatter.load(notebook / cr).metadata
    assert (meta["status"], meta["envoye_le"]) == ("envoye", date(2024, 5, 3))
    assert meta["destinataires"] == ["jean@exemple.fr"]
    assert git(notebook, "log", "-1", "--format=%s").strip().endswith("— envoyé")
    refused = cli("-C", notebook, "cr", "envoye", rdv, code=5)
    assert "compte-rendu" in refused.stderr


def test_a_report_recorded_as_sent_twice_needs_encore_and_keeps_the_first_sending(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--email", "jean@exemple.fr")
    rdv, _ = book(cli, notebook)
    cr = cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "x").stdout.split("\t")[1].strip()
    said = cli("-C", notebook, "cr", "envoye", cr, "--le", "2024-05-03").stderr
    assert "noté comme envoyé le vendredi 3 mai 2024 à jean@exemple.fr" in said
    commits = git(notebook, "rev-parse", "HEAD")
    refused = cli("-C", notebook, "cr", "envoye", cr, "--le", "2024-05-10", "--a", "b@x.fr", code=6)
    assert "déjà été envoyé le vendredi 3 mai 2024." in refused.stderr
    assert "--encore" in refused.stderr
    assert frontmatter.load(notebook / cr).metadata["envoye_le"] == date(2024, 5, 3)
    assert git(notebook, "rev-parse", "HEAD") == commits
    cli("-C", notebook, "cr", "envoye", cr, "--le", "2024-05-10", "--a", "b@x.fr", "--encore")
    meta = frontmatter.load(notebook / cr).metadata
    assert (meta["envoye_le"], meta["destinataires"]) == (date(2024, 5, 10), ["b@x.fr"])
    assert meta["envois"] == [{"le": date(2024, 5, 3), "a": ["jean@exemple.fr"]}]
    steps = cli("-C", notebook, "fil", "Jean Dupont", "--json").stdout
    assert "2024-05-03" in steps and "jean@exemple.fr" in steps and "b@x.fr" in steps
