"""Every listing in every format: CSV read back by a French spreadsheet's rules, TSV for scripts,
JSON exactly as --json writes it, one French line for a format garefil does not write."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Cli, git

NAME = "Zoé N'Diaye"
MEETING = (
    "---\nid: 2024-03-04-reunion-coeur\ntype: reunion\ntitle: Hebdo de l'œuvre\n"
    "date: 2024-03-04\nparticipants: [Zoé N'Diaye]\n---\n\n## Rôles\n- Animation : Zoé N'Diaye\n\n"
    "## Relevé de décisions\n\n"
    "- Le prêt d'honneur de Zoé N'Diaye est accordé ; façon œcuménique.\n\n"
    "## Actions (qui / quoi / quand)\n\n1. [ ] Zoé N'Diaye — relancer la caisse — 2024-03-11\n"
)

# Each listing, with what its CSV must hold somewhere (an accent that must come back intact).
LISTINGS = {
    "list": (["list"], NAME),
    "search": (["search", "cœur"], NAME),
    "tags": (["tags"], "ecole"),
    "entrepreneurs": (["entrepreneurs"], NAME),
    "demandes": (["demandes"], "Prêt façon œuvre"),
    "membres": (["config", "membres"], NAME),
    "fil": (["fil", NAME], "Prêt façon œuvre"),
    "suivi": (["suivi"], NAME),
    "decisions": (
        ["decisions"],
        "Le prêt d'honneur de Zoé N'Diaye est accordé ; façon œcuménique.",
    ),
    "actions": (["actions"], NAME),
    "roles": (["roles"], NAME),
    "ordre-du-jour": (["ordre-du-jour", "liste"], "Réfléchir à l'œuvre ; ça presse"),
    "pads": (["pads"], "Pad de l'équipe"),
    "docs": (["docs"], NAME),
    "jardin": (["jardin"], "Champs exigés manquants"),
    "history": (["history", "2024-03-04-reunion-coeur"], "Awa Diallo"),
    "config": (["config"], "par défaut"),
    "bilan": (["bilan", "--du", "2024-01-01"], "réunions d'équipe tenues"),
    "import": (["import", "--essai", "{source}"], "Réunion façon Zoé.md"),
}


@pytest.fixture(scope="module")
def stocked(tmp_path_factory) -> Iterator[Path]:
    """A notebook where every listing has something with accents to show (made once for the
    module, under its own HOME and git identity)."""
    home = tmp_path_factory.mktemp("formats-home")
    (home / "gitconfig").write_text("[user]\n\tname = Awa Diallo\n\temail = awa@example.org\n")
    with pytest.MonkeyPatch.context() as env:
        for name, value in {
            "HOME": home,
            "GIT_CONFIG_GLOBAL": home / "gitconfig",
            "GIT_CONFIG_NOSYSTEM": "1",
            "EDITOR": "false",
            "LANG": "C.UTF-8",
        }.items():
            env.setenv(name, str(value))
        for name in ("GAREFIL_LANG", "LC_ALL", "LC_MESSAGES", "GAREFIL_NOTEBOOK"):
            env.delenv(name, raising=False)
        yield _stock(tmp_path_factory.mktemp("formats") / "carnet")


def _stock(folder: Path) -> Path:
    cli = Cli()
    cli("init", folder)
    cli("-C", folder, "config", "membre", "ajouter", NAME)
    cli("-C", folder, "config", "membre", "ajouter", "Awa Diallo")
    cli(
        "-C",
        folder,
        "new",
        "cr",
        "--no-edit",
        "-e",
        NAME,
        "--titre",
        "Cœur du métier",
        "--tag",
        "école",
    )
    cli("-C", folder, "new", "demande", "--no-edit", "-e", NAME, "--titre", "Prêt façon œuvre")
    cli("-C", folder, "pad", "ajouter", "https://pad.example.org/p/x", "--titre", "Pad de l'équipe")
    cli("-C", folder, "ordre-du-jour", "ajouter", "Réfléchir à l'œuvre ; ça presse")
    meeting = folder / "reunions" / "2024" / "hebdo.md"
    meeting.parent.mkdir(parents=True, exist_ok=True)
    meeting.write_text(MEETING, encoding="utf-8")
    (folder / "devis façon.txt").write_text("devis", encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", "à la main")
    cli("-C", folder, "doc", "ajouter", folder / "devis façon.txt", "-e", NAME)
    source = folder.parent / "à importer"
    source.mkdir()
    (source / "Réunion façon Zoé.md").write_text("# Cœur de l'œuvre\n", encoding="utf-8")
    return folder


def arguments(stocked: Path, name: str) -> list[str]:
    """The listing's command line, the folder to import (outside the notebook) filled in."""
    source = str(stocked.parent / "à importer")
    return [source if word == "{source}" else word for word in LISTINGS[name][0]]


def read_csv(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff"), "a French Excel reads UTF-8 only after a byte-order mark"
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


@pytest.mark.parametrize("name", LISTINGS)
def test_every_listing_reads_back_as_csv_with_its_accents(cli, stocked, name):
    args, expected = arguments(stocked, name), LISTINGS[name][1]
    text = cli("-C", stocked, *args, "--format", "csv").stdout_bytes.decode("utf-8")
    rows = read_csv(text)
    header, body = rows[0], rows[1:]
    assert body, f"{name}: a header and no row"
    assert all(len(row) == len(header) for row in body), f"{name}: ragged rows {rows}"
    assert any(expected in cell for row in body for cell in row), f"{name}: {expected!r} lost"
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")


@pytest.mark.parametrize("name", LISTINGS)
def test_every_listing_writes_tsv_with_a_header_and_no_byte_order_mark(cli, stocked, name):
    args, expected = arguments(stocked, name), LISTINGS[name][1]
    text = cli("-C", stocked, *args, "--format", "tsv").stdout
    assert not text.startswith("\ufeff")
    rows = [line.split("\t") for line in text.splitlines()]
    assert len(rows) >= 2 and all(len(row) == len(rows[0]) for row in rows)
    assert any(expected in cell for row in rows[1:] for cell in row)


@pytest.mark.parametrize("name", [n for n in LISTINGS if n not in ("bilan", "config")])
def test_format_json_is_exactly_the_json_option(cli, stocked, name):
    args = arguments(stocked, name)
    by_option = cli("-C", stocked, *args, "--json").stdout
    by_format = cli("-C", stocked, *args, "--format", "json").stdout
    assert by_format == by_option
    json.loads(by_option)


def test_a_cell_that_starts_like_a_formula_stays_text_in_a_spreadsheet(cli, notebook):
    cli("-C", notebook, "new", "note", "--no-edit", "--titre", '=HYPERLINK("http://x";"clic")')
    rows = read_csv(cli("-C", notebook, "list", "--format", "csv").stdout_bytes.decode())
    assert rows[1][3] == '\'=HYPERLINK("http://x";"clic")'
    tsv = cli("-C", notebook, "list", "--format", "tsv").stdout
    assert '\t=HYPERLINK("http://x";"clic")\t' in tsv  # scripts get the title as it is


def test_a_format_garefil_does_not_write_is_one_french_line(cli, notebook):
    result = cli("-C", notebook, "list", "--format", "xlsx", code=2)
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "erreur : Valeur invalide pour --format : table, json, csv ou tsv."
    )
    assert "Traceback" not in result.stderr


def test_piped_default_stays_tab_separated_lines_without_header(cli, stocked):
    text = cli("-C", stocked, "list", "--type", "demande").stdout
    assert text.count("\n") == 1 and text.split("\t")[3] == "Prêt façon œuvre"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_csv_and_tsv_keep_the_states_the_notes_keep_as_json_does(
    run_garefil, demo_notebook, language
):
    def out(*args: str) -> str:
        env = {"GAREFIL_LANG": language}
        return run_garefil("-C", demo_notebook, *args, env=env).stdout.lstrip("\ufeff")

    for command in (["demandes"], ["decisions"], ["entrepreneurs"], ["fil", "Camille Perrin"]):
        stored = json.loads(out(*command, "--json"))
        steps = stored["steps"] if isinstance(stored, dict) else stored
        states = sorted(s["status"] or "" for s in steps)
        for form in ("csv", "tsv"):
            text = out(*command, "--format", form)
            rows = list(csv.reader(io.StringIO(text), delimiter=";" if form == "csv" else "\t"))
            column = [h in ("état", "status") for h in rows[0]].index(True)
            assert sorted(row[column] for row in rows[1:]) == states, (command, form)


def test_english_sentences_have_no_space_before_a_colon(run_garefil, demo_notebook):
    shown = run_garefil("-C", demo_notebook, "roles", env={"GAREFIL_LANG": "en"}).stdout
    assert "Facilitation: " in shown and " : " not in shown, shown
    french = run_garefil("-C", demo_notebook, "roles", env={"GAREFIL_LANG": "fr"}).stdout
    assert "Animation : " in french, french
    bilan = run_garefil(
        "-C", demo_notebook, "bilan", "--du", "2024-01-01", env={"GAREFIL_LANG": "en"}
    )
    # The decisions and what remains are the notes' own text (French here), each with its id.
    ours = "\n".join(line for line in bilan.stdout.splitlines() if "`" not in line)
    assert "- pole-emploi: " in ours and " : " not in ours, bilan.stdout
