"""Whose « À faire pour vous » a late action goes to: the member it names; an entrepreneur's, to
their référent·e; someone outside the team's, to nobody (still in `suivi` and `actions`); an
imported note's action due long before the import is history, said once by `jardin`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("git_defaults")

OLD_MEETING = (
    "---\ntitle: Réunion du 6 avril\ndate: 2020-04-06\ntype: reunion\n---\n## Actions\n"
    "- [ ] Séverine Imbert — créer le wiki — 2020-04-20\n"
)


@pytest.fixture
def book(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Awa and Karim's notebook on 10 November 2026, where Awa is the coach at the keyboard."""
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-10")
    folder = tmp_path / "carnet"
    cli("init", folder)
    cli("-C", folder, "config", "user", "Awa Diallo", "awa@example.org")
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", folder, "config", "membre", "ajouter", name)
    cli("-C", folder, "config", "set", "nom", "Awa Diallo")
    return folder


def due(cli, folder: Path, *args: str) -> list[tuple[str, str]]:
    found = json.loads(cli("-C", folder, "suivi", *args, "--json").stdout)
    return [(d["referent"], d["about"]) for d in found if d["kind"] == "action-en-retard"]


def test_each_late_action_is_for_the_member_or_the_referent_it_names(cli, book):
    cli("-C", book, "entrepreneur", "ajouter", "Lina Roy", "--referent", "karim")
    cli("-C", book, "reunion", "preparer", "--date", "2026-11-02", "--no-edit")
    for who, what in (
        ("Awa", "relire le bilan"),
        ("Lina Roy", "envoyer le devis"),
        ("Séverine Imbert", "créer le wiki"),
    ):
        path = next((book / "reunions").rglob("*.md"))
        text = path.read_text(encoding="utf-8")
        line = f"- [ ] {who} — {what} — 2026-11-05\n"
        path.write_text(text.replace("## Actions\n", "## Actions\n" + line), encoding="utf-8")
    everyone = due(cli, book)
    assert sorted(everyone, key=str) == sorted(
        [
            ("Awa Diallo", "relire le bilan"),
            ("Karim Benali", "Lina Roy — envoyer le devis"),
            ("Séverine Imbert", "créer le wiki"),
        ],
        key=str,
    )
    assert due(cli, book, "--moi") == [("Awa Diallo", "relire le bilan")]
    home = cli("-C", book).stdout
    assert "relire le bilan" in home and "devis" not in home and "wiki" not in home, home
    assert due(cli, book, "--referent", "karim") == [
        ("Karim Benali", "Lina Roy — envoyer le devis")
    ]
    outside = due(cli, book, "--referent", "Séverine Imbert")
    assert outside == [("Séverine Imbert", "créer le wiki")]  # listed, under her name
    listed = json.loads(cli("-C", book, "actions", "--json").stdout)
    assert len(listed) == 3  # every action is still in the register


def test_an_imported_action_long_past_is_history_said_by_jardin(cli, book, tmp_path):
    source = tmp_path / "ancien"
    source.mkdir()
    (source / "r.md").write_text(OLD_MEETING, encoding="utf-8")
    cli("-C", book, "import", source)
    assert due(cli, book) == []
    assert "wiki" not in cli("-C", book).stdout
    found = json.loads(cli("-C", book, "jardin", "--json", code=None).stdout)
    history = [f for f in found if f["kind"] == "action-historique"]
    assert len(history) == 1 and "créer le wiki" in history[0]["reason"], found
    assert history[0]["command"].startswith("garefil action faite a-")
    listed = json.loads(cli("-C", book, "actions", "--en-retard", "--json").stdout)
    assert [a["what"] for a in listed] == ["créer le wiki"]  # still in the register


def test_moi_is_the_coach_where_a_person_is_named(cli, book):
    cli("-C", book, "reunion", "preparer", "--date", "2026-11-02", "--no-edit")
    out = cli("-C", book, "action", "ajouter", "moi", "relire le bilan", "--pour", "2026-11-05")
    assert "Awa Diallo — relire le bilan" in (book / out.stdout.split("\t")[1].strip()).read_text(
        encoding="utf-8"
    )
    listed = json.loads(cli("-C", book, "actions", "--qui", "moi", "--json").stdout)
    assert [(a["who"], a["what"]) for a in listed] == [("Awa Diallo", "relire le bilan")]
    assert due(cli, book, "--referent", "Moi") == [("Awa Diallo", "relire le bilan")]


def test_someone_outside_the_team_is_told_a_member_is_expected(cli, book):
    cli("-C", book, "reunion", "preparer", "--date", "2026-11-02", "--no-edit")
    for args in (
        ("action", "ajouter", "Inconnu", "x"),
        ("reunion", "preparer", "--absent", "Inconnu"),
    ):
        said = cli("-C", book, *args, code=5).stderr
        assert "il faut ici un·e membre de l'équipe" in said and "référent" not in said, said
