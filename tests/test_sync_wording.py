"""How `sync` words what both coaches did alike: a deletion by one teammate is « their » (his
or hers) alone, a rename both made is no news, and what was shared is counted in notes."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import Team, git
from test_home_last_sync import new_cr
from test_sync_resolved import incoming_lines


def both_delete_and_rename(cli, team: Team) -> dict[str, str]:
    """Both coaches delete « Ancienne » and rename « RDV » to « RDV ACRE »; Karim shares
    first, Awa merges and shares."""
    paths = {t: new_cr(cli, team.awa, t) for t in ("Ancienne", "RDV")}
    for title, path in paths.items():  # texts apart: git pairs no deletion with another note
        (team.awa / path).write_text(
            (team.awa / path).read_text(encoding="utf-8") + f"Texte propre à {title}.\n" * 20,
            encoding="utf-8",
        )
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    for coach in (team.awa, team.karim):
        cli("-C", coach, "rm", paths["Ancienne"], "--oui")
        cli("-C", coach, "mv", paths["RDV"], "RDV ACRE")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "sync")
    return paths


def test_a_deletion_one_teammate_made_too_is_said_of_them_alone(cli, team):
    both_delete_and_rename(cli, team)
    lines = incoming_lines(cli("-C", team.karim, "sync").stderr)
    assert lines == [
        "↓ Awa Diallo : note « Ancienne » (compte-rendu, Jean Dupont) — supprimée de son côté "
        "aussi : elle reste supprimée, comme ici"
    ], lines


def test_a_rename_both_made_alike_is_no_news(cli, team):
    both_delete_and_rename(cli, team)
    said = cli("-C", team.karim, "sync").stderr
    assert "RDV ACRE" not in said and "renommée" not in said, said


def test_a_rename_both_made_then_changed_there_is_said_modified(cli, team):
    both_delete_and_rename(cli, team)
    [path] = [p for p in Path(team.awa).rglob("*rdv-acre*.md")]
    with path.open("a", encoding="utf-8") as handle:
        handle.write("Ajout d'Awa.\n")
    cli("-C", team.awa, "sync")
    lines = incoming_lines(cli("-C", team.karim, "sync").stderr)
    assert lines == [
        "↓ Awa Diallo : note « Ancienne » (compte-rendu, Jean Dupont) — supprimée de son côté "
        "aussi : elle reste supprimée, comme ici",
        "↓ Awa Diallo : note « RDV ACRE » (compte-rendu, Jean Dupont) — modifiée",
    ], lines


def shared_line(said: str) -> str:
    [line] = [line for line in said.splitlines() if line.startswith("↑")]
    return line


def test_what_is_shared_is_counted_in_notes_not_in_commits(cli, team):
    new_cr(cli, team.karim, "De Karim")
    cli("-C", team.karim, "sync")
    for title in ("Un", "Deux"):
        new_cr(cli, team.awa, title)
    paths = [new_cr(cli, team.awa, "Trois")]
    cli("-C", team.awa, "mv", paths[0], "Trois bis")  # a fourth commit, on the same note
    said = cli("-C", team.awa, "sync").stderr  # and a merge: five commits
    assert shared_line(said) == "↑ 3 notes partagées.", said
    assert "↓ Karim Benali" in said, said


def test_a_first_share_counts_the_notes_not_garefils_own_files(cli, tmp_path):
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    cli("init", tmp_path / "carnet", "--remote", remote)
    new_cr(cli, tmp_path / "carnet", "Première")
    said = cli("-C", tmp_path / "carnet", "sync").stderr
    assert shared_line(said) == "↑ 1 note partagée.", said
    (tmp_path / "carnet" / "a-la-main.txt").write_text("liste\n", encoding="utf-8")
    said = cli("-C", tmp_path / "carnet", "sync").stderr
    assert shared_line(said) == "↑ 1 fichier partagé.", said


def test_sync_json_lists_the_files_sent_beside_the_commits(cli, team):
    path = new_cr(cli, team.awa, "Envoyée")
    cli("-C", team.awa, "mv", path, "Envoyée bis")
    report = json.loads(cli("-C", team.awa, "sync", "--json").stdout)
    assert report["outgoing"] == 2, report
    [sent] = report["sent"]
    assert "envoyee-bis" in sent and (team.awa / sent).is_file(), report
