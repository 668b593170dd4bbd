"""Read commands answer from the catalogue without building an entry per note (core/indexing.py:
`IndexReport` asks the catalogue only what each command shows), and never from a stale one.

Real repositories, the real CLI, notes changed by hand, by a pull, by git itself.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import tracemalloc
from pathlib import Path

import pytest


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def write(folder: Path, relative: str, title: str, tags: str = "suivi", body: str = "") -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = f"---\ntype: note\ntitle: {title}\ntags: [{tags}]\n---\n\nTexte.\n{body}"
    path.write_text(text, encoding="utf-8")
    return path


def listed(cli, folder: Path, *args: str) -> dict[str, str]:
    """Path → title of the notes `list` shows with `args`."""
    notes = json.loads(cli("-C", folder, "list", *args, "--json").stdout)
    return {note["path"]: note["title"] for note in notes}


def tags(cli, folder: Path) -> dict[str, int]:
    return {t["tag"]: t["count"] for t in json.loads(cli("-C", folder, "tags", "--json").stdout)}


def tally(cli, folder: Path) -> dict:
    return json.loads(cli("-C", folder, "index", "--json").stdout)


@pytest.fixture
def book(cli, notebook):
    """A notebook with three committed notes, indexed, git recording what the index matches."""
    write(notebook, "notes/a.md", "Alpha", "urssaf")
    write(notebook, "notes/b.md", "Bravo")
    write(notebook, "notes/c.md", "Charlie")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "trois notes")
    assert tally(cli, notebook)["notes"] == 3
    return notebook


def peak_of(cli, folder: Path, *args: str) -> int:
    """The most memory the command `args` held at once, in bytes (its second run: the first
    one may still import modules or record git's state)."""
    cli("-C", folder, *args)
    tracemalloc.start()
    try:
        cli("-C", folder, *args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def notebook_of(cli, folder: Path, count: int) -> Path:
    cli("init", folder)
    for number in range(count):
        write(folder, f"notes/n{number:04}.md", f"Note {number}", "rare" if number == 1 else "x")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "des notes")
    cli("-C", folder, "index")
    return folder


def test_a_fresh_index_answers_without_building_an_entry_per_note(cli, tmp_path):
    small = notebook_of(cli, tmp_path / "petit", 30)
    large = notebook_of(cli, tmp_path / "grand", 330)
    for command in (("list", "--tag", "rare"), ("show", "notes/n0001.md"), ("index",)):
        growth = peak_of(cli, large, *command) - peak_of(cli, small, *command)
        # Building every entry costs about 700 bytes a note at the peak: 300 more notes would
        # add some 200 kB. Asking the catalogue for the few rows shown adds next to nothing.
        assert growth < 300 * 150, (command, growth)
    # A note named by its id is found among the ids alone (a column), no note decoded.
    growth = peak_of(cli, large, "show", "n0001") - peak_of(cli, small, "show", "n0001")
    assert growth < 300 * 150, growth


def test_a_note_edited_by_hand_is_shown_as_it_is_now(cli, book):
    assert listed(cli, book, "--tag", "urssaf") == {"notes/a.md": "Alpha"}
    write(book, "notes/b.md", "Bravo bis", "urssaf")
    write(book, "notes/a.md", "Alpha bis")
    assert listed(cli, book, "--tag", "urssaf") == {"notes/b.md": "Bravo bis"}
    assert tags(cli, book) == {"suivi": 2, "urssaf": 1}
    assert "Alpha bis" in cli("-C", book, "show", "notes/a.md").stdout


def test_a_pull_of_a_teammates_edits_is_seen_by_every_read(cli, team):
    write(team.awa, "notes/a.md", "Alpha", "urssaf")
    write(team.awa, "notes/b.md", "Bravo")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    assert tags(cli, team.awa) == {"suivi": 1, "urssaf": 1}
    write(team.karim, "notes/b.md", "Bravo de Karim", "urssaf")
    (team.karim / "notes/a.md").unlink()
    write(team.karim, "notes/d.md", "Delta", "cape")
    cli("-C", team.karim, "sync")
    git(team.awa, "pull", "-q", "--no-rebase")  # by git itself, not by garefil
    assert listed(cli, team.awa, "--tag", "urssaf") == {"notes/b.md": "Bravo de Karim"}
    assert tags(cli, team.awa) == {"cape": 1, "urssaf": 1}
    assert "Delta" in cli("-C", team.awa, "show", "notes/d.md").stdout
    assert tally(cli, team.awa)["notes"] == 2


def test_deleted_and_renamed_notes_leave_every_read(cli, book):
    (book / "notes/c.md").unlink()
    assert tags(cli, book) == {"suivi": 1, "urssaf": 1}
    git(book, "add", "-A")
    git(book, "mv", "notes/a.md", "notes/z.md")
    git(book, "commit", "-qm", "rangement")
    assert listed(cli, book, "--tag", "urssaf") == {"notes/z.md": "Alpha"}
    assert "Alpha" in cli("-C", book, "show", "notes/z.md").stdout
    cli("-C", book, "show", "notes/a.md", code=4)
    assert tally(cli, book) | {"added": 0} == tally(cli, book) and tally(cli, book)["notes"] == 2


def test_a_conflict_copy_appearing_is_counted_and_said(cli, book):
    assert "garefil status" not in cli("-C", book, "list").stderr
    write(book, "notes/b.conflit-karim.md", "Bravo selon Karim")
    assert "1 conflit" in cli("-C", book, "list").stderr
    assert tally(cli, book)["conflict_copies"] == 1
    assert "notes/b.conflit-karim.md" not in listed(cli, book)
    assert tags(cli, book) == {"suivi": 2, "urssaf": 1}


def test_a_broken_note_and_a_link_leading_out_appearing_are_reported(cli, book, tmp_path):
    (book / "notes/casse.md").write_text("---\ntitle: [oups\n---\n", encoding="utf-8")
    outside = write(tmp_path, "dehors.md", "Dehors")
    os.symlink(outside, book / "notes/lien.md")
    shown = cli("-C", book, "list")
    assert "notes/casse.md" in shown.stderr and "notes/lien.md" in shown.stderr
    counts = tally(cli, book)
    assert (counts["notes"], counts["unreadable"], counts["links_skipped"]) == (3, 1, 1)
    (book / "notes/casse.md").write_text("---\ntitle: Réparée\n---\n", encoding="utf-8")
    assert "notes/casse.md" not in cli("-C", book, "list").stderr
    assert listed(cli, book)["notes/casse.md"] == "Réparée"


def test_a_decision_written_by_hand_enters_and_leaves_the_register(cli, book):
    decided = "\n## Décisions\n\n- On garde le lundi.\n"
    write(book, "notes/b.md", "Bravo", body=decided)
    found = json.loads(cli("-C", book, "decisions", "--json").stdout)
    assert [d["text"] for d in found] == ["On garde le lundi."]
    git(book, "add", "-A")
    git(book, "commit", "-qm", "décision")
    write(book, "notes/b.md", "Bravo")
    assert json.loads(cli("-C", book, "decisions", "--json").stdout) == []


def test_a_row_damaged_in_the_catalogue_is_said_in_one_line_and_rebuilt(cli, book):
    home = book / ".garefil" / "index"
    catalogue = home / (home / "current").read_text().strip() / "catalogue.sqlite"
    with sqlite3.connect(catalogue) as db:  # rows are read only when asked for: after the check
        db.execute("UPDATE entries SET note = '[oups' WHERE path = 'notes/b.md'")
        db.execute("UPDATE entries SET problem = 'oups' WHERE path = 'notes/c.md'")
    failed = cli("-C", book, "list", code=10)
    assert "Traceback" not in failed.stderr and len(failed.stderr.strip().splitlines()) == 2
    assert set(listed(cli, book)) == {"notes/a.md", "notes/b.md", "notes/c.md"}
