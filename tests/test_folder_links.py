"""A symbolic link to a folder is never followed, and always said: one line naming the link, what
is wrong and what to do, in `list`, `index`, `search` and `sync`, whether it leads inside or
outside the notebook (as a link to a file outside it is said)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

SAID = "lien symbolique vers un dossier ignoré"


def note(path: Path, title: str, text: str = "Texte.") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\ntype: note\ntitle: {title}\n---\n\n{text}\n", encoding="utf-8")
    return path


@pytest.fixture
def linked(notebook: Path, tmp_path: Path) -> Path:
    """A notebook holding a folder of notes, a link to it, and links to a folder outside."""
    note(notebook / "dossier" / "a.md", "Alpha", "pomme")
    note(tmp_path / "ailleurs" / "secret.md", "Secret", "pomme secrète")
    (notebook / "lien-dedans").symlink_to("dossier", target_is_directory=True)
    (notebook / "sous").mkdir()
    (notebook / "sous" / "lien-dehors").symlink_to(tmp_path / "ailleurs")
    (notebook / "dossier.md").symlink_to(tmp_path / "ailleurs")  # named as a note
    return notebook


def said_once_each(stderr: str) -> None:
    """Each link named on one line that says what is wrong and what to do."""
    for link in ("lien-dedans", "sous/lien-dehors", "dossier.md"):
        lines = [line for line in stderr.splitlines() if line.startswith(f"⚠ {link}:")]
        assert len(lines) == 1, stderr
        assert SAID in lines[0] and "supprimez le lien" in lines[0], lines[0]


def test_list_index_and_search_say_each_folder_link(cli, linked):
    listed = cli("-C", linked, "list", "--json")
    assert [n["path"] for n in json.loads(listed.stdout)] == ["dossier/a.md"]  # never followed
    said_once_each(listed.stderr)
    indexed = cli("-C", linked, "index", "--json")
    said_once_each(indexed.stderr)
    assert json.loads(indexed.stdout)["notes"] == 1
    found = cli("-C", linked, "search", "pomme", "--json")
    assert [hit["path"] for hit in json.loads(found.stdout)] == ["dossier/a.md"]
    said_once_each(found.stderr)


def test_a_folder_link_made_after_the_index_is_said_too(cli, notebook, tmp_path):
    note(notebook / "dossier" / "a.md", "Alpha")
    subprocess.run(["git", "-C", str(notebook), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(notebook), "commit", "-qm", "a"], check=True)
    cli("-C", notebook, "index")
    (notebook / "raccourci").symlink_to("dossier", target_is_directory=True)
    listed = cli("-C", notebook, "list")
    assert "⚠ raccourci: " + SAID in listed.stderr
    (notebook / "raccourci").unlink()
    assert SAID not in cli("-C", notebook, "list").stderr


def test_sync_says_a_folder_link_as_it_says_a_file_link(cli, team, tmp_path):
    (tmp_path / "ailleurs").mkdir()
    (team.awa / "partage").symlink_to(tmp_path / "ailleurs", target_is_directory=True)
    synced = cli("-C", team.awa, "sync")
    assert "⚠ partage est un lien symbolique : garefil ne le partage pas" in synced.stderr


def test_a_link_to_nothing_or_to_itself_is_said_not_skipped(cli, notebook):
    (notebook / "perdu.md").symlink_to("/nulle/part/note.md")
    (notebook / "boucle.md").symlink_to("boucle.md")
    listed = cli("-C", notebook, "list")
    for link in ("perdu.md", "boucle.md"):
        [line] = [line for line in listed.stderr.splitlines() if line.startswith(f"⚠ {link}:")]
        assert "ne mène à aucun fichier" in line and "supprimez le lien" in line, line
    assert "2 liens symboliques ignorés" in cli("-C", notebook, "index").stderr
