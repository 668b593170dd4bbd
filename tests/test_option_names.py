"""The same thing is asked with the same option name in every command, with a French name."""

from __future__ import annotations

import json

import typer

from garefil.cli.app import app


def options(command, path=()):
    """Every option of every command, with the command's words."""
    if hasattr(command, "list_commands"):
        for name in command.list_commands(None):
            sub = command.get_command(None, name)
            if sub is not None:
                yield from options(sub, (*path, name))
    for param in command.params:
        if param.param_type_name == "option":
            yield " ".join(path), param


def test_every_option_that_takes_a_value_shows_a_named_value():
    bare = [
        (path, param.opts[0])
        for path, param in options(typer.main.get_command(app))
        if not param.is_flag and not param.hidden and param.metavar is None
    ]
    assert bare == []  # else --help shows Click's <int> or <text>, in English


def test_no_edit_has_its_french_name_wherever_it_exists():
    no_edit = [p for _, p in options(typer.main.get_command(app)) if "--no-edit" in p.opts]
    assert no_edit and all("--sans-editeur" in p.opts for p in no_edit)


def test_reunion_preparer_takes_no_edit_as_new_does(cli, notebook):
    shown = cli("-C", notebook, "reunion", "preparer", "--help").stdout
    assert "--sans-editeur" in shown and "--edit " not in shown
    cli("-C", notebook, "reunion", "preparer", "--sans-editeur", "--date", "2031-03-03")
    cli("-C", notebook, "reunion", "preparer", "--no-edit", "--date", "2031-03-10")
    cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--sans-editeur")
    kinds = [n["type"] for n in json.loads(cli("-C", notebook, "list", "--json").stdout)]
    assert sorted(kinds) == ["cr", "reunion", "reunion"]


def test_a_status_is_asked_with_statut_first_everywhere_and_the_older_names_still_work(
    cli, notebook
):
    named = [
        (path, param.opts)
        for path, param in options(typer.main.get_command(app))
        if {"--statut", "--status", "--etat"} & set(param.opts)
    ]
    assert {path for path, _opts in named} >= {
        "list", "search", "entrepreneurs", "decisions", "entrepreneur ajouter"
    }  # fmt: skip
    assert all(opts[:3] == ["--statut", "--etat", "--status"] for _path, opts in named), named
    for name in ("--statut", "--status", "--etat"):
        assert cli("-C", notebook, "list", name, "brouillon").exit_code == 0
    assert "--statut" in cli("-C", notebook, "list", "--help").stdout
    for name in ("--etat", "--status"):
        assert cli("-C", notebook, "entrepreneurs", name, "actif").exit_code == 0
        assert cli("-C", notebook, "decisions", name, "adoptée").exit_code == 0


def test_dates_of_a_period_are_asked_with_their_french_name_first_everywhere():
    named = [
        (path, param.opts)
        for path, param in options(typer.main.get_command(app))
        if {"--since", "--until"} & set(param.opts)
    ]
    assert {path for path, _opts in named} >= {"list", "bilan", "decisions"}
    assert all(opts[0] in ("--depuis", "--jusqu-au") for _path, opts in named), named


def test_an_unknown_status_lists_every_known_one_as_the_team_spells_it(cli, demo_notebook):
    hint = cli("-C", demo_notebook, "list", "--statut", "parti", code=5).stderr
    for state in ("annulé", "envoyé", "prévu", "reporté", "en pause", "sorti", "actif"):
        assert state in hint, hint
    assert "envoye," not in hint and "prevu," not in hint
    assert cli("-C", demo_notebook, "list", "--statut", "sorti").exit_code == 0


def test_the_entrepreneurs_help_speaks_of_people_and_names_a_status_as_decisions_does(cli):
    shown = " ".join(cli("entrepreneurs", "--help").stdout.split())
    assert "--statut, --etat, --status ÉTAT" in shown
    assert "ce ou cette référent·e" in shown and "les notes de ce" not in shown
    assert "--statut, --etat, --status ÉTAT" in " ".join(cli("decisions", "--help").stdout.split())
