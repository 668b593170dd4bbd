"""The index's freshness asked of git (core/freshness.py): every change a walk of the folder
would see is still seen, whatever git shows of it, and the walk comes back when git cannot tell.

Real repositories and the real CLI; the notes are written by hand, as another tool would.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def write(folder: Path, relative: str, title: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntype: note\ntitle: {title}\n---\n\nTexte.\n", encoding="utf-8")
    return path


def titles(cli, folder: Path) -> dict[str, str]:
    """Path → title of every note, as the refreshed index lists them."""
    listed = json.loads(cli("-C", folder, "list", "--json").stdout)
    return {note["path"]: note["title"] for note in listed}


def recorded_mark(folder: Path) -> list | None:
    """The work tree's state recorded with the catalogue (None when there is none)."""
    home = folder / ".garefil" / "index"
    catalogue = home / (home / "current").read_text().strip() / "catalogue.sqlite"
    with sqlite3.connect(catalogue) as db:
        row = db.execute("SELECT value FROM meta WHERE key = 'freshness'").fetchone()
    return None if row is None else json.loads(row[0])


@pytest.fixture
def book(cli, notebook):
    """A notebook with two committed notes, indexed."""
    write(notebook, "notes/a.md", "Alpha")
    write(notebook, "notes/b.md", "Bravo")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "deux notes")
    assert titles(cli, notebook) == {"notes/a.md": "Alpha", "notes/b.md": "Bravo"}
    return notebook


def test_the_index_records_the_commit_it_matches_so_git_can_say_what_changed(cli, book):
    titles(cli, book)
    head, unsettled, links = recorded_mark(book)
    assert head == git(book, "rev-parse", "HEAD")
    assert links == []
    write(book, "notes/c.md", "Charlie")  # untracked: named by git status, recorded as such
    titles(cli, book)
    assert "notes/c.md" in recorded_mark(book)[1]


def test_untracked_edited_deleted_and_renamed_notes_are_all_seen(cli, book):
    titles(cli, book)
    write(book, "notes/c.md", "Charlie")  # untracked
    write(book, "notes/a.md", "Alpha bis")  # edited by hand, not committed
    (book / "notes/b.md").unlink()  # deleted, not committed
    assert titles(cli, book) == {"notes/a.md": "Alpha bis", "notes/c.md": "Charlie"}
    git(book, "add", "-A")
    git(book, "commit", "-qm", "suite")
    git(book, "mv", "notes/c.md", "notes/d.md")  # a rename, staged
    assert titles(cli, book) == {"notes/a.md": "Alpha bis", "notes/d.md": "Charlie"}
    git(book, "commit", "-qm", "renommée")
    assert titles(cli, book) == {"notes/a.md": "Alpha bis", "notes/d.md": "Charlie"}


def test_a_file_edited_again_or_put_back_as_committed_is_read_again(cli, book):
    write(book, "notes/a.md", "Alpha 2")
    assert titles(cli, book)["notes/a.md"] == "Alpha 2"  # indexed while not clean
    write(book, "notes/a.md", "Alpha 3")  # the same size, again not committed
    assert titles(cli, book)["notes/a.md"] == "Alpha 3"
    git(book, "checkout", "--", "notes/a.md")  # clean again: git no longer names it
    assert titles(cli, book)["notes/a.md"] == "Alpha"


def test_a_head_moved_by_reset_or_checkout_is_followed(cli, book):
    first = git(book, "rev-parse", "HEAD")
    write(book, "notes/a.md", "Alpha 2")
    write(book, "notes/e.md", "Echo")
    git(book, "add", "-A")
    git(book, "commit", "-qm", "plus")
    assert titles(cli, book)["notes/a.md"] == "Alpha 2"
    git(book, "reset", "-q", "--hard", first)
    assert titles(cli, book) == {"notes/a.md": "Alpha", "notes/b.md": "Bravo"}
    git(book, "checkout", "-q", "HEAD@{1}")  # the later commit again
    assert titles(cli, book)["notes/e.md"] == "Echo"


def test_a_recorded_commit_that_is_gone_means_a_walk(cli, book):
    write(book, "notes/a.md", "Alpha 2")
    git(book, "commit", "-qam", "oubliée bientôt")
    titles(cli, book)  # the index records this commit
    git(book, "reset", "-q", "--hard", "HEAD~1")
    git(book, "reflog", "expire", "--expire=now", "--all")
    git(book, "gc", "-q", "--prune=now")
    assert titles(cli, book)["notes/a.md"] == "Alpha"


def test_ignored_notes_and_ignored_folders_are_seen_as_the_walk_sees_them(cli, book):
    (book / ".gitignore").write_text("*.brouillon.md\nprive/\n", encoding="utf-8")
    git(book, "add", ".gitignore")
    git(book, "commit", "-qm", "ignorés")
    titles(cli, book)
    write(book, "notes/x.brouillon.md", "Brouillon")  # an ignored file: git names it
    write(book, "prive/y.md", "Privée")  # in an ignored folder: git names only the folder
    seen = titles(cli, book)
    assert seen["notes/x.brouillon.md"] == "Brouillon" and seen["prive/y.md"] == "Privée"
    write(book, "prive/y.md", "Privée 2")
    (book / "notes/x.brouillon.md").unlink()
    seen = titles(cli, book)
    assert seen["prive/y.md"] == "Privée 2" and "notes/x.brouillon.md" not in seen


def test_a_note_that_is_a_link_follows_its_target(cli, book):
    os.symlink("a.md", book / "notes/lien.md")
    git(book, "add", "-A")
    git(book, "commit", "-qm", "lien")
    assert titles(cli, book)["notes/lien.md"] == "Alpha"
    write(book, "notes/a.md", "Alpha 2")
    git(book, "commit", "-qam", "cible changée")
    assert titles(cli, book)["notes/lien.md"] == "Alpha 2"


def test_a_nested_repository_is_walked(cli, book):
    inner = book / "ailleurs"
    write(inner, "z.md", "Zoulou")
    git(inner, "init", "-q")
    assert titles(cli, book)["ailleurs/z.md"] == "Zoulou"
    write(inner, "z.md", "Zoulou 2")
    assert titles(cli, book)["ailleurs/z.md"] == "Zoulou 2"


def test_a_notebook_without_git_or_without_a_commit_is_walked(cli, tmp_path):
    folder = tmp_path / "sans-git"
    cli("init", folder)
    shutil.rmtree(folder / ".git")
    write(folder, "n.md", "Novembre")
    assert titles(cli, folder)["n.md"] == "Novembre"
    write(folder, "n.md", "Novembre 2")
    assert titles(cli, folder)["n.md"] == "Novembre 2"
    git(folder, "init", "-q")  # a repository with no commit yet
    write(folder, "n.md", "Novembre 3")
    assert titles(cli, folder)["n.md"] == "Novembre 3"


def test_a_full_build_lets_git_settle_a_checkout_made_in_the_same_second(cli, book, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(book), str(clone))
    index = clone / ".git" / "index"
    # As right after a clone: the files written in the very second git wrote its index, which
    # every later `git status` (run without taking git's lock) must then read back whole.
    stamp = index.stat().st_mtime_ns
    for note in clone.rglob("*.md"):
        os.utime(note, ns=(stamp, stamp))
    content = index.read_bytes()
    cli("-C", clone, "index")
    # git wrote its index again, after the files: they are no longer read back at each status.
    assert index.stat().st_mtime_ns > stamp
    assert index.read_bytes() == content and git(clone, "status", "--porcelain") == ""
    settled = index.stat().st_mtime_ns
    cli("-C", clone, "index")  # nothing to build: git's index is left alone, as reads leave it
    cli("-C", clone, "list")
    assert index.stat().st_mtime_ns == settled
