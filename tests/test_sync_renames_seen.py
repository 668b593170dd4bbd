"""A note a teammate renamed reads as renamed everywhere the other coach looks: the sync
report, the note's history, the home screen; never as one note deleted and another added.

However it was renamed (`garefil mv`, `git mv` by hand, a rename with a small edit), with git's
default configuration and with `diff.renames` turned off by the coach.
"""

from __future__ import annotations

import json

import pytest

from conftest import git
from test_resolve_safety import note_id
from test_sync_report import coaches, the_note
from test_sync_resolved import incoming_lines

__all__ = ["coaches"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("git_defaults")

RENAMES = ["default", "off"]


def awa_renames(setting: str, coaches) -> None:
    """Awa's own git setting: git's default, or renames off (`diff.renames=false`)."""
    if setting == "off":
        git(coaches.awa, "config", "diff.renames", "false")


def moved_by_hand(coaches, edit: str = "", header: str | None = None) -> str:
    """Karim renames the shared note with plain git and adds `edit` (after `header` alone,
    when given: the rest is rewritten), in one commit he pushes."""
    old = the_note(coaches.karim)
    new = old.replace("point-statut", "point-de-statut")
    git(coaches.karim, "mv", old, new)
    if header is not None:
        (coaches.karim / new).write_text(header, encoding="utf-8")
    if edit:
        with (coaches.karim / new).open("a", encoding="utf-8") as handle:
            handle.write(edit)
        git(coaches.karim, "add", new)
    git(coaches.karim, "commit", "-qm", "renommée à la main")
    git(coaches.karim, "push", "-q", "origin", "HEAD")
    return new


@pytest.mark.parametrize("setting", RENAMES)
def test_a_git_mv_by_hand_reads_as_renamed_in_the_report_history_and_home(cli, coaches, setting):
    awa_renames(setting, coaches)
    old = the_note(coaches.awa)
    new = moved_by_hand(coaches, "Une ligne de plus.\n")
    done = json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)
    [change] = done["incoming"]
    assert (change["change"], change["path"], change["old_path"]) == ("renamed", new, old)
    entries = json.loads(cli("-C", coaches.awa, "history", new, "--json").stdout)
    assert [e["author"] for e in entries] == ["Karim Benali", "Awa Diallo"], entries
    home = cli("-C", coaches.awa).stdout  # one note changed, none deleted
    assert "1 note changée par Karim Benali" in home and "supprimée" not in home, home


@pytest.mark.parametrize("setting", RENAMES)
def test_a_rename_with_a_small_edit_reads_as_renamed(cli, coaches, setting):
    awa_renames(setting, coaches)
    cli("-C", coaches.karim, "mv", note_id(cli, coaches.karim, the_note(coaches.karim)), "Bilan")
    with (coaches.karim / the_note(coaches.karim)).open("a", encoding="utf-8") as handle:
        handle.write("Karim précise le bilan.\n")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync").stderr
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Bilan » (compte-rendu, Jean Dupont) — renommée "
        "(elle s'appelait « Point statut »)"
    ], said


@pytest.mark.parametrize("setting", RENAMES)
def test_a_note_renamed_and_rewritten_is_the_same_note_by_its_id(cli, coaches, setting):
    """Too different for git to pair them (under half alike): the note's id says it is one."""
    awa_renames(setting, coaches)
    old = the_note(coaches.karim)
    text = (coaches.karim / old).read_text(encoding="utf-8")
    header = text[: text.index("---", 3) + 4]
    new = moved_by_hand(coaches, "\nTout est réécrit.\n" * 40, header)
    diff = git(coaches.karim, "show", "-M", "--name-status", "--format=", "HEAD")
    assert diff.startswith(("A", "D")), diff  # git alone sees a deletion and an addition
    done = json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)
    [change] = done["incoming"]
    assert (change["change"], change["path"], change["old_path"]) == ("renamed", new, old)
