"""The home screen: `garefil` alone says what matters now for the coach who runs it."""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import git, push_link_by_hand
from terminal import TmuxScreen


def write_note(notebook: Path, relative: str, header: str, body: str = "Texte.\n") -> None:
    """A note written by hand (or by another tool), then recorded, as a coach would."""
    path = notebook / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{header}---\n\n{body}", encoding="utf-8")


def soon(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def coming_monday(monkeypatch) -> str:
    """The day of the coming meeting (Mondays by default): today, this morning, counts."""
    monkeypatch.setenv("GAREFIL_TODAY", f"{date.today().isoformat()} 08:00")
    return (date.today() + timedelta(days=-date.today().weekday() % 7)).isoformat()


def test_the_home_screen_of_a_coach_after_a_sync(cli, team, monkeypatch):
    cli(
        "-C",
        team.karim,
        "new",
        "cr",
        "-e",
        "Jean Dupont",
        "--title",
        "Point trésorerie",
        "--body",
        "Vu ensemble.",
    )
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    # Awa's appointment of last week has no report yet; Karim's is his own business.
    for who, slug in (("Awa Diallo", "awa"), ("Karim Benali", "karim")):
        write_note(
            team.awa,
            f"rdv/{slug}.md",
            f"type: rdv\nstatus: prevu\ntitle: RDV {slug}\ndate: {soon(-7)}\n"
            f"entrepreneur: Chloé Marchand\nreferent: {who}\n",
        )
    write_note(
        team.awa,
        "reunions/prochaine.md",
        f"type: reunion\ntitle: Réunion d'équipe\ndate: {coming_monday(monkeypatch)}\n",
        "## Rôles\n- Animation : Awa Diallo\n- Prise de notes : Karim Benali\n",
    )
    home = cli("-C", team.awa).stdout
    lines = home.splitlines()
    assert lines[0].startswith("Bonjour Awa Diallo")
    assert "À faire pour vous (1) :" in home and "rendez-vous passé, pas encore de CR" in home
    assert "rdv/karim" not in home and "karim" not in home.split("Prochaine")[0].lower()
    assert "Prochaine réunion d'équipe : " in home and "votre rôle : Animation" in home
    assert "Dernière synchronisation" in home and "1 note changée par Karim Benali" in home
    assert "Point trésorerie" in home
    assert "À partager : 3 fichiers modifiés" in home
    assert "  garefil sync" in home  # among the three likely next commands
    assert lines[-3:] == [
        "  garefil sync",
        "  garefil suivi --moi",
        "  garefil show reunions/prochaine",
    ]


def test_equipe_widens_the_home_screen_to_the_team(cli, notebook):
    for who, slug in (("Awa Diallo", "awa"), ("Karim Benali", "karim")):
        write_note(
            notebook,
            f"rdv/{slug}.md",
            f"type: rdv\nstatus: prevu\ntitle: RDV {slug}\ndate: {soon(-7)}\nreferent: {who}\n",
        )
    team = cli("-C", notebook, "--equipe").stdout
    assert "À faire pour l'équipe (2) :" in team and "Karim Benali" in team
    assert "  garefil suivi\n" in team


def test_the_coach_is_known_by_setting_then_by_git_name_as_a_member(cli, notebook, isolated):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo-Sy")
    assert cli("-C", notebook).stdout.startswith("Bonjour Awa Diallo-Sy")  # git says "Awa Diallo"
    cli("-C", notebook, "config", "set", "nom", "Awa Diallo-Sy")
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git no longer knows her
    assert cli("-C", notebook).stdout.startswith("Bonjour Awa Diallo-Sy")


def test_a_coach_nobody_knows_is_told_how_to_say_who_they_are(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")  # git's Awa is not listed
    first = cli("-C", notebook).stdout.splitlines()[0]
    assert 'garefil config set nom "Prénom Nom"' in first


def test_without_a_git_identity_the_home_screen_and_status_give_the_command_that_signs(
    cli, tmp_path, isolated
):
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git's defaults: nobody
    folder = tmp_path / "carnet"
    cli("init", folder)
    signing = 'garefil config user "Prénom Nom" prenom.nom@exemple.org'
    home = cli("-C", folder).stdout.splitlines()
    assert home[0] == "Bonjour — Carnet de l'équipe" and signing in home[1], home
    assert "garefil sync" not in "\n".join(home) and home[-3] == f"  {signing}", home
    status = cli("-C", folder, "status").stdout.splitlines()
    assert signing in status[0], status  # the notebook's own creation is no edit to list
    assert "Fichiers modifiés à enregistrer au prochain sync : 0" in status, status


def test_a_notebook_made_without_an_identity_is_recorded_with_its_first_note(
    cli, tmp_path, isolated
):
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # git's defaults: nobody
    folder = tmp_path / "carnet"
    cli("init", folder)
    cli("config", "user", "Awa Diallo", "awa@exemple.org")  # run outside the notebook
    cli("-C", folder, "new", "note", "--title", "Première", "--no-edit")
    assert git(folder, "status", "--porcelain") == ""  # nothing left for sync to call a hand edit


def test_outside_a_notebook_garefil_alone_says_the_ways_on_in_short(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = cli(code=3)
    assert "Commandes :" not in done.stdout + done.stderr
    said = done.stderr
    assert "Aucun carnet garefil dans" in said and len(said.splitlines()) <= 3
    assert "garefil init --clone ADRESSE" in said and "-C DOSSIER" in said
    # The same words as any command outside a notebook: one refusal, not two.
    assert cli("list", code=3).stderr == said
    assert "n'existe pas" in cli("-C", tmp_path / "nulle-part", code=3).stderr


def test_a_missing_folder_given_with_c_is_said_to_be_missing(cli, tmp_path):
    said = cli("-C", tmp_path / "inexistant", "list", code=3).stderr
    assert "inexistant n'existe pas" in said and "ni au-dessus" not in said


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux gives the command a real terminal")
def test_the_home_screen_in_a_real_terminal(cli, notebook, tmp_path):
    write_note(
        notebook,
        "rdv/awa.md",
        f"type: rdv\nstatus: prevu\ntitle: RDV\ndate: {soon(-7)}\n"
        "entrepreneur: Chloé Marchand\nreferent: Awa Diallo\n",
    )
    screen = TmuxScreen(tmp_path)
    try:
        screen.type(f"{sys.executable} -m garefil -C {notebook}; echo FINI")
        shown = screen.wait_for("FINI")
    finally:
        screen.close()
    assert "Bonjour Awa Diallo" in shown and "À faire pour vous (1) :" in shown
    assert "rendez-vous passé, pas encore de CR, Chloé Marchand" in shown


def test_before_its_note_the_next_meeting_is_the_slot_with_the_proposed_role(
    cli, notebook, monkeypatch
):
    for name in ("Awa Diallo", "Inès Moreau", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-29")  # a Sunday; meetings on Mondays at 14:00
    roles = json.loads(cli("-C", notebook, "roles", "--json").stdout)
    awa = next(c for c in roles["next"]["roles"] if c["person"] == "Awa Diallo")
    shown = cli("-C", notebook).stdout
    assert (
        "Prochaine réunion d'équipe : lundi 30 novembre 2026 à 14h00 (sa note n'est pas encore "
        f"écrite) — votre rôle proposé : {awa['label']}"
    ) in shown
    assert "  garefil reunion preparer\n" in shown


def test_a_conflict_waiting_is_on_the_home_screen_with_status_first(cli, notebook):
    # The other version of a note, as a sync that met a conflict leaves it beside the note.
    write_note(notebook, "divers/a.md", "type: note\ntitle: A\nid: aaaaa\n")
    write_note(notebook, "divers/a.conflit-karim-benali.md", "type: note\ntitle: A\nid: aaaaa\n")
    result = cli("-C", notebook)
    home = result.stdout
    assert "1 conflit à résoudre : `garefil status` montre les deux versions." in home
    assert "conflit" not in result.stderr  # said once, on the screen, not also as a warning
    assert home.split("Ensuite, peut-être :")[1].split()[:2] == ["garefil", "status"]


def test_without_a_shared_repository_the_home_screen_says_how_to_join(cli, notebook):
    write_note(notebook, "divers/b.md", "type: note\ntitle: B\nid: bbbbb\n")
    home = cli("-C", notebook).stdout
    assert "Rien n'est encore partagé : `garefil remote ADRESSE`" in home
    assert "  garefil remote ADRESSE\n" in home and "  garefil sync\n" not in home


def test_a_refused_sync_is_not_shown_as_the_last_one(cli, team):
    cli("-C", team.karim, "new", "cr", "-e", "Jean Dupont", "--title", "Arrivée", "--body", "x")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    # Karim's teammate then shares, with git by hand, a link that sync refuses to bring in.
    push_link_by_hand(team.karim)
    cli("-C", team.awa, "sync", code=12)
    home = cli("-C", team.awa).stdout
    # What the home screen calls the last sync is the one that brought Karim's CR in; the
    # refused one brought nothing, and the line about the link says so.
    assert "1 note changée par Karim Benali" in home and "Arrivée" in home
    assert "passwd.md" in home


def test_a_sync_that_brought_many_notes_says_how_many_it_leaves_out(cli, team):
    for number in range(5):
        cli(
            "-C",
            team.karim,
            "new",
            "cr",
            "-e",
            "Jean Dupont",
            "--title",
            f"CR {number}",
            "--body",
            "x",
        )
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    home = cli("-C", team.awa).stdout
    assert "5 notes changées par Karim Benali" in home
    assert sum(line.startswith("  · CR ") for line in home.splitlines()) == 3
    assert "  et 2 autres" in home


def test_with_everything_shared_sync_is_not_the_first_thing_proposed(cli, team):
    write_note(
        team.awa,
        "rdv/awa.md",
        f"type: rdv\nstatus: prevu\ntitle: RDV awa\ndate: {soon(-7)}\nreferent: Awa Diallo\n",
    )
    cli("-C", team.awa, "sync")
    home = cli("-C", team.awa).stdout
    lines = home.splitlines()
    assert "Tout est partagé." in home
    assert lines[-3:-1] == ["  garefil suivi --moi", "  garefil reunion preparer"], lines
    # sync, which would only bring the team's news, comes after the coach's own things
    karim = cli("-C", team.karim).stdout.splitlines()
    assert "Tout est partagé." in karim
    assert karim[-3:-1] == ["  garefil reunion preparer", "  garefil sync"], karim


def test_in_english_the_proposed_commands_name_their_arguments_in_english(run_garefil, notebook):
    write_note(notebook, "divers/b.md", "type: note\ntitle: B\nid: bbbbb\n")
    done = run_garefil("-C", notebook, env={"GAREFIL_LANG": "en"})
    assert done.returncode == 0, done.stderr
    proposed = done.stdout.split("Next, perhaps:")[1]
    assert "  garefil remote ADDRESS\n" in proposed
    assert "ADRESSE" not in done.stdout and "MOTS" not in done.stdout


def test_a_coach_holding_two_proposed_roles_sees_both_on_the_home_screen(
    cli, notebook, monkeypatch
):
    # Two members for three roles: the rotation gives one of them two (core/meetings.py).
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-29")  # a Sunday; meetings on Mondays at 14:00
    proposed = json.loads(cli("-C", notebook, "roles", "--json").stdout)["next"]["roles"]
    held = [c["person"] for c in proposed]
    twice = max(set(held), key=held.count)
    labels = [c["label"] for c in proposed if c["person"] == twice]
    assert len(labels) == 2
    cli("-C", notebook, "config", "set", "nom", twice)
    shown = cli("-C", notebook).stdout
    assert f"— vos rôles proposés : {labels[0]} et {labels[1]}\n" in shown, shown


def test_a_coach_holding_two_roles_in_the_meeting_note_sees_both(
    cli, notebook, run_garefil, monkeypatch
):
    write_note(
        notebook,
        "reunions/prochaine.md",
        f"type: reunion\ntitle: Réunion d'équipe\ndate: {coming_monday(monkeypatch)}\n",
        "## Rôles\n- Animation : Awa Diallo\n- Prise de notes : Karim Benali\n"
        "- Gardien·ne du temps : Awa Diallo\n",
    )
    shown = cli("-C", notebook).stdout
    assert "(reunions/prochaine) — vos rôles : Animation et Gardien·ne du temps\n" in shown
    english = run_garefil("-C", notebook, env={"GAREFIL_LANG": "en"})
    assert english.returncode == 0, english.stderr
    assert "(reunions/prochaine) — your roles: Facilitation and Timekeeper\n" in english.stdout


def test_a_coach_listed_absent_in_the_meeting_note_holds_no_role(cli, notebook, monkeypatch):
    write_note(
        notebook,
        "reunions/prochaine.md",
        f"type: reunion\ntitle: Réunion d'équipe\ndate: {coming_monday(monkeypatch)}\n"
        "absents: [Awa Diallo]\n"
        "animation: Karim Benali\n",
        "Ordre du jour.\n",
    )
    shown = cli("-C", notebook).stdout
    assert "(reunions/prochaine)" in shown and "absents" not in shown, shown
    assert "votre rôle" not in shown and "vos rôles" not in shown, shown


def test_what_the_home_screen_counts_for_the_coach_is_what_suivi_moi_lists(cli, notebook):
    """The home screen counts the team's requests nobody has taken as the coach's to do, and
    proposes `suivi --moi`: that command lists them too, in their own group."""
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    for slug, who in (
        ("awa", "referent: Awa Diallo\n"),
        ("personne", ""),
        ("karim", "referent: Karim Benali\n"),
    ):
        write_note(
            notebook,
            f"demandes/{slug}.md",
            f"type: demande\nstatus: ouverte\ntitle: Demande {slug}\ndate: {soon(-40)}\n"
            f"entrepreneur: Chloé Marchand\n{who}",
        )
    home = cli("-C", notebook).stdout
    assert "À faire pour vous (2) :" in home and "  garefil suivi --moi" in home, home
    mine = json.loads(cli("-C", notebook, "suivi", "--moi", "--json").stdout)
    assert {(d["path"], d["referent"]) for d in mine} == {
        ("demandes/awa.md", "Awa Diallo"),
        ("demandes/personne.md", None),
    }, mine
    listed = cli("-C", notebook, "suivi", "--moi").stdout
    assert "(sans référent·e)" in listed and "demandes/karim" not in listed, listed


def test_a_coach_in_a_clone_is_greeted_with_the_teams_notebook_name(cli, team):
    """The notebook's name is shared (versioned): never the founder's own folder, which on
    Karim's screen would read « Bonjour Karim Benali — awa »."""
    karim = cli("-C", team.karim).stdout.splitlines()[0]
    awa = cli("-C", team.awa).stdout.splitlines()[0]
    assert karim == "Bonjour Karim Benali — Carnet de l'équipe", karim
    assert awa == "Bonjour Awa Diallo — Carnet de l'équipe", awa


def test_suivi_moi_knows_the_coach_as_the_home_screen_does(cli, notebook, isolated):
    """The `nom` setting names the coach on the home screen; `suivi --moi`, which it proposes,
    lists that coach's items, not those of git's name. A coach nobody knows is proposed the
    whole team's `suivi`: `--moi` would refuse."""
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    for slug in ("awa", "karim"):
        write_note(
            notebook,
            f"demandes/{slug}.md",
            f"type: demande\nstatus: ouverte\ntitle: Demande {slug}\ndate: {soon(-40)}\n"
            f"entrepreneur: Chloé Marchand\nreferent: {slug.title()} "
            f"{'Diallo' if slug == 'awa' else 'Benali'}\n",
        )
    cli("-C", notebook, "config", "set", "nom", "Karim Benali")
    home = cli("-C", notebook).stdout
    assert home.startswith("Bonjour Karim Benali") and "À faire pour vous (1) :" in home, home
    mine = json.loads(cli("-C", notebook, "suivi", "--moi", "--json").stdout)
    assert [d["path"] for d in mine] == ["demandes/karim.md"], mine
    cli("-C", notebook, "config", "unset", "nom")
    (isolated / ".gitconfig").write_text("", encoding="utf-8")  # nobody knows who this is
    home = cli("-C", notebook).stdout
    assert "À faire pour l'équipe (2) :" in home and "  garefil suivi\n" in home, home
    assert "suivi --moi" not in home, home
