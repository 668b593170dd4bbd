"""Both coaches rename one note, each their own way, and both sync: every sync line names the
note as the coach knows it, never a file's path. Git's default configuration."""

from __future__ import annotations

import pytest

from test_resolve_safety import note_id
from test_sync_renamed import coaches
from test_sync_report import the_note
from test_sync_resolved import incoming_lines

__all__ = ["coaches"]  # the fixture, used by name

pytestmark = pytest.mark.usefixtures("git_defaults")


def test_a_note_renamed_by_both_coaches_is_named_in_each_sync_line(cli, coaches):
    shared = the_note(coaches.awa)
    cli("-C", coaches.karim, "mv", note_id(cli, coaches.karim, shared), "Point Karim")
    cli("-C", coaches.awa, "mv", note_id(cli, coaches.awa, shared), "Point Awa")
    cli("-C", coaches.karim, "sync")
    said = cli("-C", coaches.awa, "sync", code=9).stderr  # Karim's version: a conflict copy
    [copy] = [p.relative_to(coaches.awa).as_posix() for p in coaches.awa.rglob("*.conflit-*")]
    assert incoming_lines(said) == [
        "↓ Karim Benali : note « Point Karim » (compte-rendu, Jean Dupont) — renommée : en "
        f"conflit, cette version est la copie {copy}"
    ], said
    said = cli("-C", coaches.karim, "sync", code=9).stderr  # shared first: his is the copy
    [copy] = [p.relative_to(coaches.karim).as_posix() for p in coaches.karim.rglob("*.conflit-*")]
    assert incoming_lines(said) == [
        "↓ Awa Diallo : note « Point Awa » (compte-rendu, Jean Dupont) — renommée : en "
        f"conflit, votre version est maintenant la copie {copy}"
    ], said
