"""`suivi` says what is due, by référent; `fil` tells one entrepreneur's story in order."""

from __future__ import annotations

import json
from datetime import date, timedelta

from conftest import git


def due(cli, notebook, *options: str) -> list[dict]:
    return json.loads(cli("-C", notebook, "suivi", *options, "--json").stdout)


def ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def new(cli, notebook, kind: str, *options: str) -> str:
    return cli("-C", notebook, "new", kind, *options, "--body", "x").stdout.split("\t")[0]


def test_story_a_request_without_referent_is_due_until_assigned(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    request = new(cli, notebook, "demande", "-e", "Jean Dupont", "--date", ago(1))
    [item] = due(cli, notebook)
    assert (item["kind"], item["id"], item["referent"]) == ("demande-sans-referent", request, None)
    cli("-C", notebook, "suivi", "--check", code=9)
    cli("-C", notebook, "demande", "assigner", request, "Awa Diallo")
    assert due(cli, notebook) == []
    result = cli("-C", notebook, "suivi", "--check")
    assert "Rien" in result.stderr


def test_each_check_is_due_after_its_threshold_grouped_by_referent(cli, notebook, monkeypatch):
    for name in ("Awa Diallo", "Karim Benali"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    config = notebook / ".garefil" / "config.toml"
    text = config.read_text(encoding="utf-8")
    assert "# cr_brouillon_jours = 7" in text  # the defaults are shown, commented out
    config.write_text(text.replace("# cr_brouillon_jours = 7", "cr_brouillon_jours = 30"), "utf-8")
    git(notebook, "commit", "-qam", "seuils")
    new(cli, notebook, "rdv", "-e", "A", "-r", "Awa", "--date", f"{ago(10)}T10:00")  # due
    new(cli, notebook, "rdv", "-e", "A", "-r", "Awa", "--date", f"{ago(1)}T10:00")  # not yet
    # A draft's age runs from when it was written (recorded), not from its date.
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{ago(40)}T10:00:00")
    new(cli, notebook, "cr", "-e", "B", "-r", "Karim", "--date", ago(40))  # due (30 days)
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{ago(20)}T10:00:00")
    new(cli, notebook, "cr", "-e", "B", "-r", "Karim", "--date", ago(40))  # not yet
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    new(cli, notebook, "demande", "-e", "C", "-r", "Karim", "--date", ago(15))
    cli("-C", notebook, "entrepreneur", "ajouter", "D", "-r", "Awa", "--date", ago(200))
    kinds = [(i["referent"], i["kind"]) for i in due(cli, notebook)]
    assert kinds == [
        ("Awa Diallo", "sans-nouvelles"),
        ("Awa Diallo", "rdv-sans-cr"),
        ("Karim Benali", "cr-brouillon"),
        ("Karim Benali", "demande-ouverte"),
    ]
    assert {i["referent"] for i in due(cli, notebook, "--referent", "karim")} == {"Karim Benali"}
    assert {i["referent"] for i in due(cli, notebook, "--moi")} == {"Awa Diallo"}
    cli("-C", notebook, "config", "membre", "retirer", "Karim")
    assert ("Karim Benali", "referent-hors-equipe") in [
        (i["referent"], i["kind"]) for i in due(cli, notebook)
    ]


def test_suivi_lists_same_day_requests_in_the_order_demandes_does(cli, notebook, monkeypatch):
    """File names follow the entrepreneur's name (A before Z): within a day, the request written
    first waits longest, in `suivi` as in `demandes`, with or without a référent."""
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")

    def written_at(moment: str, who: str, *options: str) -> None:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{moment}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{moment}")
        new(cli, notebook, "demande", "-e", who, "--date", "2024-05-02", *options)

    written_at("09:00:00", "Zoé Vidal")
    written_at("09:30:00", "Yves Roux", "-r", "Karim Benali")
    written_at("11:00:00", "Anna Bel")
    written_at("11:30:00", "Bruno Cazal", "-r", "Karim Benali")
    waiting = [
        r["entrepreneur"]
        for r in json.loads(cli("-C", notebook, "demandes", "--ouvertes", "--json").stdout)
    ]
    assert waiting == ["Zoé Vidal", "Yves Roux", "Anna Bel", "Bruno Cazal"]
    items = [(d["kind"], d["entrepreneur"]) for d in due(cli, notebook)]
    assert items == [
        ("demande-sans-referent", "Zoé Vidal"),
        ("demande-sans-referent", "Anna Bel"),
        ("demande-ouverte", "Yves Roux"),
        ("demande-ouverte", "Bruno Cazal"),
    ]
    table = cli("-C", notebook, "suivi").stdout
    assert table.index("Zoé Vidal") < table.index("Anna Bel")


def test_suivi_lists_past_appointments_of_one_day_by_their_hour(cli, notebook):
    """An appointment's header keeps its hour: the morning one is due before the afternoon one,
    whatever their file names (A before Z)."""
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    for who, hour in (("Anna Bel", "14:00"), ("Zoé Vidal", "09:00")):
        new(cli, notebook, "rdv", "-e", who, "-r", "Karim Benali", "--date", f"2024-05-02T{hour}")
    items = [(d["kind"], d["entrepreneur"]) for d in due(cli, notebook)]
    assert items == [("rdv-sans-cr", "Zoé Vidal"), ("rdv-sans-cr", "Anna Bel")]
