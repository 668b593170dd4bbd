"""`garefil import` of a source file it already imported, edited since: recognised by the path it
was imported from, its new version put beside the note as the other version of a conflict
(`NAME.conflit-import.md`), never a silent second note; `jardin` flags near-duplicates."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import git

pytestmark = pytest.mark.usefixtures("git_defaults")

MEETING = (
    "---\ntitle: Réunion du 6 avril\ndate: 2020-04-06\ntype: reunion\n---\n"
    "## Actions\n- [ ] Séverine Imbert — créer le wiki — 2020-04-20\n"
)


@pytest.fixture
def old(tmp_path: Path, cli, notebook: Path) -> Path:
    """An old meeting note, imported once."""
    cli("-C", notebook, "config", "user", "Awa Diallo", "awa@example.org")
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "r.md").write_text(MEETING, encoding="utf-8")
    cli("-C", notebook, "import", folder)
    return folder


def meetings(cli, notebook: Path) -> list[dict]:
    return json.loads(cli("-C", notebook, "list", "--type", "reunion", "--json").stdout)


def test_an_edited_source_waits_beside_its_note_never_a_second_note(cli, notebook, old):
    [note] = meetings(cli, notebook)
    before = (notebook / note["path"]).read_bytes()
    with (old / "r.md").open("a", encoding="utf-8") as handle:
        handle.write("- [ ] Awa Diallo — relire — 2020-04-21\n")
    done = cli("-C", notebook, "import", old, "--json")
    [again] = json.loads(done.stdout)["imported"]
    beside = note["path"].replace(".md", ".conflit-import.md")
    assert again["path"] == beside and again["id"] == note["id"]
    assert "déjà importée" in done.stderr and "modifiée depuis" in done.stderr, done.stderr
    assert f"garefil resolve {note['path']} --prendre-l-autre" in done.stderr
    assert [n["path"] for n in meetings(cli, notebook)] == [note["path"]]  # one note, not two
    assert (notebook / note["path"]).read_bytes() == before  # never overwritten
    assert git(notebook, "status", "--porcelain") == ""
    third = json.loads(cli("-C", notebook, "import", old, "--json").stdout)
    assert third["imported"] == [] and third["reported"] == []  # waiting: not offered twice
    assert "cette version attend à côté" in third["skipped"][0]["reason"]
    with (old / "r.md").open("a", encoding="utf-8") as handle:
        handle.write("Encore une ligne.\n")
    fourth = json.loads(cli("-C", notebook, "import", old, "--json").stdout)
    [waits] = fourth["reported"]  # another version: the one waiting is settled first
    assert "une autre version attend déjà" in waits["reason"] and fourth["imported"] == []
    with (old / "r.md").open("w", encoding="utf-8") as handle:
        handle.write(MEETING + "- [ ] Awa Diallo — relire — 2020-04-21\n")
    cli("-C", notebook, "resolve", note["path"], "--take-other")
    [taken] = meetings(cli, notebook)
    assert taken["id"] == note["id"] and taken["type"] == "reunion"
    assert "relire" in (notebook / note["path"]).read_text(encoding="utf-8")
    assert json.loads(cli("-C", notebook, "import", old, "--json").stdout)["imported"] == []


def test_the_new_version_is_said_to_be_the_imported_files_never_a_teammates(cli, notebook, old):
    [note] = meetings(cli, notebook)
    with (old / "r.md").open("a", encoding="utf-8") as handle:
        handle.write("- [ ] Awa Diallo — relire — 2020-04-21\n")
    done = cli("-C", notebook, "import", old).stderr
    assert "0 note importée, 1 nouvelle version en attente, 0 passée" in done, done
    message = git(notebook, "log", "-1", "--format=%s")
    assert message.startswith("import : 1 nouvelle version en attente de "), message
    status = cli("-C", notebook, "status").stdout
    assert "la copie : la nouvelle version du fichier importé r.md" in status, status
    assert "quelqu'un d'autre" not in status, status
    copy = note["path"].replace(".md", ".conflit-import.md")
    taken = cli("-C", notebook, "resolve", copy, "--take-other").stderr
    assert "la nouvelle version du fichier importé r.md est gardée" in taken, taken


def test_another_file_of_the_same_name_elsewhere_is_a_note_of_its_own(cli, notebook, old, tmp_path):
    other = tmp_path / "autre"
    other.mkdir()
    (other / "r.md").write_text("---\ntitle: Autre chose\ndate: 2021-05-03\n---\nx\n", "utf-8")
    [new] = json.loads(cli("-C", notebook, "import", other, "--json").stdout)["imported"]
    assert ".conflit-" not in new["path"]


def test_jardin_flags_notes_of_same_title_and_day(cli, notebook, old, tmp_path):
    copy = tmp_path / "copie"
    copy.mkdir()
    (copy / "reunion.md").write_text(MEETING + "Relu.\n", encoding="utf-8")
    cli("-C", notebook, "import", copy)
    paths = sorted(n["path"] for n in meetings(cli, notebook))
    assert len(paths) == 2
    found = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    [twin] = [f for f in found if f["kind"] == "doublon-probable"]
    assert twin["path"] in paths and twin["params"]["other"] in paths
    assert twin["command"] == f"garefil rm {twin['path']}"
    shown = cli("-C", notebook, "jardin").stdout
    assert "même titre et même date" in shown, shown


def test_a_file_giving_no_date_is_imported_undated_never_dated_by_its_file_time(
    cli, notebook, tmp_path
):
    cli("-C", notebook, "config", "user", "Awa Diallo", "awa@example.org")
    folder = tmp_path / "pads"
    folder.mkdir()
    (folder / "vieux pad.md").write_text("# Point TVA\n\nNotes d'un vieux pad.\n", "utf-8")
    (folder / "cr 2020-03-12.md").write_text("# Point URSSAF\n\nDaté par son nom.\n", "utf-8")
    os.utime(folder / "vieux pad.md", (1_700_000_000, 1_700_000_000))  # November 2023
    cli("-C", notebook, "import", folder)
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [(n["title"], n["date"]) for n in listed] == [
        ("Point URSSAF", "2020-03-12"),  # dated ones first
        ("Point TVA", None),  # unknown: last, never the file's time nor the import's day
    ]
    text = (notebook / listed[1]["path"]).read_text(encoding="utf-8")
    assert "date_inconnue: true" in text and "\ndate:" not in text
    counted = json.loads(cli("-C", notebook, "bilan", "--depuis", "2000-01-01", "--json").stdout)
    assert sum(counted["activity"][month].get("—", 0) for month in counted["activity"]) == 1
    found = json.loads(cli("-C", notebook, "jardin", "--json").stdout)
    [undated] = [f for f in found if f["kind"] == "date-inconnue"]
    assert undated["path"] == listed[1]["path"]
    assert undated["command"] == f"garefil edit {listed[1]['path']}"


def test_an_edited_source_is_said_without_terminal(run_garefil, cli, notebook, old):
    (old / "r.md").write_text(MEETING + "Relu.\n", encoding="utf-8")
    done = run_garefil("-C", notebook, "import", old)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "r.md: déjà importée (note " in done.stderr and "modifiée depuis" in done.stderr
    assert len(meetings(cli, notebook)) == 1
