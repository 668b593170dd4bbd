"""Reading and writing note files safely: links that lead outside, foreign encodings, temp files.

The attacks come as a teammate's commits: a bare repository as the shared remote, one clone
committing, the other pulling with plain git, as a coach would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import git

SECRET = "-----BEGIN OPENSSH PRIVATE KEY----- cle-tres-secrete-4f9a"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "home-ssh" / "id_rsa"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


@pytest.fixture
def two_clones(cli, tmp_path: Path) -> tuple[Path, Path]:
    """A shared bare repository; A publishes the notebook, B clones it with plain git."""
    remote = tmp_path / "partage.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    a = tmp_path / "a"
    cli("init", a, "--remote", str(remote))
    cli("-C", a, "sync")
    b = tmp_path / "b"
    git(tmp_path, "clone", "-q", str(remote), str(b))
    return a, b


def push_link(a: Path, link: str, target: Path) -> None:
    """Teammate A force-commits a symbolic link and pushes it with plain git."""
    (a / link).parent.mkdir(parents=True, exist_ok=True)
    (a / link).symlink_to(target)
    git(a, "add", "-f", link)
    git(a, "commit", "-qm", "modèle")
    git(a, "push", "-q", "origin", "HEAD")


def assert_secret_nowhere(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and ".git" not in path.parts:
            assert "cle-tres-secrete" not in path.read_text("utf-8", "replace"), path
    history = git(folder, "log", "-p", "--all", "--binary")
    assert "cle-tres-secrete" not in history


def test_a_committed_template_link_to_a_secret_is_refused(cli, two_clones, secret):
    a, b = two_clones
    push_link(a, ".garefil/templates/cr.md", secret)
    git(b, "pull", "-q")
    result = cli("-C", b, "new", "cr", "--no-edit", code=12)
    assert ".garefil/templates/cr.md" in result.stderr
    assert "lien symbolique" in result.stderr and "Traceback" not in result.stderr
    assert len([line for line in result.stderr.splitlines() if "erreur" in line]) == 1
    assert_secret_nowhere(b)
    assert not list(b.glob("cr/**/*.md"))


def test_a_committed_config_link_to_a_secret_is_refused(cli, two_clones, secret):
    a, b = two_clones
    git(a, "rm", "-q", ".garefil/config.toml")
    push_link(a, ".garefil/config.toml", secret)
    git(b, "pull", "-q")
    result = cli("-C", b, "list", code=12)
    assert ".garefil/config.toml" in result.stderr
    assert "cle-tres-secrete" not in result.stderr + result.stdout


def test_a_note_folder_linked_outside_is_never_written_through(cli, notebook, tmp_path):
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (notebook / "divers").symlink_to(outside)
    result = cli("-C", notebook, "new", "note", "--title", "Fuite", "--no-edit", code=12)
    assert "divers/" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_note_linked_outside_is_skipped_and_reported(cli, notebook, tmp_path):
    outside = tmp_path / "passwd"
    outside.write_text("root:x:0:0:motsecret:/root:/bin/bash\n", encoding="utf-8")
    (notebook / "passwd.md").symlink_to(outside)
    (notebook / "vraie.md").write_text("# Vraie\nmotsecret cité\n", encoding="utf-8")
    listed = cli("-C", notebook, "list", "--json")
    assert [n["path"] for n in json.loads(listed.stdout)] == ["vraie.md"]
    assert "passwd.md: lien symbolique ignoré" in listed.stderr and ":0" not in listed.stderr
    assert "remplacez le lien" in listed.stderr and "en-tête" not in listed.stderr
    found = cli("-C", notebook, "search", "motsecret", "--json")
    assert [hit["path"] for hit in json.loads(found.stdout)] == ["vraie.md"]
    assert "root:x" not in found.stdout
    shown = cli("-C", notebook, "show", "passwd.md", code=12)
    assert "root:x" not in shown.stdout + shown.stderr


def test_a_link_inside_the_notebook_is_read(cli, notebook):
    (notebook / "divers").mkdir()
    (notebook / "divers" / "vraie.md").write_text("# Vraie\n", encoding="utf-8")
    (notebook / "alias.md").symlink_to(notebook / "divers" / "vraie.md")
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert sorted(n["path"] for n in listed) == ["alias.md", "divers/vraie.md"]
    assert "# Vraie" in cli("-C", notebook, "show", "alias.md").stdout


def test_a_link_to_nothing_is_refused_not_said_missing(cli, notebook):
    # A teammate's link to their own files: « Aucune note ne correspond » (exit 4) sent the
    # coach looking for a note that was never there.
    (notebook / "hostile").mkdir()
    (notebook / "hostile" / "lien.md").symlink_to("/nulle/part/note.md")
    shown = cli("-C", notebook, "show", "hostile/lien.md", code=12)
    assert shown.stderr.startswith("erreur : hostile/lien.md est un lien symbolique"), shown.stderr
    cli("-C", notebook, "rm", "hostile/lien.md", "--oui")  # the way out still works
    assert not (notebook / "hostile" / "lien.md").is_symlink()


LATIN1 = "---\ntitle: Réunion d'été\ntags: [été]\n---\nCotisations payées.\n"


UNFAITHFUL = {
    "latin1.md": LATIN1.encode("latin-1"),
    "utf16.md": LATIN1.encode("utf-16"),
    "binaire.md": b"\x00\x01\x02\xff\xfe binaire \x00" * 20,
}


def test_tag_never_rewrites_a_note_it_cannot_read_faithfully(cli, notebook):
    for name, data in UNFAITHFUL.items():
        (notebook / name).write_bytes(data)
    for name, data in UNFAITHFUL.items():
        result = cli("-C", notebook, "tag", name, "cpam", code=5)
        assert name in result.stderr
        assert (notebook / name).read_bytes() == data
    utf16 = cli("-C", notebook, "tag", "utf16.md", "cpam", code=5).stderr
    assert "UTF-16" in utf16 and "iconv -f utf-16" in utf16 and "latin1" not in utf16


def test_notes_in_another_encoding_are_listed_and_found(cli, notebook):
    for name in ("latin1.md", "utf16.md"):
        (notebook / name).write_bytes(UNFAITHFUL[name])
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [(n["title"], n["tags"]) for n in listed] == [("Réunion d'été", ["ete"])] * 2
    found = json.loads(cli("-C", notebook, "search", "payées", "--json").stdout)
    assert sorted(hit["path"] for hit in found) == ["latin1.md", "utf16.md"]
    shown = cli("-C", notebook, "show", "latin1.md")
    assert "Réunion d'été" in shown.stdout
    assert "latin1.md n'est pas en UTF-8" in shown.stderr


def test_a_binary_note_is_reported_and_the_others_listed(cli, notebook):
    (notebook / "image.md").write_bytes(b"\x89PNG\r\n\x00\x00\x00\rIHDR" * 10)
    (notebook / "vraie.md").write_text("# Vraie\n", encoding="utf-8")
    listed = cli("-C", notebook, "list", "--json")
    assert [n["path"] for n in json.loads(listed.stdout)] == ["vraie.md"]
    assert "image.md:1: le fichier n'est pas du texte" in listed.stderr
    assert "sortez ce fichier du carnet" in listed.stderr and "en-tête" not in listed.stderr


def test_tag_keeps_the_windows_newlines_of_a_note(cli, notebook):
    text = "---\r\ntitle: Windows\r\n# un commentaire\r\ntags: [a]\r\n---\r\nCorps\r\nligne 2\r\n"
    path = notebook / "windows.md"
    path.write_bytes(text.encode("utf-8"))
    cli("-C", notebook, "tag", "windows.md", "été")
    after = path.read_bytes()
    assert after == text.replace("tags: [a]", "tags: [a, ete]").encode("utf-8")


def test_a_killed_new_leaves_nothing_that_sync_would_publish(notebook, tmp_path):
    body = ("Une très longue note dictée. " * 40 + "\n") * 7_000  # ~8 MB: a visible write
    process = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(notebook), "new", "note", "--body", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    process.stdin.write(body.encode("utf-8"))
    process.stdin.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not _temporary_files(notebook):
        time.sleep(0.002)
    assert _temporary_files(notebook), "the write was never seen"
    process.send_signal(signal.SIGKILL)
    process.wait()
    untracked = git(notebook, "status", "--porcelain", "--untracked-files=all")
    assert ".tmp" not in untracked


def _temporary_files(folder: Path) -> list[Path]:
    """A note being written (the index's own temporary files are not notes)."""
    return [p for p in folder.rglob(".*.md.*.tmp") if p.is_file()]


def test_leftover_temporary_files_are_cleared_by_the_next_write(cli, notebook):
    leftovers = notebook / ".git" / "garefil-tmp"
    leftovers.mkdir(exist_ok=True)
    old = leftovers / ".note.md.abc.tmp"
    old.write_text("moitié", encoding="utf-8")
    recent = leftovers / ".note.md.def.tmp"
    recent.write_text("en cours", encoding="utf-8")
    hours_ago = time.time() - 7200
    os.utime(old, (hours_ago, hours_ago))
    cli("-C", notebook, "new", "note", "--title", "Suivante", "--no-edit")
    assert not old.exists() and recent.exists()


def test_a_note_folder_inside_git_hidden_or_outside_is_refused(cli, notebook):
    config = notebook / ".garefil" / "config.toml"
    original = config.read_text(encoding="utf-8")
    hooks = sorted(p.name for p in (notebook / ".git" / "hooks").iterdir())
    for folder in (".git/hooks", ".git", ".garefil", "/tmp/cr", "../dehors", "a/../../b"):
        config.write_text(original + f'\n[types.cr]\nfolder = "{folder}"\n', "utf-8")
        result = cli("-C", notebook, "new", "cr", "--no-edit", code=12)  # refused for safety
        assert "[types.cr] folder" in result.stderr and folder in result.stderr
    assert sorted(p.name for p in (notebook / ".git" / "hooks").iterdir()) == hooks
    assert not list((notebook / ".git").glob("**/*.md"))


def test_a_note_folder_with_a_final_slash_is_accepted(cli, notebook):
    config = notebook / ".garefil" / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[types.cr]\nfolder = "comptes-rendus/"\n', "utf-8"
    )
    path = cli("-C", notebook, "new", "cr", "--no-edit").stdout.split("\t")[1]
    assert path.startswith("comptes-rendus/") and "//" not in path


def test_a_huge_utf8_note_cut_inside_a_character_is_still_read_as_utf8(cli, notebook):
    from garefil.core.indexing import MAX_READ_BYTES

    header = "---\ntitle: Été au café\n---\n".encode()
    unit = "été ".encode()  # 6 bytes; the reading stops 1 byte into an "é"
    padding = b"x" * ((MAX_READ_BYTES - len(header) - 1) % len(unit))
    assert (MAX_READ_BYTES - len(header) - len(padding)) % len(unit) == 1
    data = header + padding + unit * (MAX_READ_BYTES // len(unit) + 10)
    (notebook / "longue.md").write_bytes(data)
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    assert [n["title"] for n in listed] == ["Été au café"]


def test_leftovers_of_older_versions_beside_notes_are_cleared(cli, notebook):
    (notebook / "divers").mkdir()
    old = notebook / "divers" / ".ancienne.md.k2j_9x0a.tmp"
    old.write_text("moitié", encoding="utf-8")
    recent = notebook / "divers" / ".en-cours.md.a1b2c3d4.tmp"
    recent.write_text("en cours", encoding="utf-8")
    other = notebook / "divers" / ".brouillon-perso.tmp"  # not garefil's: left alone
    other.write_text("à moi", encoding="utf-8")
    hours_ago = time.time() - 7200
    for path in (old, other):
        os.utime(path, (hours_ago, hours_ago))
    cli("-C", notebook, "list")
    assert not old.exists() and recent.exists() and other.exists()


@pytest.fixture
def folder_links(notebook: Path, tmp_path: Path) -> Path:
    """Links to folders on a note's way: outside, into `.git`, and inside the notebook."""
    (tmp_path / "ailleurs").mkdir()
    (tmp_path / "ailleurs" / "secret.md").write_text(SECRET + "\n", encoding="utf-8")
    (notebook / "dossier").mkdir()
    (notebook / "dossier" / "a.md").write_text("# A\n", encoding="utf-8")
    (notebook / "dehors").symlink_to(tmp_path / "ailleurs")
    (notebook / "sous").mkdir()
    (notebook / "sous" / "dehors").symlink_to(tmp_path / "ailleurs")
    (notebook / "vers-git").symlink_to(notebook / ".git")
    (notebook / "dedans").symlink_to("dossier", target_is_directory=True)
    (notebook / "alias.md").symlink_to(notebook / "dossier" / "a.md")
    return notebook


@pytest.mark.parametrize(
    "relative", ["dehors/secret.md", "sous/dehors/secret.md", "vers-git/config", ".git/config"]
)
def test_a_path_through_a_link_outside_or_into_git_is_refused(folder_links, relative):
    # Every step below the root is looked at, not the note's own name only: a link near the
    # root or deeper, to a folder outside or to `.git`, is never followed.
    from garefil.core.errors import UnsafePath
    from garefil.core.notebook import Notebook

    with pytest.raises(UnsafePath):
        Notebook.open(folder_links).absolute(relative)


@pytest.mark.parametrize(
    "relative",
    ["dossier/a.md", "dedans/a.md", "alias.md", "dossier/nouveau/b.md", "dossier/a.md/x.md"],
)
def test_a_path_inside_is_its_real_place(folder_links, relative):
    # Through a link inside the notebook, not there yet, or past a file: as realpath says.
    from garefil.core.notebook import Notebook

    real = Path(os.path.realpath(folder_links / relative))
    assert Notebook.open(folder_links).absolute(relative) == real


def test_the_links_a_walk_meets_are_those_a_look_at_each_file_finds(folder_links, tmp_path):
    # A full look at the notebook takes its links from the walk, without a look at each file:
    # the same ones as looking at each, for links to notes, folders and nothing, near or deep.
    from garefil.core.notebook import Notebook

    (folder_links / "sous" / "profond.md").symlink_to(folder_links / "dossier" / "a.md")
    (folder_links / "perdu.md").symlink_to(tmp_path / "nulle-part.md")
    (folder_links / "sous" / "perdu.txt").symlink_to(tmp_path / "nulle-part.txt")
    (folder_links / ".cache").mkdir()
    (folder_links / ".cache" / "cache.md").symlink_to(folder_links / "dossier" / "a.md")
    notebook = Notebook.open(folder_links)
    seen: set[str] = set()
    walked = [state[0] for state in notebook.file_stats(seen)]
    assert seen == notebook.links_among(walked)
    assert {"alias.md", "sous/profond.md", "perdu.md", "dehors", "dedans"} <= seen
