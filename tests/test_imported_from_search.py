"""`imported_from:` finds the notes `garefil import` brought from a file or a folder.

The import records the source's path in the note's header. A path's values were left out of
the index as "not words", so `imported_from:reunions` silently found nothing, while a source at
the folder's root (`accueil.md`, no slash) was found: the key is now kept whole and searched by
its name only, never as plain words of the note.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def imported(cli, notebook: Path, tmp_path: Path) -> Path:
    """A notebook with two notes imported, one from a sub-folder, one from the root."""
    source = tmp_path / "ancien"
    (source / "reunions").mkdir(parents=True)
    (source / "reunions" / "hebdo.md").write_text(
        "---\ntitle: Ordre du jour\n---\n\nPoint xylophone.\n", encoding="utf-8"
    )
    (source / "accueil.md").write_text("# Accueil\n\nPoint xylophone aussi.\n", encoding="utf-8")
    cli("-C", notebook, "import", source)
    return notebook


def found(cli, folder: Path, query: str) -> set[str]:
    result = cli("-C", folder, "search", query, "--json")
    return {hit["title"] for hit in json.loads(result.stdout)}


def test_imported_from_finds_a_note_by_its_source_folder_or_file(cli, imported):
    assert found(cli, imported, "imported_from:reunions") == {"Ordre du jour"}
    assert found(cli, imported, "imported_from:hebdo") == {"Ordre du jour"}
    assert found(cli, imported, 'imported_from:"reunions/hebdo.md"') == {"Ordre du jour"}
    assert found(cli, imported, "imported_from:accueil") == {"Accueil"}
    assert found(cli, imported, "imported_from:md") == {"Ordre du jour", "Accueil"}
    listed = cli("-C", imported, "list", "--champ", "imported_from=reunions/hebdo.md", "--json")
    assert [note["title"] for note in json.loads(listed.stdout)] == ["Ordre du jour"]


def test_the_source_path_is_no_word_of_the_note(cli, imported):
    assert found(cli, imported, "xylophone") == {"Ordre du jour", "Accueil"}
    assert found(cli, imported, "hebdo") == set()
    assert found(cli, imported, "reunions") == set()
