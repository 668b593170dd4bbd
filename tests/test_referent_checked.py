"""Every command that filters by a person checks the name by one rule: a misspelt référent is
an error naming the close names, never a silent « nothing to show »."""

from __future__ import annotations

from pathlib import Path

MISSPELT = [
    ("suivi", "-r", "Karim Benalli"),
    ("list", "-r", "Karim Benalli"),
    ("search", "-r", "Karim Benalli", "tarifs"),
    ("entrepreneurs", "--referent", "karim benalli"),
    ("actions", "--qui", "Karim Benalli"),
    ("bilan", "--referent", "Karim Benalli"),
]


def test_a_misspelt_person_is_an_error_naming_the_close_name(cli, demo_notebook):
    for command in MISSPELT:  # one notebook, its index built once
        refused = cli("-C", demo_notebook, *command, code=5)
        assert "Karim Benali ?" in refused.stderr, command  # « vouliez-vous dire … ? »
        assert refused.stdout == "", command


def test_the_plain_command_line_checks_the_name_too(run_garefil, demo_notebook):
    """`list` and `search` also run without Typer: the check is where the filter is resolved."""
    for command in [("list", "-r", "zorg"), ("search", "-r", "zorg", "x")]:
        refused = run_garefil(*command, cwd=demo_notebook)
        assert refused.returncode == 5, refused.stderr
        assert "zorg" in refused.stderr and "Karim Benali" in refused.stderr


def test_someone_unknown_lists_the_members_apart_from_the_names_in_notes(cli, demo_notebook: Path):
    note = demo_notebook / "divers" / "ancienne.md"
    note.parent.mkdir(exist_ok=True)
    note.write_text(
        "---\ntype: note\ntitle: Ancienne\ndate: 2024-01-02\nreferent: Zoé Ancienne\n---\nx\n",
        encoding="utf-8",
    )
    refused = cli("-C", demo_notebook, "bilan", "--referent", "zorg", code=5).stderr
    team = refused.partition("Zoé Ancienne")[0]
    assert "Karim Benali" in team and "Zoé Ancienne" in refused
    assert "(Awa Diallo, Inès Moreau, Karim Benali, Sophie Laurent, Thomas Girard)" in team
    assert cli("-C", demo_notebook, "list", "-r", "Zoé Ancienne").stdout.count("\n") == 1


def test_a_name_the_notebook_knows_still_filters(cli, demo_notebook):
    assert "Karim Benali" in cli("-C", demo_notebook, "suivi", "-r", "karim").stdout
    assert "Karim Benali" in cli("-C", demo_notebook, "actions", "--qui", "benali").stdout
