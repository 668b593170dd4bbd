"""A decision replaced: where its successor is written, and what the register says of it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git

LAST_MONDAY = (
    "---\nid: 2026-11-23-reunion-old01\ntype: reunion\ntitle: Hebdo du 23\n"
    "date: 2026-11-23T14:00\n---\n\n# Hebdo\n\n## Décisions\n\n"
    "- Le tour de table dure deux minutes.\n\n## Actions\n\n"
)


def write(notebook: Path, relative: str, text: str) -> Path:
    path = notebook / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    git(notebook, "add", relative)
    git(notebook, "commit", "-q", "-m", "à la main")
    return path


def replace(cli, notebook: Path, old_id: str, text: str, *more: str) -> tuple[str, str]:
    """Replace `old_id`: the new id and the path it was written in (from stdout)."""
    out = cli("-C", notebook, "decision", "remplacer", old_id, text, *more).stdout
    new_id, path = out.splitlines()[0].split("\t")
    return new_id, path


def hand_written_id(cli, notebook: Path) -> str:
    register = json.loads(cli("-C", notebook, "decisions", "--json").stdout)
    return next(d["id"] for d in register if "deux minutes" in d["text"])


def test_the_successor_goes_in_todays_meeting_and_the_old_line_only_gets_its_id(
    cli, notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")  # a Monday: today's meeting at 14:00
    old = write(notebook, "reunions/2026/hebdo-23.md", LAST_MONDAY)
    old_id = hand_written_id(cli, notebook)
    cli("-C", notebook, "new", "reunion", "--no-edit")
    before = old.read_text(encoding="utf-8")
    new_id, path = replace(cli, notebook, old_id, "Trois minutes.")
    assert path != "reunions/2026/hebdo-23.md" and path.startswith("reunions/2026/2026-11-30")
    today = (notebook / path).read_text(encoding="utf-8")
    assert f"- Trois minutes. (remplace {old_id}) ^{new_id}" in today
    after = old.read_text(encoding="utf-8")
    assert after == before.replace(
        "- Le tour de table dure deux minutes.\n",
        f"- Le tour de table dure deux minutes. ^{old_id}\n",
    )
    assert "Trois minutes" not in after and new_id not in after
    assert git(notebook, "status", "--porcelain") == ""  # both notes in the one commit


def test_the_successor_goes_in_the_old_note_when_it_is_the_latest_meeting(cli, notebook):
    old = write(notebook, "reunions/2026/hebdo-23.md", LAST_MONDAY)
    write(notebook, "cr/2026-11-27-cr.md", "---\ntype: cr\ntitle: Un CR\ndate: 2026-11-27\n---\n")
    old_id = hand_written_id(cli, notebook)
    new_id, path = replace(cli, notebook, old_id, "Trois minutes.")
    assert path == "reunions/2026/hebdo-23.md"
    lines = old.read_text(encoding="utf-8").splitlines()
    assert f"- Le tour de table dure deux minutes. ^{old_id}" in lines
    assert f"- Trois minutes. (remplace {old_id}) ^{new_id}" in lines


def test_the_successor_goes_where_dans_says(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")
    write(notebook, "reunions/2026/hebdo-23.md", LAST_MONDAY)
    cli("-C", notebook, "new", "reunion", "--no-edit")
    other = LAST_MONDAY.replace("old01", "old02").replace("2026-11-23", "2026-11-16")
    other = other.replace("- Le tour de table dure deux minutes.\n", "")
    write(notebook, "reunions/2026/hebdo-16.md", other)
    old_id = hand_written_id(cli, notebook)
    new_id, path = replace(
        cli, notebook, old_id, "Trois minutes.", "--dans", "2026-11-16-reunion-old02"
    )
    assert path == "reunions/2026/hebdo-16.md"
    assert f"(remplace {old_id}) ^{new_id}" in (notebook / path).read_text(encoding="utf-8")


def test_a_successor_in_a_meeting_without_its_heading_is_written_under_a_new_one(
    cli, notebook, monkeypatch
):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")
    old = write(notebook, "reunions/2026/hebdo-23.md", LAST_MONDAY)
    old_id = hand_written_id(cli, notebook)
    cli("-C", notebook, "new", "reunion", "--no-edit", "--body", "Pas de titre ici.")
    out = cli("-C", notebook, "decision", "remplacer", old_id, "Trois minutes.")
    new_id, path = out.stdout.strip().split("\t")
    text = (notebook / path).read_text(encoding="utf-8")
    assert text.endswith(f"\n## Décisions\n\n- Trois minutes. (remplace {old_id}) ^{new_id}\n")
    assert f"^{old_id}" in old.read_text(encoding="utf-8")  # the link's other end, written
    assert git(notebook, "status", "--porcelain") == ""  # both notes in one record


LONG = (
    "Le tour de table dure trois minutes par personne, chronométrées par le gardien du temps, "
    "et les sujets longs passent en fin de réunion."
)


def replaced_in_a_later_meeting(cli, notebook: Path, monkeypatch) -> tuple[str, str, str]:
    """Last Monday's decision replaced in today's meeting: (old id, new id, new note's path)."""
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")
    write(notebook, "reunions/2026/hebdo-23.md", LAST_MONDAY)
    old_id = hand_written_id(cli, notebook)
    cli("-C", notebook, "new", "reunion", "--no-edit")
    new_id, path = replace(cli, notebook, old_id, LONG)
    return old_id, new_id, path


def test_a_replaced_decision_shows_what_holds_now(cli, notebook, monkeypatch):
    old_id, new_id, _path = replaced_in_a_later_meeting(cli, notebook, monkeypatch)
    tsv = cli("-C", notebook, "decisions", "--statut", "remplacée", "--format", "tsv").stdout
    row = tsv.splitlines()[1].split("\t")
    assert row[0] == old_id
    said = row[3]
    assert f"(remplacée par {new_id} : « Le tour de table dure trois minutes" in said
    assert "…" in said and "fin de réunion" not in said  # shortened, at a word
    assert "réunion du 2026-11-30)" in said
    table = cli("-C", notebook, "decisions", "--statut", "remplacée").stdout
    assert new_id in table and "trois" in table


def test_decisions_and_show_json_give_the_successor_beside_its_id(cli, notebook, monkeypatch):
    old_id, new_id, path = replaced_in_a_later_meeting(cli, notebook, monkeypatch)
    register = {d["id"]: d for d in json.loads(cli("-C", notebook, "decisions", "--json").stdout)}
    old = register[old_id]
    assert old["replaced_by"] == new_id  # kept as it was
    assert old["successor"]["id"] == new_id and old["successor"]["text"] == LONG
    assert old["successor"]["meeting"] == "2026-11-30T14:00"
    assert old["successor"]["note"]["path"] == path
    assert register[new_id]["successor"] is None
    # `show --json` of the old meeting: its line still reads adopted, the register says replaced
    shown = json.loads(cli("-C", notebook, "show", "2026-11-23-reunion-old01", "--json").stdout)
    [decision] = shown["decisions"]
    assert (decision["id"], decision["status"]) == (old_id, "remplacée")
    assert decision["replaced_by"] == new_id and decision["successor"]["text"] == LONG


def test_the_sites_decisions_page_links_a_replaced_decision_to_its_successor(
    cli, notebook, monkeypatch
):
    old_id, new_id, path = replaced_in_a_later_meeting(cli, notebook, monkeypatch)
    cli("-C", notebook, "site")
    page = (notebook / ".garefil" / "site" / "pages" / "decisions.html").read_text("utf-8")
    item = next(li for li in page.split("<li>") if "deux minutes" in li)
    assert "remplacée par" in item and "Le tour de table dure trois minutes" in item
    assert "notes/" + path[:-3].replace("/", "~") + ".html" in item
    assert "2026-11-30" in item
