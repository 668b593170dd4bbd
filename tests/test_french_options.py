"""French option names beside the English ones, where a coach would type them."""

from __future__ import annotations

import json


def ids(cli, *args: str) -> list[str]:
    return [n["id"] for n in json.loads(cli(*args, "--json").stdout)]


def test_french_filter_names_give_what_the_english_ones_give(cli, demo_notebook):
    english = ids(
        cli,
        "-C",
        demo_notebook,
        "list",
        "--tag",
        "urssaf",
        "--since",
        "2024-01-01",
        "--until",
        "2024-03-31",
    )
    french = ids(
        cli,
        "-C",
        demo_notebook,
        "list",
        "--etiquette",
        "urssaf",
        "--depuis",
        "1er janvier 2024",
        "--jusqu-au",
        "31/03/2024",
    )
    assert french == english and english
    searched = ids(cli, "-C", demo_notebook, "search", "--etiquette", "urssaf", "--etat", "envoye")
    assert searched == ids(
        cli, "-C", demo_notebook, "search", "--tag", "urssaf", "--status", "envoye"
    )


def test_a_note_is_written_with_french_option_names(cli, notebook):
    cli(
        "-C",
        notebook,
        "new",
        "note",
        "--titre",
        "Essai",
        "--etiquette",
        "Caisse",
        "--texte",
        "Corps",
    )
    (note,) = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert (note["title"], note["tags"]) == ("Essai", ["caisse"])


def test_the_french_help_shows_both_names(cli):
    shown = cli("list", "--help").stdout
    assert "--depuis, --since" in shown and "--jusqu-au, --until" in shown
    assert "--tag, --etiquette" in shown
    assert "--prendre-l-autre, --take-other" in cli("resolve", "--help").stdout
