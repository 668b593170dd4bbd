"""Questions that prevent mistakes: asked in a real terminal, never when nobody can answer."""

from __future__ import annotations

import json
import shutil
import sys

import pytest

from terminal import TmuxScreen


def notes(cli, notebook) -> list[dict]:
    return json.loads(cli("-C", notebook, "list", "--json").stdout)


def converse(tmp_path, notebook, args: str, dialogue: list[tuple[str, str]]) -> None:
    """`garefil -C NOTEBOOK ARGS` in a real terminal, each question answered as it comes."""
    screen = TmuxScreen(tmp_path)
    try:
        screen.type(f"{sys.executable} -m garefil -C {notebook} {args}; echo FINI")
        for question, answer in dialogue:
            screen.wait_for_text(question)
            screen.type(answer)
        screen.wait_for("FINI")
    finally:
        screen.close()


def test_garefil_tag_points_out_a_tag_close_to_a_known_one_too(cli, notebook):
    cli("-C", notebook, "new", "note", "--title", "A", "--tag", "urssaf", "--body", "x")
    cli("-C", notebook, "new", "note", "--title", "B", "--body", "x")
    (b,) = [n for n in notes(cli, notebook) if n["title"] == "B"]
    result = cli("-C", notebook, "tag", b["id"], "urssf")
    assert "« urssf »" in result.stderr and "« urssaf »" in result.stderr
    removed = cli("-C", notebook, "tag", b["id"], "--retirer", "urssf")  # no warning to remove
    assert "urssaf" not in removed.stderr


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux gives the command a real terminal")
def test_new_cr_asks_for_the_entrepreneur_and_proposes_the_known_name(cli, notebook, tmp_path):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont")
    converse(
        tmp_path,
        notebook,
        "new cr --body Vu",
        [("Entrepreneur·e (vide : aucun·e) :", "Jean Dupond"),
         ("écrire « Jean Dupont » ? [O/n]", "")],  # Enter: yes
    )  # fmt: skip
    crs = [n for n in notes(cli, notebook) if n["type"] == "cr"]
    assert [n["entrepreneur"] for n in crs] == ["Jean Dupont"]


def test_nothing_is_asked_without_a_terminal(cli, notebook):
    cli("-C", notebook, "new", "cr", "--body", "Vu", input="Jean Dupont\n")
    (note,) = notes(cli, notebook)
    assert note["entrepreneur"] is None  # written as typed: nothing was read from the pipe


def test_a_tag_close_to_a_known_one_is_pointed_out_without_a_terminal(cli, notebook):
    cli("-C", notebook, "new", "note", "--title", "A", "--tag", "urssaf", "--body", "x")
    result = cli("-C", notebook, "new", "note", "--title", "B", "--tag", "urssf", "--body", "x")
    assert "« urssf »" in result.stderr and "« urssaf »" in result.stderr
    assert sorted(t for n in notes(cli, notebook) for t in n["tags"]) == ["urssaf", "urssf"]


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux gives the command a real terminal")
def test_a_missing_referent_is_asked_and_a_close_member_proposed(cli, notebook, tmp_path):
    cli("-C", notebook, "config", "membre", "ajouter", "Inès Moreau")
    converse(
        tmp_path,
        notebook,
        "new cr -e 'Léa Fontaine' --body Vu",
        [("Référent·e (Inès Moreau) :", "Ines Moreaux"), ("écrire « Inès Moreau » ? [O/n]", "o")],
    )
    (cr,) = [n for n in notes(cli, notebook) if n["type"] == "cr"]
    assert cr["referent"] == "Inès Moreau"


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux gives the command a real terminal")
def test_an_answer_that_is_neither_yes_nor_no_is_asked_again_in_french(cli, notebook, tmp_path):
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont")
    converse(
        tmp_path,
        notebook,
        "new cr -e 'Jean Dupond' --body Vu",
        [("écrire « Jean Dupont » ? [O/n]", "awa"),  # a name in the wrong place is not a yes
         ("Répondez o (oui) ou n (non).", "non")],
    )  # fmt: skip
    (cr,) = [n for n in notes(cli, notebook) if n["type"] == "cr"]
    assert cr["entrepreneur"] == "Jean Dupond"


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux gives the command a real terminal")
def test_the_referent_prompt_names_the_team_and_finds_a_mistyped_first_name(
    cli, notebook, tmp_path
):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    converse(
        tmp_path,
        notebook,
        "new cr -e 'Léa Fontaine' --body Vu",
        [("Référent·e (Awa Diallo, Karim Benali) :", "kraim"),  # two letters swapped
         ("écrire « Karim Benali » ? [O/n]", "")],  # Enter: yes
    )  # fmt: skip
    (cr,) = [n for n in notes(cli, notebook) if n["type"] == "cr"]
    assert cr["referent"] == "Karim Benali"


def test_without_a_terminal_the_referent_comes_from_the_entrepreneur_s_fiche(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--referent", "Awa Diallo")
    cli("-C", notebook, "new", "cr", "--title", "X", "-e", "Jean Dupont", "--no-edit")
    (cr,) = [n for n in notes(cli, notebook) if n["type"] == "cr"]
    assert cr["referent"] == "Awa Diallo"


@pytest.mark.skipif(not shutil.which("tmux"), reason="tmux gives the command a real terminal")
def test_the_referent_prompt_proposes_the_fiche_s_and_a_declined_name_is_asked_again(
    cli, notebook, tmp_path
):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    cli("-C", notebook, "entrepreneur", "ajouter", "Jean Dupont", "--referent", "Awa Diallo")
    screen = TmuxScreen(tmp_path)
    try:
        command = f"{sys.executable} -m garefil -C {notebook} new cr --title X --no-edit"
        screen.type(command + "; echo FINI")
        screen.wait_for_text("Entrepreneur·e (vide : aucun·e) :")
        screen.type("Jean Dupond")
        screen.wait_for_text("écrire « Jean Dupont » ? [O/n]")
        screen.type("")
        screen.wait_for_text("[Awa Diallo]")  # the fiche's référent, taken on Enter
        screen.type("kraim")
        screen.wait_for_text("écrire « Karim Benali » ? [O/n]")
        screen.type("n")  # not him: asked again, not refused
        asked_again(screen, "Référent·e (Awa Diallo, Karim Benali) :")
        screen.type("Awa")
        screen.wait_for("FINI")
        screen_text = screen.screen()
    finally:
        screen.close()
    assert "erreur" not in screen_text
    (cr,) = [n for n in notes(cli, notebook) if n["type"] == "cr"]
    assert cr["referent"] == "Awa Diallo" and cr["entrepreneur"] == "Jean Dupont"


def asked_again(screen: TmuxScreen, question: str, seconds: float = 20) -> None:
    """Wait until `question` is on the screen a second time."""
    import time

    deadline = time.monotonic() + seconds
    while screen.screen().count(question) < 2:
        assert time.monotonic() < deadline, screen.screen()
        time.sleep(0.1)
