"""A note's type is read however its file spells it: `type: Demande` is a request for every view,
as `list --type` already reads it, and `jardin --corriger` writes it as garefil does."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

REQUEST = (
    "---\nid: 2026-11-29-demande-mail1\ntype: Demande\ntitle: Mail du 29\ndate: 2026-11-29\n"
    "entrepreneur: Yann Martin\n---\nMail reçu sur accompagnement@\n"
)


def hand_written_request(notebook: Path, text: str = REQUEST) -> None:
    (notebook / "demandes").mkdir(exist_ok=True)
    (notebook / "demandes" / "mail1.md").write_text(text, encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "demande reçue par mail")


def test_a_request_typed_with_a_capital_is_in_every_follow_up_view(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    hand_written_request(notebook)
    waiting = json.loads(cli("-C", notebook, "demandes", "--sans-referent", "--json").stdout)
    assert [r["entrepreneur"] for r in waiting] == ["Yann Martin"]
    assert "Yann Martin" in cli("-C", notebook, "suivi").stdout
    cli("-C", notebook, "reunion", "preparer", "--no-edit")
    [agenda] = (notebook / "reunions").rglob("*.md")
    assert "Yann Martin" in agenda.read_text(encoding="utf-8")


def test_jardin_writes_the_type_as_garefil_does_and_ids_with_it(cli, notebook):
    hand_written_request(notebook, REQUEST.replace("id: 2026-11-29-demande-mail1\n", ""))
    said = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    [typed] = [f for f in said if f["params"].get("type") == "Demande"]
    assert typed["fixable"] and typed["params"]["known"] == "demande"
    assert "type inconnu" not in cli("-C", notebook, "jardin").stdout
    cli("-C", notebook, "jardin", "--corriger")
    text = (notebook / "demandes" / "mail1.md").read_text(encoding="utf-8")
    assert "\ntype: demande\n" in text and "Demande" not in text
    assert "\nid: 2026-11-29-demande-" in text
