"""While a conflict waits, each command says « 1 conflit à résoudre » once, however many times
it reads the index (a note written, then the sommaire rebuilt, then the register read)."""

from __future__ import annotations

import pytest

from test_sync_report import coaches, conflict_on_both_sides

__all__ = ["coaches"]  # the fixture, used by name

COMMANDS = [
    ("list",),
    ("decision", "ajouter", "Un point.", "--dans", "@dernier"),
    ("action", "ajouter", "Karim Benali", "relire", "--dans", "@dernier"),
]


@pytest.mark.parametrize(
    "command", COMMANDS, ids=lambda c: c[0] + "-" + c[1] if len(c) > 1 else c[0]
)
def test_a_waiting_conflict_is_said_once_a_command(cli, coaches, command):
    conflict_on_both_sides(cli, coaches)
    cli("-C", coaches.karim, "sync", code=9)
    if command[0] != "list":  # a note to write in
        cli(
            "-C",
            coaches.karim,
            "new",
            "note",
            "--title",
            "R",
            "--body",
            "## Décisions\n\n## Actions\n",
            "--no-edit",
        )
    said = cli("-C", coaches.karim, *command).stderr
    assert said.count("conflit à résoudre") == 1, said
