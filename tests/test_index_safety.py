"""The index never reaches outside `.garefil/index/`, whatever a teammate commits in its place."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import git


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry below `folder` (itself included) with its mode and content."""
    found = {".": (folder.lstat().st_mode, None)}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        data = path.read_bytes() if stat.S_ISREG(info.st_mode) else None
        found[str(path.relative_to(folder))] = (info.st_mode, data)
    return found


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside every notebook, holding a canary file."""
    folder = tmp_path / "dehors"
    folder.mkdir()
    (folder / "canari.txt").write_text("ne pas toucher\n", encoding="utf-8")
    os.chmod(folder / "canari.txt", 0o640)
    os.chmod(folder, 0o751)
    return folder


@pytest.fixture
def two_clones(cli, tmp_path: Path) -> tuple[Path, Path]:
    """Awa's and Karim's clones of one shared notebook with a note, both indexed once."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    awa = tmp_path / "awa"
    cli("init", awa, "--remote", str(remote))
    note = "---\ntitle: Cotisations\n---\nDéclaration des cotisations Urssaf.\n"
    (awa / "cotisations.md").write_text(note, encoding="utf-8")
    git(awa, "add", "-A")
    git(awa, "commit", "-q", "-m", "note")
    git(awa, "push", "-q", "origin", "main")
    karim = tmp_path / "karim"
    cli("init", "--clone", str(remote), karim)
    cli("-C", karim, "list")
    return awa, karim


def commit_link(clone: Path, name: str, target: Path) -> None:
    """What a hostile (or careless) teammate does: force-commit a link where garefil writes."""
    link = clone / ".garefil" / name
    if link.is_dir() and not link.is_symlink():
        shutil.rmtree(link)
    link.unlink(missing_ok=True)
    link.symlink_to(target)
    git(clone, "add", "-f", f".garefil/{name}")
    git(clone, "commit", "-q", "-m", "lien")
    git(clone, "push", "-q", "origin", "main")


def test_a_committed_link_in_place_of_the_index_is_never_followed(cli, two_clones, outside):
    awa, karim = two_clones
    before = snapshot(outside)
    commit_link(awa, "index", outside)
    git(karim, "pull", "-q", "origin", "main")
    assert (karim / ".garefil" / "index").is_symlink()

    listed = cli("-C", karim, "list", "--json")
    hits = cli("-C", karim, "search", "urssaf", "--json")
    report = json.loads(cli("-C", karim, "index", "--rebuild", "--json").stdout)
    assert snapshot(outside) == before

    assert [n["path"] for n in json.loads(listed.stdout)] == ["cotisations.md"]
    assert [h["path"] for h in json.loads(hits.stdout)] == ["cotisations.md"]
    assert report["notes"] == 1
    assert ".garefil/index" in listed.stderr and "git rm" in listed.stderr
    assert (karim / ".garefil" / "index").is_symlink()  # left alone: git tracks it


def test_a_committed_link_in_place_of_the_lock_is_never_followed(cli, two_clones, outside):
    awa, karim = two_clones
    before = snapshot(outside)
    commit_link(awa, "index.lock", outside / "verrou")
    git(karim, "pull", "-q", "origin", "main")
    (karim / "nouvelle.md").write_text("---\ntitle: Nouvelle\n---\nurssaf\n", encoding="utf-8")
    hits = cli("-C", karim, "search", "urssaf", "--json")
    assert snapshot(outside) == before
    assert sorted(h["path"] for h in json.loads(hits.stdout)) == ["cotisations.md", "nouvelle.md"]
    assert ".garefil/index" in hits.stderr


def test_links_inside_the_index_folder_are_removed_never_followed(cli, notebook, outside):
    before = snapshot(outside)
    (notebook / "a.md").write_text("---\ntitle: A\n---\nurssaf\n", encoding="utf-8")
    cli("-C", notebook, "index")
    home = notebook / ".garefil" / "index"
    (home / "g-0123456789abcdef").symlink_to(outside)
    (home / "current").write_text("g-0123456789abcdef\n", encoding="ascii")
    (home / "vieux").symlink_to(outside / "canari.txt")
    result = cli("-C", notebook, "search", "urssaf", "--json")
    assert [h["path"] for h in json.loads(result.stdout)] == ["a.md"]
    cli("-C", notebook, "index", "--rebuild")
    assert not (home / "vieux").is_symlink() and not (home / "g-0123456789abcdef").is_symlink()
    assert snapshot(outside) == before


def test_the_index_is_ignored_by_git_as_a_path_not_only_as_a_folder(notebook, outside):
    (notebook / ".garefil" / "index").symlink_to(outside)
    (notebook / ".garefil" / "index.lock").write_text("", encoding="utf-8")
    assert git(notebook, "status", "--porcelain") == ""


def test_garbage_in_a_whoosh_segment_means_a_rebuild_with_a_notice(cli, notebook):
    (notebook / "a.md").write_text("---\ntitle: A\n---\nurssaf\n", encoding="utf-8")
    cli("-C", notebook, "index")
    for segment in (notebook / ".garefil" / "index").rglob("*.seg"):
        segment.write_bytes(b"\xff" * segment.stat().st_size)  # was [Errno 22], exit 1
    result = cli("-C", notebook, "search", "urssaf", "--json")
    assert [h["path"] for h in json.loads(result.stdout)] == ["a.md"]
    assert "endommagé" in result.stderr


@pytest.fixture
def shared_folder():
    """A folder that another user can read (pytest's own are private to root)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="garefil-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_nobody(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    """garefil run by an unprivileged user: for them the notebook is really read-only."""
    command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    return subprocess.run(
        [*command, sys.executable, "-m", "garefil", *map(str, args)],
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_read_only_notebook_with_an_unindexed_note_still_answers(cli, shared_folder):
    probe = as_nobody("--help", home=shared_folder)
    if os.geteuid() != 0 or shutil.which("setpriv") is None or probe.returncode != 0:
        pytest.skip("needs root, setpriv, and garefil readable by other users")
    notebook = shared_folder / "carnet"
    cli("init", notebook)
    (notebook / "a.md").write_text("---\ntitle: A\n---\nurssaf\n", encoding="utf-8")
    cli("-C", notebook, "index")
    (notebook / "b.md").write_text("---\ntitle: B\n---\nurssaf\n", encoding="utf-8")
    for path in [notebook, *notebook.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    before = snapshot(notebook)

    for command in (("search", "urssaf", "--json"), ("list", "--json"), ("index", "--json")):
        result = as_nobody("-C", notebook, *command, home=shared_folder)
        assert result.returncode == 0, result.stderr
        assert "pas modifiable" in result.stderr
        assert "index.lock" not in result.stderr and "Permission" not in result.stderr
    listed = as_nobody("-C", notebook, "search", "urssaf", "--json", home=shared_folder)
    assert sorted(h["path"] for h in json.loads(listed.stdout)) == ["a.md", "b.md"]
    assert snapshot(notebook) == before


def test_a_huge_note_is_indexed_up_to_the_bound_and_said_cut(cli, notebook):
    from garefil.core.indexing import MAX_INDEXED_CHARS

    filler = "remplissage " * (MAX_INDEXED_CHARS // len("remplissage ") + 1000)
    body = f"Début cotisations.\n{filler}\nFin lointaine.\n"
    (notebook / "enorme.md").write_text(f"---\ntitle: Export\n---\n{body}", encoding="utf-8")
    (notebook / "court.md").write_text("---\ntitle: Court\n---\nlointaine\n", encoding="utf-8")
    report = cli("-C", notebook, "index", "--json")
    assert json.loads(report.stdout)["cut"] == ["enorme.md"]
    assert "enorme.md" in report.stderr and "1 000 000" in report.stderr
    assert found_paths(cli, notebook, "cotisations") == ["enorme.md"]
    assert found_paths(cli, notebook, "lointaine") == ["court.md"]
    again = json.loads(cli("-C", notebook, "index", "--json").stdout)
    assert again["cut"] == ["enorme.md"] and again["added"] == 0  # recorded in the catalogue


def test_a_change_past_what_is_read_of_a_huge_note_is_seen(cli, notebook):
    # Only the beginning is parsed, but the whole file is hashed: a change at its very end,
    # same size, is a change; the same bytes touched again are not.
    from garefil.core.indexing import MAX_READ_BYTES

    path = notebook / "enorme.md"
    head = b"---\ntitle: Export\n---\n"
    path.write_bytes(head + b"x" * (MAX_READ_BYTES + 100) + b"A\n")
    cli("-C", notebook, "index")
    path.write_bytes(head + b"x" * (MAX_READ_BYTES + 100) + b"B\n")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    changed = json.loads(cli("-C", notebook, "index", "--json").stdout)
    assert (changed["updated"], changed["unchanged_content"]) == (1, 0)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    touched = json.loads(cli("-C", notebook, "index", "--json").stdout)
    assert (touched["updated"], touched["unchanged_content"]) == (0, 1)


def found_paths(cli, notebook: Path, query: str) -> list[str]:
    result = cli("-C", notebook, "search", query, "--json")
    return sorted(hit["path"] for hit in json.loads(result.stdout))


def test_the_temporary_index_is_removed_when_the_command_ends(run_garefil, notebook, tmp_path):
    (notebook / "a.md").write_text("---\ntitle: A\n---\nurssaf\n", encoding="utf-8")
    (notebook / ".garefil" / "index").symlink_to(tmp_path / "ailleurs")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = run_garefil("-C", notebook, "search", "urssaf", env={"TMPDIR": str(temporary)})
    assert result.returncode == 0 and "a.md" not in result.stderr
    assert "A" in result.stdout
    assert list(temporary.iterdir()) == []


def test_nothing_is_created_through_a_linked_settings_folder(cli, notebook, tmp_path):
    (notebook / "a.md").write_text("---\ntitle: A\n---\nurssaf\n", encoding="utf-8")
    moved = tmp_path / "reglages-ailleurs"
    (notebook / ".garefil").rename(moved)
    (notebook / ".garefil").symlink_to(moved)
    before = snapshot(moved)
    result = cli("-C", notebook, "search", "urssaf", "--json", code=None)
    assert snapshot(moved) == before
    assert result.exit_code in (0, 12)  # answered from a private index, or refused for safety
