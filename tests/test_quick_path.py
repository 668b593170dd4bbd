"""The quick path of the read commands (cli/quick.py) against the Typer command line.

A plain `garefil search …`, `list`, `tags`, `show` or `index` runs without importing Typer.
Whatever it runs, the coach must see the same thing as through Typer: the same options, read
the same way, the same output, the same errors and exit codes. Anything the quick path does not
read must go to Typer untouched.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import typer
from hypothesis import given, settings
from hypothesis import strategies as st
from typer import Exit
from typer._click.exceptions import ClickException

from garefil.cli import quick
from garefil.cli.app import app
from garefil.core.errors import GarefilError
from garefil.core.team import typed_name

# The same command line run through Typer in a plain process (what the quick path replaces).
THROUGH_TYPER = "import sys; from garefil.cli.app import main; sys.argv[0] = 'garefil'; main()"


def _run(args: list[str], cwd: Path, typer_path: bool) -> tuple[int, str, str]:
    start = (
        [sys.executable, "-c", THROUGH_TYPER] if typer_path else [sys.executable, "-m", "garefil"]
    )
    done = subprocess.run([*start, *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


def _typer_command(name: str):
    group = typer.main.get_command(app)
    with group.make_context("garefil", [name], resilient_parsing=True) as ctx:
        return group, group.get_command(ctx, name)


def _kind(param) -> str:
    if param.is_flag:
        return "flag"
    if param.multiple:
        return "values"
    return "count" if param.type.name == "int" else "value"


def _typer_options(command) -> dict[str, tuple[tuple[str, ...], str]]:
    return {
        param.name: (tuple(sorted(param.opts + param.secondary_opts)), _kind(param))
        for param in command.params
        if param.param_type_name == "option" and param.name != "help"
    }


def _quick_options(options) -> dict[str, tuple[tuple[str, ...], str]]:
    return {option.name: (tuple(sorted(option.names)), option.kind) for option in options}


# Typer's checks of option values, and the options whose checks the quick path makes as well.
CHECKED_QUICKLY = {
    "person_name": {name for name, _ in quick.PEOPLE},
    "at_least_one": {"limit"},
    "_check_format": {"output"},
}


@pytest.mark.parametrize("name", sorted(quick.COMMANDS))
def test_the_quick_options_are_the_typer_commands_options(name):
    _, command = _typer_command(name)
    assert _quick_options(quick.COMMANDS[name].options) == _typer_options(command)
    arguments = [param for param in command.params if param.param_type_name == "argument"]
    expected = {"words": [("words", -1, False)], "ref": [("ref", 1, True)], "": []}
    assert [(a.name, a.nargs, a.required) for a in arguments] == expected[
        quick.COMMANDS[name].arguments
    ]
    for param in command.params:
        if param.callback is not None:  # a check the quick path must make too
            assert param.name in CHECKED_QUICKLY.get(param.callback.__name__, ()), param.name


def test_the_quick_global_options_are_typers_and_the_others_go_to_typer():
    group, _ = _typer_command("search")
    typer_globals = _typer_options(group)
    for option in quick.GLOBAL:
        assert typer_globals[option.name] == (tuple(sorted(option.names)), option.kind)
    handled = {name for option in quick.GLOBAL for name in option.names}
    for names, _kind_of in typer_globals.values():
        if not handled.intersection(names):
            assert quick.command([names[0], "search", "urssaf"]) is None


@pytest.mark.parametrize(
    "args",
    [
        ["search", "urssaf"],
        ["-C", "carnet", "--debug", "--sans-pager", "search", "urssaf", "-n", "3"],
        ["--notebook=carnet", "search", "-n5", "--tag", "a", "--tag", "b", "--json"],
        ["-Ccarnet", "search", "acre", "-brouillon", "--format", "CSV"],
        ["search", "--limit=2", "--", "-h"],
        ["index"],
        ["index", "--rebuild", "--json"],
        ["list", "--tag", "urssaf", "-n", "3", "--champ", "lieu=Lyon"],
        ["--sans-pager", "tags", "--format", "tsv"],
        ["show", "2024-01-17-cr", "--json"],
        ["show", "--json", "-"],
    ],
)
def test_plain_command_lines_are_quick(args):
    assert quick.command(args) is not None


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["status"],
        ["--version"],
        ["--equipe"],
        ["-h", "search"],
        ["search", "--help"],
        ["search", "urssaf", "-h"],
        ["search", "--inconnue", "x"],
        ["search", "--json=oui"],
        ["search", "-n", "0"],
        ["search", "-n", "deux"],
        ["search", "--limit"],
        ["search", "--format", "xml"],
        ["search", "-e", ""],
        ["search", "--debug", "urssaf"],
        ["-C"],
        ["-C", "", "search"],
        ["index", "urssaf"],
        ["index", "--rebuild=oui"],
        ["index", "-n", "3"],
        ["list", "urssaf"],
        ["list", "--limit", "0"],
        ["tags", "--json", "x"],
        ["show"],
        ["show", "a", "b"],
        ["show", "-x"],
        ["show", "--", "-x"],
    ],
)
def test_anything_else_goes_to_typer(args):
    assert quick.command(args) is None


# Words a coach may type after a command, options and values of every kind, right and wrong.
TOKENS = [
    *["urssaf", "pôle", "-brouillon", "--", "-", "", "  ", "x", "3", "0", "-3", "deux"],
    *["-n", "-n5", "-n0", "-nx", "--limit", "--limit=3", "--limit=", "--json", "--json=1"],
    *["--format", "--format=CSV", "csv", "xml", "--tag", "--etiquette=a", "-t", "-tcr", "cr"],
    *["-e", "-eCamille", "Awa  Diallo", "-r", "--referent=", "--statut", "ouverte", "--etat"],
    *["--depuis", "--since=hier", "--jusqu-au", "2024-01-01", "--champ", "lieu=Lyon"],
    *["--rebuild", "--rebuild=1", "-x", "--inconnue", "-h", "--help", "--debug", "-C"],
]


def _given(values: dict, command) -> dict:
    """`values` without those a command line that does not give them has (the defaults)."""
    defaults = {param.name: param.default for param in command.params}
    return {k: v for k, v in values.items() if v not in (None, False, [], defaults.get(k))}


def _as_typer_passes(params: dict, command) -> dict:
    """The values Click read, as the command's function receives them (lists, not tuples)."""
    listed = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
    return _given(listed, command)


def _quick_passes(wanted: dict, command) -> dict:
    """The quick path's values as its command receives them (people tidied as Typer does)."""
    passed = _given(wanted, command)
    for person, option in quick.PEOPLE:
        if person in passed:
            passed[person] = typed_name(passed[person], option)
    return passed


@settings(max_examples=400, deadline=None)
@given(
    name=st.sampled_from(sorted(quick.COMMANDS)),
    args=st.lists(st.sampled_from(TOKENS), max_size=6),
)
def test_the_quick_path_reads_any_command_line_as_click_does_or_leaves_it(name, args):
    group, command = _typer_command(name)
    reading = quick.read([name, *args])
    try:
        with group.make_context("garefil", [name], resilient_parsing=True) as parent:
            params = command.make_context(name, list(args), parent=parent).params
    except GarefilError as refused:  # a blank name, refused by Typer's callback
        if reading is not None:  # then refused as the quick command starts, the same way
            with pytest.raises(type(refused)):
                _quick_passes(reading.wanted, command)
        return
    except (ClickException, Exit):  # a usage error or --help: Typer's, never quick
        assert reading is None, args
        return
    if reading is not None:
        assert _quick_passes(reading.wanted, command) == _as_typer_passes(params, command), args


GLOBAL_TOKENS = [
    *["-C", "carnet", "-Ccarnet", "--notebook", "--notebook=carnet", "--notebook=", "", "-"],
    *["--debug", "--debug=1", "--sans-pager", "--no-pager", "--equipe", "--version", "-h"],
]


@settings(max_examples=300, deadline=None)
@given(before=st.lists(st.sampled_from(GLOBAL_TOKENS), max_size=4))
def test_the_quick_path_reads_the_global_options_as_click_does_or_leaves_them(before):
    group, _ = _typer_command("search")
    reading = quick.read([*before, "search", "urssaf"])
    try:
        with group.make_context("garefil", [*before, "search", "urssaf"]) as ctx:
            params, rest = ctx.params, [*ctx._protected_args, *ctx.args]
    except (ClickException, Exit):  # a usage error, --help or --version: Typer's
        assert reading is None, before
        return
    if reading is not None:
        assert rest == ["search", "urssaf"], before
        notebook = params["notebook"] and str(params["notebook"])
        read_here = {"notebook": notebook, "debug": params["debug"], "no_pager": params["no_pager"]}
        assert _given(reading.given, group) == _given(read_here, group), before


# Each line is run through Typer and through the quick path: same exit code, same words.
SAME_LINES = [
    ["index"],
    ["search", "urssaf"],
    ["search", "pole", "emploi", "-n", "2"],
    ["search", "cotisations", "-n2", "--json"],
    ["search", "urssaf", "--limit=1", "--format", "TSV"],
    ["search", "urssaf", "--format", "csv"],
    ["search", "urssaf", "-brouillon", "-t", "cr"],
    ["search", "demande", "--tag", "pole-emploi", "--tag", "are"],
    ["search", "urssaf", "-e", "jean dupont"],
    ["search", "urssaf", "--entrepreneur", "   "],
    ["search", "urssaf", "-r", " "],
    ["search", "urssaf", "-r", "Awa Diallo", "--statut", "envoyé"],
    ["search", "urssaf", "--depuis", "2024-02-01", "--jusqu-au", "2024-03-01"],
    ["search", "urssaf", "--since", "pas une date"],
    ["search", "urssaf", "-t", "inconnu"],
    ["search", "urssaf sauf caf"],
    ["search", "zzzintrouvable"],
    ["search", "titre:("],
    ["search"],
    ["--sans-pager", "search", "urssaf", "-n", "1"],
    ["-C", "nulle-part", "search", "urssaf"],
    ["index", "--json"],
    ["index", "--rebuild"],
    ["list"],
    ["list", "--tag", "urssaf", "-n", "3", "--json"],
    ["list", "-e", "Jean Dupont", "--format", "csv"],
    ["list", "--champ", "status=envoyé", "--depuis", "2024-02-01"],
    ["list", "--champ", "sans-egal"],
    ["list", "-t", "inconnu"],
    ["list", "-r", "  "],
    ["list", "--tag", "  ", "--depuis", "2024-03-05", "--jusqu-au", "2024-03-01"],
    ["list", "-e", "Jean Dupond"],
    ["list", "--champ", "statut=envoyé"],
    ["search", "  ", "--json", "--format", "csv"],
    ["tags"],
    ["tags", "--json"],
    ["tags", "--format", "csv"],
    ["show", "2024-01-17-cr-3upta"],
    ["show", "2024-01-17-cr-3upta", "--json"],
    ["show", "--json", "2024-02-05-cr"],
    ["show", "--json", "2024-02-05-cr-vr"],
    ["show", "introuvable"],
    ["show", "-"],
]


def test_the_quick_path_says_what_typer_says(demo_notebook):
    _run(["index"], demo_notebook, typer_path=True)  # built once: each line then finds it so
    differences = []
    for args in SAME_LINES:
        assert quick.command(args) is not None, args
        through_typer = _run(args, demo_notebook, typer_path=True)
        quickly = _run(args, demo_notebook, typer_path=False)
        if quickly != through_typer:
            differences.append((args, through_typer, quickly))
    assert differences == []


def test_the_quick_path_fails_outside_a_notebook_as_typer_does(tmp_path):
    for args in (["search", "urssaf"], ["index"]):
        through_typer = _run(args, tmp_path, typer_path=True)
        assert through_typer[0] != 0 and through_typer[2]
        assert _run(args, tmp_path, typer_path=False) == through_typer


def test_debug_shows_the_traceback_then_the_same_words(demo_notebook):
    args = ["--debug", "search", "urssaf", "--since", "pas une date"]
    code, _, said = _run(args, demo_notebook, typer_path=False)
    typer_code, _, typer_said = _run(args, demo_notebook, typer_path=True)
    assert "Traceback" in said and "Traceback" in typer_said
    assert code == typer_code != 0
    assert said.splitlines()[-2:] == typer_said.splitlines()[-2:]


@pytest.mark.parametrize(
    "args", [["search", "urssaf"], ["index"], ["list"], ["tags"], ["show", "2024-01-17-cr-3upta"]]
)
def test_a_quick_command_does_not_import_typer(demo_notebook, args):
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "garefil", *args],
        cwd=demo_notebook,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "garefil.cli.quick" in imported and "garefil.cli.app" not in imported
    assert not {name for name in imported if name.split(".")[0] == "typer"}


def test_help_still_comes_from_typer(demo_notebook):
    code, shown, _ = _run(["search", "--help"], demo_notebook, typer_path=False)
    assert code == 0 and "--depuis" in shown and "--limit" in shown


@pytest.mark.parametrize("option", ["-t", "--depuis", "-e", "-r", "--tag", "-n"])
def test_a_search_option_left_without_its_value_is_refused(demo_notebook, option):
    """`search acre -t`: the words were handed to Click after a `--`, which became the type
    (« Type de note inconnu : « -- » ») or an entrepreneur no note names (nothing found)."""
    for typer_path in (True, False):
        code, shown, said = _run(["search", "acre", option], demo_notebook, typer_path)
        assert (code, shown) == (2, ""), (option, typer_path)
        assert option in said.splitlines()[0] and "« -- »" not in said, said


def test_a_short_option_written_with_an_equals_sign_is_an_option_in_search_as_in_list(
    demo_notebook,
):
    """`-t=cr` was the word « t=cr » to exclude in `search`, an option in `list`; both now
    say how a short option takes its value (it was the unknown type « =cr »)."""
    for args in (["search", "acre", "-t=cr"], ["list", "-t=cr"]):
        code, _, said = _run(args, demo_notebook, typer_path=False)
        assert code == 2 and "-t cr" in said, (args, said)
