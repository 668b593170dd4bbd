"""`show NOTE --version VERSION`: a note as it was in one version of the notebook, with the
versions `history` lists; also a note renamed or deleted since (coaches read the past with
garefil, not with git)."""

from __future__ import annotations

from pathlib import Path

from conftest import git


def versions(cli, notebook: Path, ref: str) -> list[str]:
    """The versions `history` lists for `ref`, newest first (its last column: the change
    stays the third, where scripts read it)."""
    rows = [
        row.split("\t")
        for row in cli("-C", notebook, "history", ref, "--format", "tsv").stdout.splitlines()
    ]
    assert rows[0][2:] == ["modification", "version"], rows[0]
    return [row[3] for row in rows[1:]]


def budget_written_tagged_renamed(cli, notebook: Path) -> tuple[str, list[str]]:
    """A note written, tagged, renamed: its id and its versions (`history`)."""
    cli("-C", notebook, "new", "note", "--title", "Budget", "--body", "Première.", "--no-edit")
    [path] = notebook.rglob("*budget*.md")
    note_id = path.stem.rsplit("-", 1)[-1]
    cli("-C", notebook, "tag", note_id, "urssaf")
    cli("-C", notebook, "mv", note_id, "Budget 2025")
    return note_id, versions(cli, notebook, note_id)


def test_history_lists_the_versions_show_gives_back(cli, notebook):
    note_id, listed = budget_written_tagged_renamed(cli, notebook)
    assert len(listed) == 3 and all(len(v) == 7 for v in listed), listed
    renamed, tagged, written = listed
    first = cli("-C", notebook, "show", note_id, "--version", written)
    assert "title: Budget\n" in first.stdout and "urssaf" not in first.stdout
    assert f"telle qu'elle était dans la version {written}" in first.stderr, first.stderr
    # Named by its id now, found under the name it had then: the rename is followed.
    assert "urssaf" in cli("-C", notebook, "show", note_id, "--commit", tagged).stdout
    assert "title: Budget 2025" in cli("-C", notebook, "show", note_id, "--version", renamed).stdout


def test_a_deleted_note_is_shown_by_the_path_it_had(cli, notebook):
    note_id, (renamed, *_) = budget_written_tagged_renamed(cli, notebook)
    [path] = [p.relative_to(notebook).as_posix() for p in notebook.rglob("*budget*.md")]
    said = cli("-C", notebook, "rm", note_id, "--oui").stderr
    # `rm` gives the command that reads the note again, as it was last.
    assert f"`garefil show {path} --version {renamed}` montre la dernière" in said, said
    shown = cli("-C", notebook, "show", path, "--version", renamed, "--json")
    assert '"title": "Budget 2025"' in shown.stdout and renamed in shown.stdout


def test_a_deleted_note_is_shown_by_its_id_and_its_story_told_by_its_old_paths(cli, notebook):
    note_id, (renamed, tagged, written) = budget_written_tagged_renamed(cli, notebook)
    [path] = [p.relative_to(notebook).as_posix() for p in notebook.rglob("*budget*.md")]
    full_id = cli("-C", notebook, "list", "--json").stdout.split('"id": "')[1].split('"')[0]
    first_path = git(notebook, "show", "--name-only", "--format=", written).strip()
    cli("-C", notebook, "rm", note_id, "--oui")
    for ref in (note_id, full_id):  # the id it had names it in the versions that hold it
        shown = cli("-C", notebook, "show", ref, "--version", renamed).stdout
        assert "title: Budget 2025" in shown, (ref, shown)
    # The versions `history` lists for the path it had, and for the one before its rename.
    assert versions(cli, notebook, path)[1:] == [renamed, tagged, written]
    assert written in versions(cli, notebook, first_path)


def test_a_version_without_the_note_or_no_version_at_all_is_said_in_one_line(cli, notebook):
    note_id, _listed = budget_written_tagged_renamed(cli, notebook)
    said = cli("-C", notebook, "show", note_id, "--version", "zzz9", code=4).stderr
    assert said.startswith("erreur : Aucune version « zzz9 » dans l'historique du carnet."), said
    # The notebook's first version was made before the note: it does not hold it.
    created = git(notebook, "rev-list", "--max-parents=0", "--abbrev-commit", "HEAD").strip()
    said = cli("-C", notebook, "show", note_id, "--version", created, code=4).stderr
    assert f"n'est pas dans la version {created} du carnet" in said, said
    assert "Traceback" not in said


def test_a_version_of_a_long_story_costs_a_few_git_commands_not_one_per_change(
    cli, notebook, tmp_path, monkeypatch
):
    # A note changed in 40 commits, then renamed: finding the path it had in its first
    # version walks its story once, however long (git says each command it runs in the trace).
    note = notebook / "suivi.md"
    note.write_text("---\nid: pus7e\ntitle: Suivi\n---\n", encoding="utf-8")
    git(notebook, "add", "suivi.md")
    git(notebook, "commit", "-qm", "suivi")
    first = git(notebook, "rev-parse", "--short", "HEAD").strip()
    for change in range(40):
        with note.open("a", encoding="utf-8") as handle:
            handle.write(f"Ligne {change}.\n")
        git(notebook, "commit", "-qam", f"ligne {change}")
    git(notebook, "mv", "suivi.md", "suivi-2025.md")
    git(notebook, "commit", "-qm", "renommée")
    cli("-C", notebook, "index")
    trace = tmp_path / "git-trace.json"
    monkeypatch.setenv("GIT_TRACE2_EVENT", str(trace))
    shown = cli("-C", notebook, "show", "pus7e", "--version", first).stdout
    assert "title: Suivi" in shown and "Ligne 0." not in shown
    started = trace.read_text(encoding="utf-8").count('"event":"start"')
    assert started < 15, started
