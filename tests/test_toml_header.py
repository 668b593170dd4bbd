"""Notes written by Hugo or Zola: a TOML header between +++ lines is read, said, never rewritten."""

from __future__ import annotations

import json
from pathlib import Path

TOML = (
    '+++\ntitle = "Toml"\ndate = 2026-11-02\ntags = ["urssaf", "caf"]\nlieu = "Lyon"\n+++\n'
    "\nCorps cotisations.\n"
)


def listed(cli, notebook: Path) -> dict:
    return {n["path"]: n for n in json.loads(cli("-C", notebook, "list", "--json").stdout)}


def test_a_toml_header_gives_the_notes_values(cli, notebook):
    (notebook / "toml.md").write_text(TOML, encoding="utf-8")
    note = listed(cli, notebook)["toml.md"]
    assert note["title"] == "Toml" and note["date"].startswith("2026-11-02")
    assert note["tags"] == ["urssaf", "caf"]
    [hit] = json.loads(cli("-C", notebook, "search", "--json", "cotisations").stdout)
    assert "title" not in hit["snippet"] and "Corps cotisations." in hit["snippet"]
    assert [
        h["path"] for h in json.loads(cli("-C", notebook, "search", "--json", "lieu:lyon").stdout)
    ] == ["toml.md"]


def test_a_toml_header_is_said_by_show_and_jardin(cli, notebook):
    (notebook / "toml.md").write_text(TOML, encoding="utf-8")
    shown = cli("-C", notebook, "show", "toml.md")
    assert "toml.md:1: en-tête TOML : lu, jamais réécrit (garefil écrit en YAML)" in shown.stderr
    found = json.loads(cli("-C", notebook, "jardin", "--json", code=None).stdout)
    assert [(f["path"], f["line"]) for f in found if f["kind"] == "entete-toml"] == [("toml.md", 1)]


def test_a_write_to_a_toml_note_is_refused_and_the_file_kept(cli, notebook):
    (notebook / "toml.md").write_text(TOML, encoding="utf-8")
    result = cli("-C", notebook, "tag", "toml", "rsa", code=5)
    assert "toml.md:1 :" in result.stderr and "TOML" in result.stderr and "---" in result.stderr
    assert "Traceback" not in result.output
    assert (notebook / "toml.md").read_text(encoding="utf-8") == TOML


def test_an_invalid_toml_header_is_one_line_at_its_line(cli, notebook):
    (notebook / "bad.md").write_text('+++\ntitle = "A"\ndate = = 3\n+++\nCorps\n', encoding="utf-8")
    (notebook / "good.md").write_text("---\ntitle: Bonne\n---\nCorps\n", encoding="utf-8")
    result = cli("-C", notebook, "list", "--json")
    said = [line for line in result.stderr.splitlines() if "bad.md" in line]
    assert len(said) == 1 and "bad.md:3:" in said[0] and "TOML" in said[0]
    assert "good.md" in {n["path"] for n in json.loads(result.stdout)}


def test_an_unclosed_toml_header_is_named_by_list_index_and_jardin(cli, notebook):
    (notebook / "open.md").write_text('+++\ntitle = "A"\ndate = 2024-01-01\n\nCorps\n', "utf-8")
    (notebook / "good.md").write_text("---\ntitle: Bonne\n---\nCorps\n", encoding="utf-8")
    said = "open.md:1: le +++ d'ouverture n'a pas de +++ de fermeture"
    listed = cli("-C", notebook, "list", "--json")
    assert said in listed.stderr and "corrigez son en-tête" in listed.stderr
    assert [n["path"] for n in json.loads(listed.stdout)] == ["good.md"]  # the others listed
    assert said in cli("-C", notebook, "index", "--rebuild").stderr
    found = json.loads(cli("-C", notebook, "jardin", "--json", code=None).stdout)
    [broken] = [f for f in found if f["path"] == "open.md"]
    assert broken["line"] == 1 and broken["kind"] == "illisible"
    shown = cli("-C", notebook, "jardin", code=None).stdout
    assert "garefil edit open.md" in shown


def test_show_says_the_toml_header_once(cli, notebook):
    (notebook / "toml.md").write_text(TOML, encoding="utf-8")
    for args in ((), ("--json",)):
        stderr = cli("-C", notebook, "show", "toml.md", *args).stderr
        said = [line for line in stderr.splitlines() if line.startswith("⚠")]
        assert len(said) == 1 and said[0].startswith("⚠ toml.md:1: "), said
        assert said[0].count("en-tête") == 1 and "TOML" in said[0], said[0]


def test_a_broken_toml_header_is_said_once_with_a_toml_hint(cli, notebook):
    (notebook / "toml.md").write_text('+++\ntitle = "Toml\n+++\n\nCorps.\n', encoding="utf-8")
    [said] = cli("-C", notebook, "show", "toml.md").stderr.splitlines()
    assert said.count("en-tête") == 1 and "+++" in said, said
    refused = cli("-C", notebook, "tag", "toml.md", "rsa", code=5).stderr
    assert refused.count("en-tête") == 1 and "YAML" not in refused and "`+++`" in refused, refused
