"""A note a coach renamed while a teammate changed it: the sync that brings the change, and the
`resolve` that gives the note another name, say so as it happened (nothing was deleted).

Git's default configuration (no identity, no init.defaultBranch).
"""

from __future__ import annotations

import json
import shlex

import pytest

from conftest import Team, git
from test_resolve_safety import conflict_met_by_karim, note_id
from test_sync_report import coaches, the_note
from test_sync_resolved import incoming_lines

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")


def as_before_the_sync(team: Team, before: str) -> None:
    """Awa back at `before`, the shared repository back at Karim's last commit: the same sync
    can run again."""
    git(team.awa, "reset", "-q", "--hard", before)
    branch = git(team.karim, "rev-parse", "--abbrev-ref", "HEAD").strip()
    git(team.karim, "push", "-q", "--force", "origin", f"HEAD:refs/heads/{branch}")


def test_a_change_merged_into_a_note_renamed_here_is_said_of_it(cli, coaches, run_garefil):
    shared = the_note(coaches.karim)
    with (coaches.karim / shared).open("a", encoding="utf-8") as handle:
        handle.write("Ajout de Karim.\n")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "mv", note_id(cli, coaches.awa, shared), "Titre neuf")
    before = git(coaches.awa, "rev-parse", "HEAD").strip()
    said = cli("-C", coaches.awa, "sync").stderr
    renamed = the_note(coaches.awa)
    assert "Ajout de Karim." in (coaches.awa / renamed).read_text(encoding="utf-8")
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Titre neuf » (compte-rendu, Jean Dupont) — modifiée"
    ], said
    as_before_the_sync(coaches, before)
    done = run_garefil("-C", coaches.awa, "sync", "--json", env={"GAREFIL_LANG": "en"})
    assert done.returncode == 0, done.stderr
    [change] = json.loads(done.stdout)["incoming"]
    assert (change["path"], change["change"], change["restored"]) == (renamed, "modified", False)


def test_the_sync_bringing_the_copy_of_a_note_renamed_here_never_says_it_was_deleted(
    cli, coaches, run_garefil
):
    conflict_met_by_karim(cli, coaches)  # Karim shares Awa's version as a copy
    cli("-C", coaches.awa, "mv", note_id(cli, coaches.awa, the_note(coaches.awa)), "Titre neuf")
    before = git(coaches.awa, "rev-parse", "HEAD").strip()
    said = cli("-C", coaches.awa, "sync", code=9).stderr
    assert "supprimée" not in said and "de retour" not in said, said
    assert "note « Titre neuf » (compte-rendu, Jean Dupont) — modifiée" in said, said
    as_before_the_sync(coaches, before)
    done = run_garefil("-C", coaches.awa, "sync", env={"GAREFIL_LANG": "en"})
    assert done.returncode == 9 and "deleted" not in done.stderr, done.stderr
    assert 'note "Titre neuf" (report, Jean Dupont) — modified' in done.stderr, done.stderr


def test_resolve_says_the_note_was_renamed_with_the_version_taken(cli, coaches, run_garefil):
    shared_id = note_id(cli, coaches.awa, the_note(coaches.awa))
    cli("-C", coaches.awa, "mv", shared_id, "Titre Awa")
    cli("-C", coaches.karim, "mv", shared_id, "Titre Karim")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "sync", code=9)
    [mine, copy_path] = sorted(
        (p.relative_to(coaches.awa).as_posix() for p in (coaches.awa / "cr").rglob("*.md")),
        key=lambda p: ".conflit-" in p,
    )
    before = git(coaches.awa, "rev-parse", "HEAD").strip()
    said = cli("-C", coaches.awa, "resolve", copy_path, "--take-other").stderr
    karims = the_note(coaches.awa)
    assert "titre-karim" in karims and karims != mine
    assert f"Conflit sur {mine} réglé" in said and f"renommée {karims}" in said, said
    git(coaches.awa, "reset", "-q", "--hard", before)
    done = run_garefil(
        "-C", coaches.awa, "resolve", copy_path, "--take-other", env={"GAREFIL_LANG": "en"}
    )
    assert done.returncode == 0 and f"renamed {karims}" in done.stderr, done.stderr
    git(coaches.awa, "reset", "-q", "--hard", before)
    kept = cli("-C", coaches.awa, "resolve", mine).stderr  # the note kept: it keeps its name
    assert f"Conflit sur {mine} réglé" in kept and "renomm" not in kept, kept


def renamed_both_ways_then_resolved(cli, team: Team, *how: str) -> str:
    """Awa and Karim each rename the shared note; Awa meets the conflict, resolves it `how`
    (saying whose version she kept) and shares that. Karim's HEAD before his next sync."""
    shared_id = note_id(cli, team.awa, the_note(team.awa))
    cli("-C", team.awa, "mv", shared_id, "Titre Awa")
    cli("-C", team.karim, "mv", shared_id, "Titre Karim")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync", code=9)
    [mine, copy] = sorted(
        (p.relative_to(team.awa).as_posix() for p in (team.awa / "cr").rglob("*.md")),
        key=lambda p: ".conflit-" in p,
    )
    said = cli("-C", team.awa, "resolve", copy if how else mine, *how).stderr
    whose = "Karim Benali" if how else "Awa Diallo (vous)"
    assert f"la version écrite par {whose} est gardée" in said, said
    cli("-C", team.awa, "sync")
    return git(team.karim, "rev-parse", "HEAD").strip()


def shown(cli, team_folder, said: str) -> str:
    """What the `garefil show` the line gives prints: the version set aside."""
    command = shlex.split(said.split("`garefil show ")[1].split("`")[0])
    return cli("-C", team_folder, "show", *command).stdout


def test_a_teammate_taking_my_name_in_a_rename_conflict_says_whose_name_was_set_aside(cli, coaches):
    renamed_both_ways_then_resolved(cli, coaches, "--take-other")
    said = cli("-C", coaches.karim, "sync").stderr
    [line] = incoming_lines(said)
    assert line.startswith(
        "↓ Awa Diallo : note « Titre Karim » (compte-rendu, Jean Dupont) — conflit résolu en "
        "gardant votre version : la note garde le nom qu'elle a ici ; celle de Awa Diallo, "
        "« Titre Awa », est mise de côté, toujours dans l'historique : `garefil show "
    ), said
    assert "title: Titre Awa" in shown(cli, coaches.karim, said), said


def test_a_teammate_keeping_their_name_in_a_rename_conflict_says_mine_was_set_aside(
    cli, coaches, run_garefil
):
    before = renamed_both_ways_then_resolved(cli, coaches)
    said = cli("-C", coaches.karim, "sync").stderr
    [line] = incoming_lines(said)
    assert line.startswith(
        "↓ Awa Diallo : note « Titre Awa » (compte-rendu, Jean Dupont) — conflit résolu en "
        "gardant la version de Awa Diallo : la note est renommée ; la vôtre, « Titre Karim », "
        "est mise de côté, toujours dans l'historique : `garefil show "
    ), said
    assert "title: Titre Karim" in shown(cli, coaches.karim, said), said
    git(coaches.karim, "reset", "-q", "--hard", before)
    done = run_garefil("-C", coaches.karim, "sync", env={"GAREFIL_LANG": "en"})
    assert (
        "conflict resolved keeping Awa Diallo's version: the note is renamed; yours, "
        '"Titre Karim", is set aside' in done.stderr
    ), done.stderr
    git(coaches.karim, "reset", "-q", "--hard", before)
    report = json.loads(cli("-C", coaches.karim, "sync", "--json").stdout)
    [resolution] = report["incoming"]
    assert resolution["resolves"] == the_note(coaches.karim), report
    assert "titre-karim" in resolution["old_path"], report
    assert (resolution["kept_by"], resolution["set_aside_by"]) == ("Awa Diallo", "Karim Benali")


def test_a_rename_met_by_another_rename_is_said_as_a_conflict_not_as_renamed(cli, coaches):
    shared_id = note_id(cli, coaches.awa, the_note(coaches.awa))
    cli("-C", coaches.awa, "mv", shared_id, "Titre Awa")
    cli("-C", coaches.karim, "mv", shared_id, "Titre Karim")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync", code=9).stderr
    [copy] = [p.relative_to(coaches.awa).as_posix() for p in coaches.awa.rglob("*.conflit-*")]
    # Her note is not renamed: Karim's version is the copy, said first, and named.
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Titre Karim » (compte-rendu, Jean Dupont) — renommée : en "
        f"conflit, cette version est la copie {copy}"
    ], said
    assert said.index(".conflit-karim-benali.md") < said.index("↓"), said


def renamed_by_awa_changed_by_karim_then_resolved(cli, team: Team, *how: str) -> str:
    """Awa renames the shared note and adds a line, Karim adds another; Karim meets the
    conflict (Awa's version, her name with it, is the copy), resolves it `how` and shares."""
    path = the_note(team.awa)
    for folder, text in ((team.awa, "Chez Awa.\n"), (team.karim, "Chez Karim.\n")):
        with (folder / path).open("a", encoding="utf-8") as handle:
            handle.write(text)
    cli("-C", team.awa, "mv", note_id(cli, team.awa, path), "Titre Awa")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync", code=9)
    [mine, copy] = sorted(
        (p.relative_to(team.karim).as_posix() for p in (team.karim / "cr").rglob("*.md")),
        key=lambda p: ".conflit-" in p,
    )
    cli("-C", team.karim, "resolve", copy if how else mine, *how)
    cli("-C", team.karim, "sync")
    return copy


def test_a_rename_met_by_a_change_settled_for_the_name_says_whose_name_was_kept(cli, coaches):
    renamed_by_awa_changed_by_karim_then_resolved(cli, coaches, "--take-other")
    said = cli("-C", coaches.awa, "sync").stderr
    [line] = incoming_lines(said)
    assert line.startswith(
        "↓ Karim Benali : note « Titre Awa » (compte-rendu, Jean Dupont) — conflit résolu en "
        "gardant votre version : la note garde le nom qu'elle a ici ; celle de Karim Benali, "
        "« Point statut », est mise de côté, toujours dans l'historique : `garefil show "
    ), said
    assert "Chez Karim." in shown(cli, coaches.awa, said), said


def test_a_rename_met_by_a_change_settled_against_it_says_my_name_was_set_aside(cli, coaches):
    copy = renamed_by_awa_changed_by_karim_then_resolved(cli, coaches)
    said = cli("-C", coaches.awa, "sync").stderr
    [line] = incoming_lines(said)
    assert line.startswith(
        "↓ Karim Benali : note « Point statut » (compte-rendu, Jean Dupont) — conflit résolu en "
        "gardant la version de Karim Benali : la note est renommée ; la vôtre, « Titre Awa », "
        "est mise de côté, toujours dans l'historique : `garefil show "
    ), said
    assert f"`garefil show {copy} --version " in line and line.endswith("` la montre"), said
    assert "title: Titre Awa" in shown(cli, coaches.awa, said), said


def _renamed_here_while_karim_edits(cli, coaches) -> None:
    """Karim edits the shared note and syncs; Awa edits the same line, renames it and syncs:
    a conflict on a note Karim never knew by its new name."""
    shared = the_note(coaches.awa)
    for folder, text in ((coaches.karim, "Chez Karim.\n"), (coaches.awa, "Chez Awa.\n")):
        with (folder / shared).open("a", encoding="utf-8") as handle:
            handle.write(text)
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "mv", note_id(cli, coaches.awa, shared), "Titre neuf")
    cli("-C", coaches.awa, "sync", code=9)


def test_the_copy_of_a_note_renamed_here_names_the_teammate_who_changed_it(cli, coaches):
    _renamed_here_while_karim_edits(cli, coaches)
    [copy] = [p.name for p in (coaches.awa / "cr").rglob("*.md") if ".conflit-" in p.name]
    assert copy.endswith(".conflit-karim-benali.md"), copy
    said = cli("-C", coaches.awa, "status").stdout
    assert "la copie : par Karim Benali" in said, said


def test_the_teammate_hears_of_the_resolution_by_the_note_they_have(cli, coaches):
    # Awa renamed the note, met Karim's edit, took his version (and so his title and name):
    # the name she had given it never was Karim's, and his sync must not speak of it.
    _renamed_here_while_karim_edits(cli, coaches)
    [copy] = [p for p in (coaches.awa / "cr").rglob("*.md") if ".conflit-" in p.name]
    cli("-C", coaches.awa, "resolve", copy.relative_to(coaches.awa), "--prendre-l-autre")
    cli("-C", coaches.awa, "sync")
    heard = cli("-C", coaches.karim, "sync").stderr
    assert "titre-neuf" not in heard, heard
    assert "conflit résolu" in heard, heard
