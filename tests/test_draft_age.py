"""A report's age as a draft runs from when it was written, not from its appointment's day:
`suivi`, `jardin` and the home screen agree (git's first record, else the file's time)."""

from __future__ import annotations

import json
import os
import time
from datetime import date, timedelta

from conftest import git

LABEL = "CR encore en brouillon"  # the home screen's words for `cr-brouillon`


def later(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def kinds(cli, notebook, command: str = "suivi") -> list[tuple[str, str | None]]:
    items = json.loads(cli("-C", notebook, command, "--json").stdout)
    return [(i["kind"], i.get("since")) for i in items]


def test_a_report_written_today_from_an_old_appointment_is_no_old_draft(cli, notebook, monkeypatch):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    booked = cli(
        *("-C", notebook, "new", "rdv", "--entrepreneur", "Lina Roy", "--referent", "Awa"),
        *("--date", "2024-05-02T14:00", "--lieu", "La Ruche", "--body", "Point sur la TVA."),
    )
    rdv = booked.stdout.split("\t")[0]
    cli("-C", notebook, "new", "cr", "--rdv", rdv, "--body", "Franchise en base de TVA confirmée.")
    assert kinds(cli, notebook) == []
    assert "brouillon-ancien" not in [kind for kind, _ in kinds(cli, notebook, "jardin")]
    assert LABEL not in cli("-C", notebook).stdout
    # A week on, the draft written today is due, since today (not since 2024).
    monkeypatch.setenv("GAREFIL_TODAY", later(8))
    assert kinds(cli, notebook) == [("cr-brouillon", date.today().isoformat())]
    assert LABEL in cli("-C", notebook).stdout
    monkeypatch.setenv("GAREFIL_TODAY", later(31))  # jardin's own threshold: 30 days
    assert "brouillon-ancien" in [kind for kind, _ in kinds(cli, notebook, "jardin")]


def test_a_draft_not_committed_yet_ages_from_its_file(cli, notebook):
    path = notebook / "cr" / "a-la-main.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\nid: m1\ntype: cr\ntitle: Écrit à la main\ndate: 2024-01-10\n"
        "entrepreneur: Lina Roy\nstatus: brouillon\n---\nTexte.\n",
        encoding="utf-8",
    )
    assert kinds(cli, notebook) == []
    forty_days = time.time() - 40 * 86400
    os.utime(path, (forty_days, forty_days))
    since = date.fromtimestamp(forty_days).isoformat()
    assert kinds(cli, notebook) == [("cr-brouillon", since)]


def test_a_draft_recorded_long_ago_is_due_since_that_day(cli, notebook, monkeypatch):
    """Git's author time says when a coach wrote it, even once another coach has it."""
    recorded = (date.today() - timedelta(days=20)).isoformat()
    monkeypatch.setenv("GIT_AUTHOR_DATE", f"{recorded}T10:00:00")
    monkeypatch.setenv("GIT_COMMITTER_DATE", f"{recorded}T10:00:00")
    cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--date", "2024-05-02", "--body", "x")
    monkeypatch.delenv("GIT_AUTHOR_DATE")
    monkeypatch.delenv("GIT_COMMITTER_DATE")
    assert kinds(cli, notebook) == [("cr-brouillon", recorded)]


def test_git_as_installed_finds_when_a_draft_with_accents_was_recorded(
    cli, notebook, git_defaults, monkeypatch
):
    """Git's defaults quote non-ASCII names in its output: the draft is found all the same."""
    path = notebook / "cr" / "élodie-brouillon.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\nid: e1\ntype: cr\ntitle: Élodie\ndate: 2024-01-10\nentrepreneur: Élodie Roy\n"
        "status: brouillon\n---\nTexte.\n",
        encoding="utf-8",
    )
    recorded = (date.today() - timedelta(days=20)).isoformat()
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Karim Benali")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "karim@example.org")
        monkeypatch.setenv(f"GIT_{role}_DATE", f"{recorded}T10:00:00")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "brouillon d'un autre outil")
    path.touch()  # the file changed since: git's record says when it was written
    assert kinds(cli, notebook) == [("cr-brouillon", recorded)]
