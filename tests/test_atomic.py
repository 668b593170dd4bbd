"""Writes are all-or-nothing and never overwrite."""

from __future__ import annotations

import pytest

from garefil.core.errors import NoteExists
from garefil.core.notebook import Notebook


def test_write_new_refuses_to_overwrite(notebook):
    book = Notebook.open(notebook)
    book.write_new("divers/a.md", "premier\n")
    with pytest.raises(NoteExists):
        book.write_new("divers/a.md", "second\n")
    assert (notebook / "divers" / "a.md").read_text() == "premier\n"
    assert [p.name for p in (notebook / "divers").iterdir()] == ["a.md"]  # no temp file left


def test_a_failed_write_leaves_the_old_text_and_no_temp_file(notebook):
    book = Notebook.open(notebook)
    book.write_new("divers/b.md", "ancien\n")
    with pytest.raises(UnicodeEncodeError):
        book.replace("divers/b.md", "texte \ud800 impossible à encoder")
    assert (notebook / "divers" / "b.md").read_text() == "ancien\n"
    assert [p.name for p in (notebook / "divers").iterdir()] == ["b.md"]


def test_paths_outside_the_notebook_are_refused(notebook):
    from garefil.core.errors import NotInNotebook

    with pytest.raises(NotInNotebook):
        Notebook.open(notebook).write_new("../evade.md", "x")
    assert not (notebook.parent / "evade.md").exists()


def test_temporary_and_hidden_files_are_not_notes(notebook):
    (notebook / "divers").mkdir()
    (notebook / "divers" / ".a.md.x1.tmp").write_text("half")
    (notebook / "divers" / ".cache.md").write_text("hidden")
    (notebook / "divers" / "vraie.md").write_text("# Vraie\n")
    assert Notebook.open(notebook).note_paths() == ["divers/vraie.md"]
