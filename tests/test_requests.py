"""Requests: written without référent, open until closed; each step recorded in the note."""

from __future__ import annotations

import json
from datetime import date

import frontmatter

from conftest import git
from garefil.core.french_dates import spelled_out


def requests(cli, notebook, *options: str) -> list[dict]:
    return json.loads(cli("-C", notebook, "demandes", *options, "--json").stdout)


def new_request(cli, notebook, who: str, day: str = "2024-05-02") -> tuple[str, str]:
    out = cli("-C", notebook, "new", "demande", "-e", who, "--date", day, "--body", "Aide.").stdout
    note_id, path = out.strip().split("\t")
    return note_id, path


def test_a_request_is_assigned_then_closed_each_step_in_its_header(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    note_id, path = new_request(cli, notebook, "Jean Dupont")
    [waiting] = requests(cli, notebook, "--sans-referent")
    assert waiting["id"] == note_id and waiting["open"] and waiting["waiting_days"] > 100
    before = (notebook / path).read_text(encoding="utf-8")
    cli("-C", notebook, "demande", "assigner", note_id, "awa")
    after = (notebook / path).read_text(encoding="utf-8")
    assert after.startswith(before.split("\n---", 1)[0])  # the lines before stay as they were
    assert frontmatter.loads(after)["assignee_le"] == date.today()
    assert requests(cli, notebook, "--sans-referent") == []
    assert requests(cli, notebook, "--ouvertes")[0]["referent"] == "Awa Diallo"
    cli("-C", notebook, "demande", "assigner", note_id, "Paul Martin", code=5)
    cli("-C", notebook, "demande", "clore", note_id, "--motif", "Orientée vers la CCI")
    meta = frontmatter.load(notebook / path).metadata
    assert meta["status"] == "close" and meta["motif"] == "Orientée vers la CCI"
    assert meta["cloturee_le"] == date.today()
    assert requests(cli, notebook, "--ouvertes") == [] and len(requests(cli, notebook)) == 1
    assert git(notebook, "status", "--porcelain") == ""
    assert git(notebook, "log", "-1", "--format=%s").strip().endswith("— close")


def test_closing_a_closed_request_says_when_and_why_it_was_and_changes_nothing(cli, notebook):
    note_id, path = new_request(cli, notebook, "Jean Dupont")
    cli("-C", notebook, "demande", "clore", note_id, "--motif", "Orientée vers la CCI")
    before, commit = (notebook / path).read_bytes(), git(notebook, "rev-parse", "HEAD")
    again = cli("-C", notebook, "demande", "clore", note_id, "--motif", "Autre")
    said = again.stdout + again.stderr
    assert f"déjà close, le {spelled_out(date.today())} (Orientée vers la CCI)" in said
    assert (notebook / path).read_bytes() == before
    assert git(notebook, "rev-parse", "HEAD") == commit


def test_requests_come_oldest_first(cli, notebook):
    new_request(cli, notebook, "B", "2024-06-01")
    new_request(cli, notebook, "A", "2024-01-01")
    assert [r["entrepreneur"] for r in requests(cli, notebook)] == ["A", "B"]


def test_same_day_requests_wait_in_the_order_they_were_written(cli, notebook, monkeypatch):
    """Ids and file names are drawn by chance or by name: within a day, the request git
    recorded first (or whose header gives the earlier time) has waited longest, as in `fil`."""

    def written_at(moment: str, who: str, day: str = "2024-05-02") -> None:
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{moment}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{moment}")
        new_request(cli, notebook, who, day)

    written_at("09:00:00", "Zoé Vidal")
    written_at("09:00:00", "Yves Roux")  # the same second: git's own order tells
    written_at("11:00:00", "Anna Bel")
    written_at("12:00:00", "Marc Petit", "2024-05-02T10:30")  # its header keeps its time
    written_at("08:00:00", "Bruno Cazal", "2024-05-01")
    expected = ["Bruno Cazal", "Zoé Vidal", "Yves Roux", "Marc Petit", "Anna Bel"]
    assert [r["entrepreneur"] for r in requests(cli, notebook, "--ouvertes")] == expected
    table = cli("-C", notebook, "demandes", "--ouvertes").stdout
    assert [n for n in expected if n in table] == sorted(expected, key=table.index)


def test_only_a_request_can_be_assigned_or_closed(cli, notebook):
    out = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--body", "x").stdout
    result = cli("-C", notebook, "demande", "clore", out.split("\t")[0], code=5)
    assert "demandes" in result.stderr
    cli("-C", notebook, "demande", "clore", "inconnue", code=4)


def test_requests_are_listed_by_status_under_each_of_its_names(cli, notebook):
    closed_id, _ = new_request(cli, notebook, "Jean Dupont")
    open_id, _ = new_request(cli, notebook, "Awa Diallo", "2024-06-01")
    cli("-C", notebook, "demande", "clore", closed_id)
    for name in ("--statut", "--etat", "--status"):
        assert [r["id"] for r in requests(cli, notebook, name, "close")] == [closed_id]
    assert [r["id"] for r in requests(cli, notebook, "--statut", "Ouverte")] == [open_id]
    wrong = cli("-C", notebook, "demandes", "--statut", "inconnu", code=5)
    assert "inconnu" in wrong.stderr and "ouverte, close" in wrong.stderr
