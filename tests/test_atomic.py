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


def test_ctrl_c_during_a_command_exits_130_and_leaves_the_note_whole(cli, notebook, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    out = cli("-C", notebook, "new", "cr", "--title", "Interrompue", "--no-edit").stdout
    note_id, path = out.strip().split("\t")
    before = (notebook / path).read_bytes()
    started = tmp_path / "editeur-ouvert"
    editor = tmp_path / "editeur.py"
    editor.write_text(  # like a real editor, it handles Ctrl-C itself, quietly
        "import pathlib, signal, sys, time\n"
        "signal.signal(signal.SIGINT, lambda *_: sys.exit(130))\n"
        f"pathlib.Path({str(started)!r}).touch()\ntime.sleep(30)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(notebook), "edit", note_id],
        env={**os.environ, "EDITOR": f"{sys.executable} {editor}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60  # two Python start-ups, on a machine busy with other tests
    while not started.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), "the editor was never started"  # else Ctrl-C came before it
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C sends to the terminal's process group
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130 and "Interrompu" in err and "Traceback" not in err
    assert (notebook / path).read_bytes() == before
    assert not [p for p in (notebook / "cr").rglob(".*.tmp")]
