"""A decision or an action added to a note without its heading: the heading is added at the end
of what the coaches wrote, as they would do by hand, never refused."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import git
from garefil.core.register import read_register
from garefil.core.register_edit import add_item

CR = "---\nid: cr-1\ntype: cr\ntitle: X\n---\n\n# X\n\nVu Lina.\n"


def test_an_action_and_a_decision_in_a_report_without_headings_are_written(cli, notebook):
    cli("-C", notebook, "config", "membre", "ajouter", "Karim Benali")
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--referent", "karim")
    made = ("new", "cr", "--entrepreneur", "Lina Roy", "--referent", "karim")
    cli("-C", notebook, *made, "--title", "X", "--body", "x", "--no-edit")
    out = cli(
        "-C",
        notebook,
        "action",
        "ajouter",
        "karim",
        "relancer",
        "--pour",
        "2030-01-15",
        "--dans",
        "@dernier",
    )
    action_id, path = out.stdout.strip().split("\t")
    assert "« Actions »" in out.stderr, out.stderr
    said = cli("-C", notebook, "decision", "ajouter", "Lina passe en micro.", "--dans", "@dernier")
    decision_id = said.stdout.split("\t")[0]
    text = (notebook / path).read_text(encoding="utf-8")
    assert text.endswith(
        "x\n\n## Actions\n\n"
        f"- [ ] Karim Benali — relancer — 2030-01-15 ^{action_id}\n\n"
        f"## Décisions\n\n- Lina passe en micro. ^{decision_id}\n"
    ), text
    listed = json.loads(cli("-C", notebook, "actions", "--json").stdout)
    assert [(a["id"], a["what"]) for a in listed] == [(action_id, "relancer")]
    assert not git(notebook, "status", "--porcelain")  # written and recorded


def test_the_heading_goes_above_a_pads_copied_text():
    text = CR + "\n<!-- garefil: copie du pad -->\n- [ ] pas une action du carnet\n"
    added = add_item(text, "cr/x.md", "actions", "[ ] Awa — relire ^a-aaaaa")
    assert added == CR + (
        "\n## Actions\n\n- [ ] Awa — relire ^a-aaaaa\n\n"
        "<!-- garefil: copie du pad -->\n- [ ] pas une action du carnet\n"
    )


def test_a_note_of_top_level_sections_gets_a_top_level_heading_crlf_kept():
    text = CR.replace("\n", "\r\n") + "\r\n# Actions\r\n\r\n- [ ] Awa — relire ^a-aaaaa\r\n"
    added = add_item(text, "cr/x.md", "decisions", "Oui. ^d-bbbbb")
    assert added.endswith("^a-aaaaa\r\n\r\n# Décisions\r\n\r\n- Oui. ^d-bbbbb\r\n"), added
    register = read_register(added.split("---\r\n", 2)[2], "cr-1")
    assert [d.id for d in register.decisions] == ["d-bbbbb"]
    assert [a.id for a in register.actions] == ["a-aaaaa"]


def test_an_empty_note_gets_the_heading_alone(tmp_path: Path):
    text = "---\nid: n\ntitle: Vide\n---\n"
    added = add_item(text, "n.md", "actions", "[ ] relire ^a-ccccc")
    assert added == text + "## Actions\n\n- [ ] relire ^a-ccccc\n"


def test_with_only_meetings_to_come_the_refusal_reads_as_french(cli, notebook, monkeypatch):
    monkeypatch.setenv("GAREFIL_TODAY", "2026-11-30 08:00")
    cli("-C", notebook, "reunion", "preparer", "--date", "2026-12-07", "--no-edit")
    said = cli("-C", notebook, "action", "ajouter", "Awa", "x", code=4).stderr
    assert "Aucune réunion tenue où écrire cette action" in said, said
