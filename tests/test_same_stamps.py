"""A note changed without its size or modification time changing is still read again.

A restore by `cp -p` or `rsync -t`, a `touch -r`, or an edit written in the very second the index
was brought up to date, leaves a file of the same size and mtime: the index must still see the
new text (core/freshness.py). Real notebooks, the real CLI, a real index; the files are changed
by hand, as those tools change them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=True)


def write(path: Path, word: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntype: note\ntitle: Titre {word}\n---\n\nLe mot {word}.\n", "utf-8")
    return path


def same_stamps(path: Path, word: str) -> None:
    """Rewrite `path` with `word` (of the same length), then put its times back."""
    before = path.stat()
    write(path, word)
    assert path.stat().st_size == before.st_size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def found(cli, folder: Path, word: str) -> list[str]:
    """The paths `search` finds for `word`."""
    result = cli("-C", folder, "search", word, "--json", code=None)
    assert result.exit_code in (0, 1), result.output
    return sorted(hit["path"] for hit in json.loads(result.stdout or "[]"))


def listed_titles(cli, folder: Path) -> dict[str, str]:
    return {n["path"]: n["title"] for n in json.loads(cli("-C", folder, "list", "--json").stdout)}


def test_edits_that_keep_size_and_mtime_are_indexed(cli, notebook, tmp_path):
    write(notebook / "a.md", "pomme")  # not committed
    write(notebook / "b.md", "pomme")
    git(notebook, "add", "b.md")
    git(notebook, "commit", "-qm", "b")
    copied = write(notebook / "c.md", "pomme")
    # another version of c.md, of the same size, dated as the note is: `cp -p` restores it
    other = write(tmp_path / "sauvegarde" / "c.md", "prune")
    os.utime(other, ns=(copied.stat().st_mtime_ns,) * 2)
    walked = tmp_path / "sans-git"  # no git: the folder is walked
    cli("init", walked)
    shutil.rmtree(walked / ".git")
    write(walked / "n.md", "pomme")
    time.sleep(2.1)  # past the moments when a file may change again with the same stamps
    assert found(cli, notebook, "pomme") == ["a.md", "b.md", "c.md"]
    assert found(cli, walked, "pomme") == ["n.md"]
    same_stamps(notebook / "a.md", "poire")
    same_stamps(notebook / "b.md", "poire")
    subprocess.run(["cp", "-p", str(other), str(copied)], check=True)
    same_stamps(walked / "n.md", "poire")
    assert found(cli, notebook, "poire") == ["a.md", "b.md"]
    assert found(cli, notebook, "prune") == ["c.md"]
    assert found(cli, notebook, "pomme") == []
    assert listed_titles(cli, notebook)["b.md"] == "Titre poire"
    assert found(cli, walked, "poire") == ["n.md"]


def test_an_edit_in_the_same_tick_as_the_index_is_read_again(cli, notebook):
    """Written just before the index read it: its stamps cannot be trusted, its content is
    compared the next time, even when the file's times all look the same."""
    note = write(notebook / "a.md", "pomme")
    assert found(cli, notebook, "pomme") == ["a.md"]  # indexed at once: ambiguous
    same_stamps(note, "poire")
    assert found(cli, notebook, "poire") == ["a.md"]


def test_a_file_read_in_its_own_tick_is_recorded_as_to_be_compared():
    from garefil.core.freshness import FileState, as_recorded
    from garefil.core.indexing import plan

    now = time.time_ns()
    fresh = FileState("a.md", 10, now - 1_000_000, now - 1_000_000)
    recorded = as_recorded(fresh, now)
    # the same stamps on the disk later on: still planned as changed, so its content is compared
    assert plan([fresh], {"a.md": recorded}).changed == (fresh,)
    old = FileState("b.md", 10, now - 10**10, now - 10**10)
    assert plan([old], {"b.md": as_recorded(old, now)}).empty


def test_a_file_touched_not_changed_needs_no_lock(cli, notebook, monkeypatch):
    """Its content is compared without the index lock: a command answers at once even while
    another garefil writes the index, and records the new stamps when it can."""
    import fcntl

    note = write(notebook / "a.md", "pomme")
    assert found(cli, notebook, "pomme") == ["a.md"]
    stamp = note.stat().st_mtime_ns + 5_000_000_000
    os.utime(note, ns=(stamp, stamp))
    monkeypatch.setenv("GAREFIL_INDEX_WAIT", "0")
    with open(notebook / ".garefil" / "index.lock", "a", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as another garefil writing the index does
        assert found(cli, notebook, "pomme") == ["a.md"]
        assert listed_titles(cli, notebook) == {"a.md": "Titre pomme"}
    report = json.loads(cli("-C", notebook, "index", "--json").stdout)
    assert (report["updated"], report["added"]) == (0, 0)
