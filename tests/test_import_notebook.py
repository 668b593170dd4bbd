"""`garefil import` of another garefil notebook: its notes keep their ids and names, its hidden
folders and its own pages are passed in a few lines, and nothing of the notebook is overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import frontmatter

from conftest import git


def other_notebook(cli, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Another team's notebook, with its sommaire: its notes' paths by id."""
    folder = tmp_path / "autre-carnet"
    cli("init", folder)
    cli("-C", folder, "config", "user", "Karim Benali", "karim@example.org")
    made = {}
    for args in (
        ("cr", "--entrepreneur", "Jean Dupont", "--title", "Point statut", "--date", "2024-03-01"),
        ("note", "--title", "Idée de permanence", "--date", "2024-05-02"),
    ):
        note_id, path = cli("-C", folder, "new", *args, "--no-edit").stdout.strip().split("\t")
        made[note_id] = path
    cli("-C", folder, "sommaire")
    (folder / ".obsidian").mkdir()
    (folder / ".obsidian" / "app.md").write_text("config\n", encoding="utf-8")
    return folder, made


def imported(cli, notebook: Path, source: Path, *options: str) -> tuple[dict, str]:
    result = cli("-C", notebook, "import", source, "--json", *options)
    return json.loads(result.stdout), result.stderr


def test_a_garefil_notebook_s_notes_keep_their_ids_and_names(cli, notebook, tmp_path, git_defaults):
    cli("-C", notebook, "config", "user", "Zoé Test", "zoe@example.org")
    source, made = other_notebook(cli, tmp_path)
    report, said = imported(cli, notebook, source)
    assert {n["id"]: n["path"] for n in report["imported"]} == made
    assert all(n["notice"] is None for n in report["imported"])
    cr = frontmatter.load(notebook / made[next(iter(made))])
    assert cr["entrepreneur"] == "Jean Dupont" and "id_origine" not in cr
    assert "jean-dupont" in made[cr["id"]]
    # Hidden folders and files in one line; the other notebook's pages are no notes.
    hidden = [line for line in said.splitlines() if ".git/" in line]
    assert len(hidden) == 1 and ".garefil/" in hidden[0] and ".gitignore" in hidden[0]
    assert not any(line.startswith((".git", ".garefil")) for line in said.splitlines())
    assert {"SOMMAIRE.md", "sommaire/"} <= {s["source"] for s in report["skipped"]}
    assert "2 notes importées" in said
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert {n["id"] for n in listed} == set(made)
    again, _ = imported(cli, notebook, source)
    assert again["imported"] == []


def test_a_taken_id_or_name_gets_a_fresh_one_and_it_is_said(git_defaults, cli, notebook, tmp_path):
    cli("-C", notebook, "config", "user", "Zoé Test", "zoe@example.org")
    source, made = other_notebook(cli, tmp_path)
    (cr_id, cr_path), (_idea_id, idea_path) = made.items()
    # Here, a coach once copied the CR by hand, and wrote a note under the idea's file name.
    (notebook / "divers").mkdir()
    (notebook / "divers" / "copie.md").write_text(f"---\nid: {cr_id}\n---\nCopie\n", "utf-8")
    (notebook / idea_path).parent.mkdir(parents=True)
    (notebook / idea_path).write_text("---\ntitle: Une autre\n---\nÀ moi\n", encoding="utf-8")
    mine = (notebook / idea_path).read_bytes()
    git(notebook, "add", ".")
    git(notebook, "commit", "-qm", "notes à la main")
    dry, _ = imported(cli, notebook, source, "--dry-run")
    report, said = imported(cli, notebook, source)
    assert dry["imported"] == report["imported"]
    by_source = {n["source"]: n for n in report["imported"]}
    cr = by_source[cr_path]
    assert cr["id"] != cr_id and cr["id"].startswith("2024-03-01-cr-")
    assert "jean-dupont-point-statut" in cr["path"] and cr["path"] != cr_path
    assert cr_id in cr["notice"] and cr["id"] in cr["notice"] and cr["notice"] in said
    assert frontmatter.load(notebook / cr["path"])["id_origine"] == cr_id
    idea = by_source[idea_path]
    assert idea["path"] != idea_path and idea["path"] in idea["notice"] and idea["notice"] in said
    assert (notebook / idea_path).read_bytes() == mine  # never overwritten
    assert "2 notes importées" in said
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert len({n["id"] for n in listed}) == len(listed) == 4
