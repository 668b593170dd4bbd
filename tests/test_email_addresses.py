"""An e-mail address is checked where it is written (`entrepreneur ajouter|modifier --email`,
`cr envoye --a`), said as invalid where it is read (file and line, never « no address »), and
flagged by `jardin`; a report is never recorded as sent on a day still to come."""

from __future__ import annotations

import json
from datetime import date, timedelta

import frontmatter

from conftest import git

FICHE = (
    "---\nid: f-chloe\ntype: fiche\ntitle: Chloé Martin\nentrepreneur: Chloé Martin\n"
    "referent: Awa Diallo\n# écrite à la main\ncourriel: chloe martin@exemple.org\n---\n"
    "- Activité : couture\n"
)


def hand_written_fiche(notebook) -> None:
    """A fiche written by hand (or by another tool) with an address that is none, at line 8."""
    (notebook / "fiches").mkdir(exist_ok=True)
    (notebook / "fiches" / "chloe.md").write_text(FICHE, encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "fiche écrite à la main")


def report(cli, notebook, name: str = "Chloé Martin") -> str:
    out = cli("-C", notebook, "new", "cr", "-e", name, "--title", "Premier contact", "--body", "x")
    return out.stdout.split("\t")[0]


def test_an_address_that_is_none_is_refused_when_the_fiche_is_written(cli, notebook):
    head = git(notebook, "rev-parse", "HEAD")
    refused_addresses = ("chloe martin@exemple.org", "chloe@", "chloe.exemple.org",
                         "a@b@exemple.org", "chloé@exemple.org", "c@exemple")  # fmt: skip
    for typed in refused_addresses:
        refused = cli(
            "-C", notebook, "entrepreneur", "ajouter", "Chloé Martin", "--email", typed, code=None
        )
        assert refused.exit_code == 5 and typed in refused.stderr
    assert git(notebook, "rev-parse", "HEAD") == head and not (notebook / "fiches").exists()
    cli("-C", notebook, "entrepreneur", "ajouter", "Chloé Martin", "--email", "mailto:c@exemple.fr")
    [fiche] = (notebook / "fiches").rglob("*.md")
    assert frontmatter.load(fiche).metadata["email"] == "c@exemple.fr"


def test_an_invalid_address_in_a_fiche_is_said_with_its_line_not_as_no_address(cli, notebook):
    hand_written_fiche(notebook)
    cr = report(cli, notebook)
    refused = cli("-C", notebook, "cr", "envoyer", cr, code=5).stderr
    assert "fiches/chloe.md, ligne 8" in refused and "chloe martin@exemple.org" in refused
    assert "Pas d'adresse" not in refused and "entrepreneur modifier" in refused
    recorded = cli("-C", notebook, "cr", "envoye", cr, code=5)  # by hand: to the fiche's address
    assert "ligne 8" in recorded.stderr
    listed = cli("-C", notebook, "entrepreneurs").stdout
    assert "invalide : chloe martin@exemple.org" in listed
    [person] = json.loads(cli("-C", notebook, "entrepreneurs", "--json").stdout)
    assert person["email"] is None


def test_jardin_flags_an_invalid_address_and_the_command_that_corrects_it(cli, notebook):
    hand_written_fiche(notebook)
    found = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    [invalid] = [f for f in found if f["kind"] == "adresse-invalide"]
    assert invalid["path"] == "fiches/chloe.md" and invalid["line"] == 8
    assert invalid["params"]["value"] == "chloe martin@exemple.org"
    assert invalid["command"].startswith("garefil entrepreneur modifier 'Chloé Martin' --email")
    assert "Adresses e-mail invalides" in cli("-C", notebook, "jardin").stdout


def test_entrepreneur_modifier_changes_the_address_on_its_own_line_only(cli, notebook):
    hand_written_fiche(notebook)
    cli("-C", notebook, "entrepreneur", "modifier", "chloe martin", "--email", "pas une", code=5)
    assert (notebook / "fiches" / "chloe.md").read_text(encoding="utf-8") == FICHE
    done = cli("-C", notebook, "entrepreneur", "modifier", "Chloé Martin", "--email", "c@ex.org")
    assert "c@ex.org" in done.stderr
    after = (notebook / "fiches" / "chloe.md").read_text(encoding="utf-8")
    assert after == FICHE.replace("chloe martin@exemple.org", "c@ex.org")  # its key, its comment
    assert "fiches/chloe.md" not in git(notebook, "status", "--porcelain")
    subject = git(notebook, "log", "-1", "--format=%s")
    assert "courriel changé" in subject and "c@ex.org" not in subject  # no address in history
    assert "adresse-invalide" not in cli("-C", notebook, "jardin", "--json").stdout
    again = cli("-C", notebook, "entrepreneur", "changer", "Chloé Martin", "--email", "c@ex.org")
    assert "Aucun changement" in again.stderr
    cli("-C", notebook, "entrepreneur", "modifier", "Chloé Martin", "--telephone", "06 12 34 56 78")
    assert frontmatter.load(notebook / "fiches" / "chloe.md")["telephone"] == "06 12 34 56 78"
    cli("-C", notebook, "entrepreneur", "modifier", "Chloé Martin", code=2)  # nothing to change


def test_a_sending_recorded_by_hand_is_never_in_the_future_nor_to_a_non_address(cli, notebook):
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--email", "lina@exemple.org")
    cr = report(cli, notebook, "Lina Roy")
    head = git(notebook, "rev-parse", "HEAD")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert (
        "pas encore arrivé"
        in cli("-C", notebook, "cr", "envoye", cr, "--le", "demain", code=5).stderr
    )
    cli("-C", notebook, "cr", "envoye", cr, "--le", tomorrow, code=5)
    refused = cli("-C", notebook, "cr", "envoye", cr, "--a", "pas une adresse", code=5)
    assert "pas une adresse" in refused.stderr
    assert git(notebook, "rev-parse", "HEAD") == head  # nothing recorded
    cli("-C", notebook, "cr", "envoye", cr, "--le", "hier", "--a", "Lina <lina@exemple.org>")
    meta = frontmatter.load(next((notebook / "cr").rglob("*.md"))).metadata
    assert meta["destinataires"] == ["lina@exemple.org"]
    assert meta["envoye_le"] == date.today() - timedelta(days=1)


def test_an_invitation_says_the_invalid_address_and_invites_nobody(cli, notebook, tmp_path):
    hand_written_fiche(notebook)
    out = cli(
        "-C",
        notebook,
        "new",
        "rdv",
        "-e",
        "Chloé Martin",
        "--date",
        "2030-01-15T10:00",
        "--no-edit",
    )
    rdv = out.stdout.split("\t")[0]
    made = cli("-C", notebook, "rdv", "ics", rdv, "--sortie", tmp_path / "rdv.ics")
    assert "fiches/chloe.md, ligne 8" in made.stderr
    assert "chloe martin" not in (tmp_path / "rdv.ics").read_text(encoding="utf-8").lower()


def test_with_git_s_defaults_and_no_terminal_a_coach_is_told_in_one_line(
    git_defaults, tmp_path, run_garefil
):
    """As the tester ran it: an empty git configuration, a separate process, no terminal."""
    run_garefil("config", "user", "Karim Benali", "k@exemple.org")
    run_garefil("init", tmp_path / "c")
    book = tmp_path / "c"
    added = run_garefil("-C", book, "entrepreneur", "ajouter", "Chloé Martin", "--email",
                        "chloe martin@exemple.org")  # fmt: skip
    assert added.returncode == 5 and "Traceback" not in added.stderr
    assert added.stderr.startswith("erreur : « chloe martin@exemple.org » n'est pas une adresse")
    run_garefil("-C", book, "entrepreneur", "ajouter", "Chloé Martin", "--email", "c@exemple.org")
    run_garefil("-C", book, "new", "cr", "-e", "Chloé Martin", "--body", "x")
    head = git(book, "rev-parse", "HEAD")
    later = run_garefil("-C", book, "cr", "envoye", "@dernier", "--le", "demain")
    assert later.returncode == 5 and "n'est pas encore arrivé" in later.stderr
    assert git(book, "rev-parse", "HEAD") == head  # nothing recorded
