"""The team's members: listed in the config by garefil, and the only possible référents."""

from __future__ import annotations

import json
import tomllib

from conftest import git

CONFIG = ".garefil/config.toml"


def members(cli, notebook) -> list[str]:
    return json.loads(cli("-C", notebook, "config", "membres", "--json").stdout)


def test_adding_and_removing_members_edits_only_their_line_and_commits(cli, notebook):
    before = (notebook / CONFIG).read_text(encoding="utf-8")
    cli("-C", notebook, "config", "membre", "ajouter", "Inès Moreau")
    cli("-C", notebook, "config", "membre", "ajouter", 'Karim "KB" Benali')
    assert members(cli, notebook) == ["Inès Moreau", 'Karim "KB" Benali']
    after = (notebook / CONFIG).read_text(encoding="utf-8")
    changed = [a for b, a in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == ['members = ["Inès Moreau", "Karim \\"KB\\" Benali"]']  # comments kept
    assert git(notebook, "status", "--porcelain") == ""
    assert "Karim" in git(notebook, "log", "-1", "--format=%s")
    cli("-C", notebook, "config", "membre", "retirer", "ines moreau")
    assert members(cli, notebook) == ['Karim "KB" Benali']


def test_a_member_added_twice_is_there_once(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Inès Moreau")
    result = cli("-C", notebook, "config", "membre", "ajouter", "ines  MOREAU")
    assert "déjà" in result.stderr and members(cli, notebook) == ["Inès Moreau"]


def test_a_multiline_members_array_and_a_missing_team_table_are_handled(cli, notebook):
    config = notebook / CONFIG
    config.write_text(
        '# équipe\n[team]\nmembers = [\n  "A B",  # première\n  "C D",\n]\n\n[x]\ny = 1\n',
        encoding="utf-8",
    )
    cli("-C", notebook, "config", "membre", "ajouter", "E F")
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data == {"team": {"members": ["A B", "C D", "E F"]}, "x": {"y": 1}}
    config.write_text('[notebook]\nname = "N"', encoding="utf-8")
    cli("-C", notebook, "config", "membre", "ajouter", "E F")
    assert tomllib.loads(config.read_text(encoding="utf-8"))["team"]["members"] == ["E F"]


def test_removing_someone_not_in_the_team_is_refused(cli, notebook):
    result = cli("-C", notebook, "config", "membre", "retirer", "Personne", code=5)
    assert "Personne" in result.stderr


def test_a_referent_who_is_not_a_member_is_refused_with_the_command_to_add_them(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Inès Moreau")
    result = cli(
        "-C", notebook, "new", "cr", "-e", "Jean Dupont", "-r", "Paul Martin", "--body", "x", code=5
    )
    assert 'garefil config membre ajouter "Paul Martin"' in result.stderr
    assert not list((notebook / "cr").glob("**/*.md"))
    cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "-r", "moreau", "--body", "x")
    [note] = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert note["referent"] == "Inès Moreau"  # written as the team writes it


def test_without_members_any_referent_goes_with_a_hint(cli, notebook):
    result = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "-r", "Paul", "--body", "x")
    assert 'garefil config membre ajouter "Paul"' in result.stderr
    assert "First Last" not in result.stderr  # the hint is French, with the name typed
