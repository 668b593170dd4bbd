"""A search that asks for dates in its words (`urssaf date:2023`) is refused with the command
that chooses them, whose dates are those the words meant."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

HINT = "conseil : "


def write_note(notebook: Path, path: str, header: str, body: str) -> None:
    (notebook / path).parent.mkdir(parents=True, exist_ok=True)
    (notebook / path).write_text(f"---\n{header}---\n{body}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("urssaf date:2023", "garefil search urssaf --depuis 2023-01-01 --jusqu-au 2023-12-31"),
        ("date:2024-02", "garefil search --depuis 2024-02-01 --jusqu-au 2024-02-29"),
        ("date:2023-02 acre", "garefil search acre --depuis 2023-02-01 --jusqu-au 2023-02-28"),
        ("année:2023", "garefil search --depuis 2023-01-01 --jusqu-au 2023-12-31"),
        (
            "urssaf date:[2023 TO 2024-06] caf",
            "garefil search urssaf caf --depuis 2023-01-01 --jusqu-au 2024-06-30",
        ),
        ("jour:hier urssaf", "garefil search urssaf --depuis hier --jusqu-au hier"),
        # Another field's range is the coach's words, not the dates.
        (
            "titre:[a TO c] date:2023",
            "garefil search titre:[a TO c] --depuis 2023-01-01 --jusqu-au 2023-12-31",
        ),
        ("mois:15/04", "garefil search --depuis 15/04 --jusqu-au 15/04"),
        # Nothing the options could read: an example of their form.
        ("date:>2023", "garefil search --depuis 2024-01-01 --jusqu-au 2024-12-31"),
        ("date:{2023 TO }", "garefil search --depuis 2024-01-01 --jusqu-au 2024-12-31"),
        ("quand:2023-13", "garefil search --depuis 2024-01-01 --jusqu-au 2024-12-31"),
    ],
)
def test_dates_asked_in_the_words_get_the_command_that_chooses_them(
    cli, notebook, query, suggested
):
    result = cli("-C", notebook, "search", query, code=5)
    name = [word.split(":")[0] for word in query.split() if ":" in word][-1]  # the date's
    assert result.stderr.splitlines()[0] == (
        f"erreur : La recherche « {query} » demande des dates avec « {name}: » : "
        "les dates se choisissent par des options."
    )
    assert result.stderr.splitlines()[1].strip() == HINT + suggested
    # The command suggested runs as written.
    cli("-C", notebook, *shlex.split(suggested)[1:])


def test_the_suggested_command_finds_the_notes_of_those_dates(cli, notebook):
    write_note(notebook, "cr/2023-05-02-a.md", "type: cr\ntitle: Cotisations\ndate: 2023-05-02\n",
               "Relance urssaf.")  # fmt: skip
    write_note(notebook, "cr/2024-05-02-b.md", "type: cr\ntitle: Cotisations\ndate: 2024-05-02\n",
               "Relance urssaf.")  # fmt: skip
    hint = cli("-C", notebook, "search", "urssaf date:2023", code=5).stderr.splitlines()[1]
    found = cli("-C", notebook, *shlex.split(hint.strip().removeprefix(HINT))[1:], "--json")
    assert "2023-05-02-a" in found.stdout and "2024-05-02-b" not in found.stdout


def test_a_field_of_that_name_in_the_notes_is_searched_as_a_field(cli, notebook):
    write_note(notebook, "notes/atelier.md", "type: note\ntitle: Atelier\nquand: printemps\n",
               "Atelier collectif.")  # fmt: skip
    found = cli("-C", notebook, "search", "quand:printemps")
    assert "Atelier" in found.stdout


def test_the_quick_path_and_english_say_the_same(cli, notebook, run_garefil):
    typer_path = cli("-C", notebook, "search", "urssaf date:2023", code=5)
    quick_path = run_garefil("-C", notebook, "search", "urssaf date:2023")
    assert (quick_path.returncode, quick_path.stderr) == (5, typer_path.stderr)
    english = run_garefil(
        "-C", notebook, "search", "urssaf date:2023", env={"GAREFIL_LANG": "en"}
    ).stderr
    assert english.splitlines()[1].strip() == (
        "hint: garefil search urssaf --since 2023-01-01 --until 2023-12-31"
    )
