"""Command lines that answered « no note matches » (or listed every note), exit 0, where a
similar mistake is refused: each is now refused or explained, the same way on the quick path
(cli/quick.py) as through Typer. Every test only reads one indexed copy of the demo notebook.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from demo_index import indexed_demo
from garefil.cli import quick


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return indexed_demo(tmp_path_factory)


def _both_paths(cli, capfd, notebook: Path, *args: str) -> tuple[int, str, str]:
    """Run `args` through Typer and through the quick path (when it reads them): the same exit
    code and words, returned."""
    line = ["-C", str(notebook), *args]
    typer_said = cli(*line, code=None)
    quickly = quick.command(line)
    if quickly is not None:
        capfd.readouterr()
        code = quickly()
        out, err = capfd.readouterr()
        assert (code, out, err) == (typer_said.exit_code, typer_said.stdout, typer_said.stderr)
    return typer_said.exit_code, typer_said.stdout, typer_said.stderr


@pytest.mark.parametrize(
    "args",
    [["list", "--tag", ""], ["list", "--tag", "  "], ["search", "urssaf", "--etiquette", " "]],
)
def test_an_empty_tag_is_refused_rather_than_dropped(demo, cli, capfd, args):
    code, shown, said = _both_paths(cli, capfd, demo, *args)
    assert (code, shown) == (5, "")
    assert "--tag" in said and "conseil" in said


@pytest.mark.parametrize("words", [[""], ["  "], ["", " "]])
def test_an_empty_search_is_refused_rather_than_listing_every_note(demo, cli, capfd, words):
    code, shown, said = _both_paths(cli, capfd, demo, "search", *words)
    assert (code, shown) == (5, "")
    assert "aucun mot" in said


def test_reversed_dates_are_refused_naming_both(demo, cli, capfd):
    for command in (["list"], ["search", "urssaf"]):
        args = [*command, "--depuis", "2024-03-05", "--jusqu-au", "2024-03-01"]
        code, shown, said = _both_paths(cli, capfd, demo, *args)
        assert (code, shown) == (5, "")
        assert "5 mars 2024" in said and "1er mars 2024" in said
        assert "--depuis 2024-03-01 --jusqu-au 2024-03-05" in said


@pytest.mark.parametrize("written", [["-C", "/tmp"], ["-C=/tmp"], ["--notebook", "/tmp"]])
def test_the_notebook_option_after_search_is_said_to_go_before(demo, cli, capfd, written):
    code, shown, said = _both_paths(cli, capfd, demo, "search", "acre", *written)
    assert (code, shown) == (2, "")
    assert "avant la commande" in said and "garefil -C DOSSIER search" in said.replace(
        "--notebook", "-C"
    )


@pytest.mark.parametrize(
    ("args", "written"),
    [
        (["search", "acre", "-e=Dupont"], "-e Dupont, ou --entrepreneur=Dupont"),
        (["list", "-e=Jean Dupont"], "-e 'Jean Dupont', ou --entrepreneur='Jean Dupont'"),
        (["list", "-r=Awa"], "-r Awa, ou --referent=Awa"),
        (["list", "-t=cr"], "-t cr, ou --type=cr"),
        (["-C=/tmp", "list"], "-C /tmp, ou --notebook=/tmp"),
    ],
)
def test_a_short_option_glued_to_its_value_by_an_equals_sign_is_refused(
    demo, cli, capfd, args, written
):
    """`-e=Dupont` gave -e the value « =Dupont »: nothing found, exit 0."""
    if args[0] == "-C=/tmp":
        said = cli(*args, code=2).stderr
        assert quick.command(args) is None
    else:
        code, shown, said = _both_paths(cli, capfd, demo, *args)
        assert (code, shown) == (2, "")
    assert f"écrivez {written}" in said, said


@pytest.mark.parametrize(
    "args",
    [
        ["list", "-e", "Jean Dupond"],
        ["list", "-e", "Dupond"],
        ["search", "urssaf", "-e", "jean dupond"],
    ],
)
def test_an_entrepreneur_close_to_a_known_one_is_suggested_when_nothing_is_found(
    demo, cli, capfd, args
):
    code, shown, said = _both_paths(cli, capfd, demo, *args)
    assert (code, shown) == (0, "")  # not refused: an entrepreneur may be new
    assert "vouliez-vous dire Jean Dupont ?" in said, said


@pytest.mark.parametrize("args", [["list", "-e", "dupont", "-t", "pad"], ["list", "-e", "Zorro"]])
def test_no_entrepreneur_is_suggested_for_a_known_or_unlike_name(demo, cli, capfd, args):
    code, shown, said = _both_paths(cli, capfd, demo, *args)
    assert (code, shown) == (0, "")
    assert "Aucune note" in said and "vouliez-vous dire" not in said


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--json", "--format", "csv"],
        ["search", "acre", "--format", "tsv", "--json"],
        ["tags", "--json", "--format", "table"],
    ],
)
def test_json_and_another_format_together_are_refused(demo, cli, capfd, args):
    """`list --json --format csv` wrote JSON without a word about the CSV asked for."""
    code, shown, said = _both_paths(cli, capfd, demo, *args)
    assert (code, shown) == (2, "")
    assert "--json" in said and "--format" in said


def test_json_and_format_json_together_agree(demo, cli, capfd):
    code, shown, _ = _both_paths(cli, capfd, demo, "list", "--json", "--format", "JSON")
    assert code == 0 and shown.startswith("[")


@pytest.mark.parametrize(("typed", "meant"), [("statut", "status"), ("lieux", "lieu")])
def test_an_unknown_field_suggests_the_close_ones(demo, cli, capfd, typed, meant):
    """The error listed `status` among twenty fields, and left the coach to find it."""
    args = ["list", "--champ", f"{typed}=envoyé"]
    code, shown, said = _both_paths(cli, capfd, demo, *args)
    assert (code, shown) == (5, "")
    assert f"vouliez-vous dire {meant} ?" in said, said


def _as_given(cli, capfd, *args: str) -> tuple[int, str, str]:
    """Run `args`, -C as given, through Typer and the quick path: the same words."""
    typer_said = cli(*args, code=None)
    quickly = quick.command(list(args))
    if quickly is not None:
        capfd.readouterr()
        code = quickly()
        assert (code, *capfd.readouterr()) == (
            typer_said.exit_code,
            typer_said.stdout,
            typer_said.stderr,
        )
    return typer_said.exit_code, typer_said.stdout, typer_said.stderr


@pytest.mark.parametrize("given", [["-C", ""], ["-C", "  "], ["--notebook="]])
def test_an_empty_notebook_folder_is_named_as_empty(demo, cli, capfd, given, monkeypatch):
    """`-C ""` was the current folder: « no notebook in . or above », or this one's notes."""
    monkeypatch.chdir(demo)  # a notebook here: -C "" must not silently mean it
    for command in (["list"], ["search", "urssaf"]):
        code, shown, said = _as_given(cli, capfd, *given, *command)
        assert (code, shown) == (3, "")
        assert "-C" in said and "vide" in said, said


def test_a_file_given_as_the_notebook_folder_is_said_to_be_a_file(tmp_path, cli, capfd):
    a_file = tmp_path / "passwd"
    a_file.write_text("root:x:0:0\n", encoding="utf-8")
    for command in (["list"], ["search", "urssaf"]):
        code, shown, said = _as_given(cli, capfd, "-C", str(a_file), *command)
        assert (code, shown) == (3, "")
        assert f"{a_file} est un fichier, pas un dossier" in said, said
