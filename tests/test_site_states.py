"""The site names a decision's status and what is due in the reader's words, never by keys."""

from __future__ import annotations

from pathlib import Path

DECISIONS = (
    "## Décisions\n\n"
    "- Proposée : On teste le pad. ^d-aaaaa\n"
    "- On garde le lundi. ^d-bbbbb\n"
    "- On passe au mardi (remplace d-bbbbb) ^d-ccccc\n"
)


def _site(cli, notebook: Path) -> Path:
    cli("-C", notebook, "new", "reunion", "--title", "Réunion", "--body", DECISIONS)
    cli("-C", notebook, "new", "demande", "--title", "Question", "--body", "x")
    cli("-C", notebook, "site")
    return notebook / ".garefil" / "site"


def _item(html: str, text: str) -> str:
    return next(line for line in html.splitlines() if line.split("</a>")[0].endswith(f">{text}"))


def test_the_decisions_page_shows_each_status_in_french(cli, notebook):
    html = (_site(cli, notebook) / "pages" / "decisions.html").read_text(encoding="utf-8")
    assert "(proposée)" in _item(html, "On teste le pad.")
    assert "(adoptée)" in _item(html, "On passe au mardi")
    assert "remplacée par" in _item(html, "On garde le lundi.")


def test_the_home_page_names_what_is_due_as_suivi_does(cli, notebook):
    home = (_site(cli, notebook) / "index.html").read_text(encoding="utf-8")
    assert "demande-sans-referent" not in home
    due = _item(home, "Question")
    said = cli("-C", notebook, "suivi").stdout
    label = due.split('class="etat">(')[1].split(")</span>")[0]
    assert label in said
    assert "(adoptée)" in _item(home, "On passe au mardi")


def test_the_home_page_from_the_sommaire_names_them_too(cli, notebook):
    cli("-C", notebook, "new", "demande", "--title", "Question", "--body", "x")
    cli("-C", notebook, "sommaire")
    cli("-C", notebook, "site")
    home = (notebook / ".garefil" / "site" / "index.html").read_text(encoding="utf-8")
    assert "demande-sans-referent" not in home
    assert "(demande sans référent" in _item(home, "Question")
