"""`garefil import` of a clone (or an old copy) of the notebook itself: what the notebook already
holds is said and never imported twice; a differing version is imported under a fresh id, never
overwriting; no second fiche for one person; no decision or action id used twice."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

MEETING = "reunions/2024/2024-01-22-reunion-d-equipe-du-2024-01-22-dhnvp.md"
FICHE = "fiches/2024-01-10-fiche-jean-dupont-smb8x.md"


def imported(cli, notebook: Path, source: Path) -> tuple[dict, str]:
    result = cli("-C", notebook, "import", source, "--json")
    return json.loads(result.stdout), result.stderr


def test_a_clone_of_the_notebook_brings_nothing_twice(cli, demo_notebook, tmp_path):
    clone = tmp_path / "democlone"
    git(tmp_path, "clone", "-q", str(demo_notebook), str(clone))
    report, said = imported(cli, demo_notebook, clone)
    assert report["imported"] == []
    assert "60 notes déjà dans le carnet" in said and "0 note importée" in said
    assert git(demo_notebook, "status", "--porcelain") == ""


def test_versions_fiches_and_register_ids_are_never_doubled(cli, demo_notebook, tmp_path):
    clone = tmp_path / "democlone"
    git(tmp_path, "clone", "-q", str(demo_notebook), str(clone))
    # Since the copy was made, the fiche was changed here: the copy's is an older version.
    fiche = demo_notebook / FICHE
    fiche.write_text(fiche.read_text("utf-8") + "\nNouveau téléphone.\n", "utf-8")
    git(demo_notebook, "commit", "-qam", "fiche")
    # In the copy, someone changed the meeting and wrote a second fiche for Jean Dupont.
    meeting = clone / MEETING
    meeting.write_text(meeting.read_text("utf-8") + "\nAjout de la copie.\n", "utf-8")
    (clone / "fiches" / "dupont.md").write_text(
        "---\ntype: fiche\nentrepreneur: jean dupont\n---\nAutre fiche\n", "utf-8"
    )
    report, said = imported(cli, demo_notebook, clone)
    by_source = {n["source"]: n for n in report["imported"]}
    assert set(by_source) == {MEETING, "fiches/dupont.md"}
    skipped = {s["source"]: s["reason"] for s in report["skipped"]}
    assert "2024-01-10-fiche-smb8x" in skipped[FICHE] and "historique" in skipped[FICHE]
    copy = by_source[MEETING]
    assert copy["id"] != "2024-01-22-reunion-dhnvp" and "d-uyapk" in copy["notice"]
    assert "2024-01-22-reunion-dhnvp" in copy["notice"]
    assert all(part in said for part in copy["notice"].split("; "))
    assert "Ajout de la copie." in (demo_notebook / copy["path"]).read_text("utf-8")
    second = by_source["fiches/dupont.md"]
    assert "Jean Dupont a déjà une fiche" in second["notice"] and FICHE in second["notice"]
    listed = json.loads(cli("-C", demo_notebook, "list", "--type", "fiche", "--json").stdout)
    assert [n["path"] for n in listed if "Dupont" in (n["entrepreneur"] or "")] == [FICHE]
    decisions = json.loads(cli("-C", demo_notebook, "decisions", "--json").stdout)
    ids = [d["id"] for d in decisions]
    assert len(ids) == len(set(ids)) and "d-uyapk" in ids
