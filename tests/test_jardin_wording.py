"""What `jardin` says, as a coach reads it: the fixes it applied in plain words, and each
appointment by its own state."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

RDV = (
    "---\nid: {id}\ntype: rdv\ntitle: Rdv\ndate: 2020-01-{day}T10:00\nentrepreneur: Jean Dupont\n"
    "referent: Awa Diallo\nstatus: {status}\n---\nPréparer le prévisionnel.\n"
)


def committed(notebook: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (notebook / path).parent.mkdir(parents=True, exist_ok=True)
        (notebook / path).write_text(text, encoding="utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "notes")


def test_fixed_tags_are_said_as_a_coach_writes_them(cli, notebook):
    committed(notebook, {"divers/t.md": "---\nid: t1\ntitle: T\ntags: [URSSAF, PE]\n---\nx\n"})
    done = cli("-C", notebook, "jardin", "--corriger")
    assert "divers/t.md — tags : urssaf, pole-emploi" in done.stderr, done.stderr
    assert "[" not in done.stderr and "'" not in done.stderr


def test_a_postponed_appointment_is_not_said_to_be_still_planned(cli, notebook):
    rdvs = {"rdv/a.md": RDV.format(id="r1", status="reporte", day="06")}
    rdvs["rdv/b.md"] = RDV.format(id="r2", status="prevu", day="07")
    committed(notebook, rdvs)
    found = {f["path"]: f for f in json.loads(cli("-C", notebook, "jardin", "--json").stdout)}
    assert "reporté" in found["rdv/a.md"]["reason"] and "prévu" not in found["rdv/a.md"]["reason"]
    assert "toujours prévu" in found["rdv/b.md"]["reason"]
