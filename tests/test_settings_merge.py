"""The notebook's settings merged as notes are: members and synonyms both sides added are kept.

Through the real commands (git's default configuration: no identity, no init.defaultBranch; the
coaches give theirs as garefil asks), and the merge itself with git's real text merge.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from conftest import Team, git
from garefil.adapters.git_merge import merge_text
from garefil.core.config import DEFAULT_CONFIG_TOML
from garefil.core.settings_merge import merge_settings

SETTINGS = Path(".garefil") / "config.toml"


@pytest.fixture(autouse=True)
def git_defaults(isolated: Path) -> Path:
    """An empty global git configuration: git's own defaults (branch master, no identity)."""
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    return isolated


@pytest.fixture
def coaches(cli, tmp_path: Path) -> Team:
    """Awa's notebook, shared through a bare repository and joined by Karim."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", str(remote))
    awa, karim = tmp_path / "awa", tmp_path / "karim"
    cli("init", awa, "--remote", str(remote))
    cli("-C", awa, "config", "user", "Awa Diallo", "awa@example.org")
    cli("-C", awa, "sync")
    cli("init", "--clone", str(remote), karim)
    cli("-C", karim, "config", "user", "Karim Benali", "karim@example.org")
    return Team(remote, awa, karim)


def members(folder: Path) -> list[str]:
    return tomllib.loads((folder / SETTINGS).read_text(encoding="utf-8"))["team"]["members"]


def test_members_two_coaches_add_at_the_same_time_are_both_kept(cli, coaches):
    before = (coaches.awa / SETTINGS).read_text(encoding="utf-8")
    cli("-C", coaches.karim, "config", "membre", "ajouter", "Zed Karim")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "config", "membre", "ajouter", "Zed Awa")
    said = cli("-C", coaches.awa, "sync").stderr  # exit 0: nothing waits for `resolve`
    assert "Conflit" not in said and "⚠" not in said, said
    cli("-C", coaches.karim, "sync")
    for folder in (coaches.awa, coaches.karim):
        assert members(folder) == ["Zed Awa", "Zed Karim"]
        text = (folder / SETTINGS).read_text(encoding="utf-8")
        # Every comment and line of the team's settings stays: only the members' line moved.
        assert text == before.replace("members = []", 'members = ["Zed Awa", "Zed Karim"]')
        assert not list((folder / ".garefil").glob("*conflit*"))
    assert json.loads(cli("-C", coaches.awa, "status", "--json").stdout)["conflicts"] == []


def add_synonym(folder: Path, line: str) -> None:
    """A synonym added by hand, after the last one, as the file's comment invites."""
    path = folder / SETTINGS
    text = path.read_text(encoding="utf-8")
    last = '"assurance-maladie" = "cpam"\n'
    path.write_text(text.replace(last, last + line), encoding="utf-8")


def test_synonyms_both_sides_added_by_hand_are_both_kept(cli, coaches):
    add_synonym(coaches.karim, '"caf" = "allocations"\n')
    cli("-C", coaches.karim, "sync")
    add_synonym(coaches.awa, '"urssaf-idf" = "urssaf"\n')
    cli("-C", coaches.awa, "sync")
    cli("-C", coaches.karim, "sync")
    for folder in (coaches.awa, coaches.karim):
        text = (folder / SETTINGS).read_text(encoding="utf-8")
        assert '"caf" = "allocations"\n' in text and '"urssaf-idf" = "urssaf"\n' in text, text
        synonyms = tomllib.loads(text)["tags"]["synonyms"]
        assert synonyms["caf"] == "allocations" and synonyms["urssaf-idf"] == "urssaf"
        assert not list((folder / ".garefil").glob("*conflit*"))


def test_a_setting_both_changed_differently_stays_a_conflict_with_both_versions(cli, coaches):
    for folder, name in ((coaches.karim, "Karim Benali"), (coaches.awa, "Awa Diallo")):
        path = folder / SETTINGS
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace('referent = ""', f'referent = "{name}"'), encoding="utf-8")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync", code=9).stderr
    assert "Conflit sur .garefil/config.toml" in said, said
    assert 'referent = "Awa Diallo"' in (coaches.awa / SETTINGS).read_text(encoding="utf-8")
    [copy] = (coaches.awa / ".garefil").glob("config.conflit-*.toml")
    assert 'referent = "Karim Benali"' in copy.read_text(encoding="utf-8")
    # The copy is named after Karim: status names him too, not « someone else ».
    status = cli("-C", coaches.awa, "status").stdout
    assert "la copie : par Karim Benali" in status, status


BASE = DEFAULT_CONFIG_TOML.format(name="carnet")


def merged(base: str, ours: str, theirs: str) -> str | None:
    found = merge_settings(*(t.encode("utf-8") for t in (base, ours, theirs)), merge_text)
    return None if found is None else found.decode("utf-8")


def test_a_member_removed_on_one_side_and_one_added_on_the_other():
    base = BASE.replace("members = []", 'members = ["Awa", "Karim"]')
    ours = base.replace('["Awa", "Karim"]', '["Awa", "Karim", "Lina"]')
    theirs = base.replace('["Awa", "Karim"]', '["Awa"]')
    assert merged(base, ours, theirs) == base.replace('["Awa", "Karim"]', '["Awa", "Lina"]')


def test_a_comment_on_one_side_and_members_on_both_keeps_the_comment():
    theirs = BASE.replace("members = []", 'members = ["Karim"]')
    ours = BASE.replace("members = []", 'members = ["Awa"]').replace(
        "# Les accompagnateur·rices de l'équipe.", "# L'équipe de Lyon."
    )
    expected = ours.replace('["Awa"]', '["Awa", "Karim"]')
    assert merged(BASE, ours, theirs) == expected
    assert merged(BASE, theirs, ours) == expected.replace('["Awa", "Karim"]', '["Karim", "Awa"]')


def test_a_table_only_one_side_has_is_written_at_the_end():
    ours = BASE.replace("members = []", 'members = ["Awa"]')
    theirs = BASE.replace("members = []", 'members = ["Karim"]') + '\n[types.cr]\nfolder = "crs"\n'
    found = merged(BASE, ours, theirs)
    assert found is not None and found.endswith('\n[types.cr]\nfolder = "crs"\n'), found
    assert 'members = ["Awa", "Karim"]' in found


def test_comments_changed_on_both_sides_where_git_clashes_are_kept_in_two_versions():
    ours = BASE + "# Awa\n"
    theirs = BASE + "# Karim\n"
    assert merged(BASE, ours, theirs) is None


def test_unreadable_settings_are_never_merged():
    assert merged(BASE, BASE + "[team\n", BASE.replace("[]", '["Karim"]')) is None


def test_a_notebook_made_before_the_settings_merge_gets_it_without_a_word(cli, coaches):
    attributes = coaches.awa / ".gitattributes"
    older = "# garefil : les notes se fusionnent (docs/sharing.md)\n*.md merge=garefil\n"
    attributes.write_text(older, encoding="utf-8")
    git(coaches.awa, "commit", "-qam", "avant la fusion des réglages")
    said = cli("-C", coaches.awa, "sync").stderr
    # garefil's own line, not the coach's edit: never « 1 fichier modifié hors de garefil ».
    assert "hors de garefil" not in said, said
    assert attributes.read_text(encoding="utf-8") == older + ".garefil/config.toml merge=garefil\n"
    assert git(coaches.awa, "status", "--porcelain").strip() == ""
    shared = git(coaches.awa, "show", "origin/main:.gitattributes")
    assert ".garefil/config.toml merge=garefil" in shared


def test_settings_written_with_windows_line_ends_keep_them():
    base = BASE.replace("\n", "\r\n")
    ours = base.replace("members = []", 'members = ["Awa"]')
    theirs = base.replace("members = []", 'members = ["Karim"]')
    assert merged(base, ours, theirs) == base.replace("members = []", 'members = ["Awa", "Karim"]')


def test_settings_another_tool_wrote_in_latin_1_are_kept_in_two_versions():
    ours = BASE.replace("members = []", 'members = ["Zoé"]').encode("latin-1")
    theirs = BASE.replace("members = []", 'members = ["Karim"]').encode("utf-8")
    assert merge_settings(BASE.encode("utf-8"), ours, theirs, merge_text) is None
