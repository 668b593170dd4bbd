"""Only a note that really came back is said to be back, after a fast-forward sync too.

"Back" is told against what the coach had when the teammate changed the note: after a
fast-forward, the team's branch already holds the coach's own renames and deletions, and a
change made before them must not read as a deletion undone. Git's default configuration.
"""

from __future__ import annotations

import json

import pytest

from conftest import git
from test_resolve_safety import conflict_met_by_karim, note_id
from test_sync_report import coaches, the_note
from test_sync_resolved import incoming_lines

__all__ = ["coaches"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("git_defaults")


def add_line(folder, path: str, text: str) -> None:
    with (folder / path).open("a", encoding="utf-8") as handle:
        handle.write(text)


def test_a_deletion_shared_then_another_note_changed_is_not_back(cli, coaches):
    shared = the_note(coaches.awa)
    cli("-C", coaches.awa, "new", "cr", "--title", "Autre", "-e", "Léa Roux", "--no-edit")
    cli("-C", coaches.awa, "sync")
    cli("-C", coaches.karim, "sync")
    cli("-C", coaches.awa, "rm", shared, "--oui")
    cli("-C", coaches.awa, "sync")
    cli("-C", coaches.karim, "sync")
    [other] = [p for p in (coaches.karim / "cr").rglob("*roux*.md")]
    add_line(coaches.karim, other.relative_to(coaches.karim).as_posix(), "Karim complète.\n")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync").stderr
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Autre » (compte-rendu, Léa Roux) — modifiée"
    ], said
    assert not (coaches.awa / shared).exists()


def test_a_note_renamed_here_and_changed_there_is_changed_after_a_fast_forward(cli, coaches):
    shared = the_note(coaches.awa)
    cli("-C", coaches.awa, "mv", note_id(cli, coaches.awa, shared), "Titre neuf")
    cli("-C", coaches.awa, "sync")
    add_line(coaches.karim, shared, "Ajout de Karim.\n")  # Karim had not synced the rename
    cli("-C", coaches.karim, "sync")  # merges the rename: his line goes to the renamed note
    before = git(coaches.awa, "rev-parse", "HEAD").strip()
    said = cli("-C", coaches.awa, "sync").stderr
    assert git(coaches.awa, "merge-base", "--is-ancestor", before, "HEAD") == ""  # fast-forward
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Titre neuf » (compte-rendu, Jean Dupont) — modifiée"
    ], said
    assert "Ajout de Karim." in (coaches.awa / the_note(coaches.awa)).read_text(encoding="utf-8")
    assert not (coaches.awa / shared).exists()


def test_a_copy_made_in_a_teammates_merge_is_new_not_back(cli, coaches):
    path, copy = conflict_met_by_karim(cli, coaches)
    add_line(coaches.karim, copy, "Karim annote la copie.\n")
    cli("-C", coaches.karim, "sync", code=9)  # shared; the conflict still waits for `resolve`
    done = json.loads(cli("-C", coaches.awa, "sync", "--json", code=None).stdout)
    changes = {c["path"]: c for c in done["incoming"]}
    assert changes[copy]["change"] == "added" and not changes[copy]["restored"], changes
