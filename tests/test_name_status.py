"""git's `--name-status -z` listing, read by one parser (adapters/git_worktree.py) wherever
garefil asks git what was renamed: the home screen, `sync`, the merge and the index's history.

Real git output: a rename, a copy, an edit, and names with spaces, accents and newlines (git
writes them as they are with `-z`; only NUL ends a field).
"""

from __future__ import annotations

from pathlib import Path

from conftest import git
from garefil.adapters.git_repo import GitRepository
from garefil.adapters.git_times import recorded_times
from garefil.adapters.git_worktree import GitWorkTree, name_status, renames

LINES = "".join(f"Ligne {n} d'un compte rendu assez long pour être reconnu.\n" for n in range(8))
RENAMED_FROM = "Réunion du lundi.md"
RENAMED_TO = "\nRéunion du\nlundi (été).md"  # even a name that starts with a newline
COPIED_FROM = "fiche é.md"
COPIED_TO = "copie de la fiche é.md"


def two_commits(folder: Path) -> Path:
    """A repository whose second commit renames one file, copies another and edits it."""
    folder.mkdir()
    git(folder, "init", "-q")
    (folder / RENAMED_FROM).write_text(LINES, encoding="utf-8")
    (folder / COPIED_FROM).write_text(LINES.upper(), encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "premier")
    git(folder, "mv", RENAMED_FROM, RENAMED_TO)
    (folder / COPIED_TO).write_text(LINES.upper(), encoding="utf-8")
    (folder / COPIED_FROM).write_text(LINES.upper() + "Une ligne de plus.\n", encoding="utf-8")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "second")
    return folder


def test_each_file_comes_with_its_status_and_its_one_or_two_paths(tmp_path):
    folder = two_commits(tmp_path / "carnet")
    listing = git(folder, "diff", "--name-status", "-z", "-M", "-C", "HEAD~", "HEAD")
    entries = sorted((status[:1], names) for status, names in name_status(listing.split("\0")))
    assert entries == [
        ("C", (COPIED_FROM, COPIED_TO)),
        ("M", (COPIED_FROM,)),
        ("R", (RENAMED_FROM, RENAMED_TO)),
    ]


def test_renames_are_the_renamed_files_only_with_how_alike_they_are(tmp_path):
    folder = two_commits(tmp_path / "carnet")
    listing = git(folder, "diff", "--name-status", "-z", "-M", "-C", "HEAD~", "HEAD")
    assert renames(listing) == [(RENAMED_FROM, RENAMED_TO, 100)]
    assert renames("") == []


def test_a_log_keeps_each_commits_names_as_git_wrote_them(tmp_path):
    """The newline `git log` writes between a commit's header and its files is not part of the
    first name: a name that itself starts with a newline keeps it."""
    folder = two_commits(tmp_path / "carnet")
    head = git(folder, "rev-parse", "HEAD").strip()
    history = GitWorkTree(folder).history(None, head)
    assert history is not None
    first, second = history.commits
    assert sorted(first.paths) == sorted([COPIED_FROM, RENAMED_FROM])
    assert second.renamed == ((RENAMED_FROM, RENAMED_TO),)
    assert RENAMED_TO in second.paths


def test_a_renamed_note_is_followed_to_its_first_name_whatever_its_name(tmp_path):
    folder = two_commits(tmp_path / "carnet")
    first, last = recorded_times(folder, [RENAMED_TO])[RENAMED_TO]
    assert first == recorded_times(folder, [COPIED_FROM])[COPIED_FROM][0]
    assert last == recorded_times(folder, [COPIED_TO])[COPIED_TO][0]


def test_what_a_sync_brings_is_told_under_each_files_own_name(tmp_path):
    """A sync's report (GitRepository.changes) reads the same listing: a renamed note under
    its name and the one it had, whatever characters they hold."""
    folder = two_commits(tmp_path / "carnet")
    first = git(folder, "rev-parse", "HEAD~").strip()
    changes = GitRepository.open(folder).changes(first, "HEAD", folder)
    told = sorted((c.path, c.change, c.old_path, c.authors) for c in changes)
    assert told == [
        (RENAMED_TO, "renamed", RENAMED_FROM, ("Awa Diallo",)),
        (COPIED_TO, "added", None, ("Awa Diallo",)),
        (COPIED_FROM, "modified", None, ("Awa Diallo",)),
    ]
