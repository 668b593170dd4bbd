"""The acceptance story, through the command line on a real notebook: from a request nobody has
taken to a report sent by e-mail, `suivi` saying at each step what is due, `fil` telling it all."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from smtp_servers import Inbox, start


def ago(days: int, time: str = "") -> str:
    return (date.today() - timedelta(days=days)).isoformat() + time


@pytest.fixture
def mail_server(monkeypatch, tmp_path):
    inbox = Inbox()
    controller = start(inbox)
    settings = tmp_path / "xdg" / "garefil" / "config.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        f'[smtp]\nserveur = "127.0.0.1"\nport = {controller.port}\nsecurite = "aucune"\n'
        'expediteur = "Awa Diallo <awa@example.org>"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    yield inbox
    controller.stop()


def test_from_a_request_without_referent_to_a_report_sent(cli, notebook, mail_server):
    def run(*args: str, code: int = 0):
        return cli("-C", notebook, *args, code=code)

    def due() -> list[tuple[str, str | None]]:
        items = json.loads(run("suivi", "--json").stdout)
        return [
            (i["kind"], i["referent"]) for i in items if i["entrepreneur"].lower() == "jean dupont"
        ]

    def new(*args: str) -> str:
        return run("new", *args).stdout.split("\t")[0]

    run("config", "membre", "ajouter", "Awa Diallo")
    run("entrepreneur", "ajouter", "Jean Dupont", "--email", "jean@exemple.fr", "--date", ago(30))
    request = new("demande", "-e", "Jean Dupont", "--date", ago(12), "--body", "Aide TVA.")
    assert due() == [("demande-sans-referent", None)]
    run("demande", "assigner", request, "Awa")
    assert due() == []
    booked = run(
        "new",
        "rdv",
        "-e",
        "jean dupont",
        "-r",
        "Awa",
        "--date",
        ago(10, "T14:00"),
        "--lieu",
        "La Ruche",
        "--body",
        "Objet : TVA.",
    )
    assert "passé" in booked.stderr
    rdv = booked.stdout.split("\t")[0]
    assert due() == [("rdv-sans-cr", "Awa Diallo")]
    report = new("cr", "--rdv", rdv, "--body", "## Échanges\n\nTVA : **franchise** en base.")
    assert due() == []  # a draft just written is not late, however old its appointment
    run("cr", "envoyer", report)
    assert [m.recipients for m in mail_server.received] == [["jean@exemple.fr"]]
    assert due() == []
    run("suivi", "--check")
    steps = json.loads(run("fil", "Jean Dupont", "--json").stdout)["steps"]
    assert [s["kind"] for s in steps] == ["fiche", "demande", "rdv", "cr", "assigned", "sent"]
    assert [s["id"] for s in steps][2:4] == [rdv, report]
    told = run("fil", rdv).stdout
    assert "tenu" in told and "envoyé" in told and "jean@exemple.fr" in told
