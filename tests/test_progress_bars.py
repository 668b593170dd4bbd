"""Long work draws a progress bar at a terminal, and nothing when piped: a full site build and a
sync that brings many notes, seen in a real terminal (tmux) through the bytes it receives."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from terminal import TmuxScreen

MANY = 230  # above the site's and the sync's thresholds (200), and under the index's (300)
ESCAPE = "\x1b["


def many_notes(folder: Path, count: int = MANY) -> None:
    """`count` short notes written as another tool would, not yet recorded."""
    for number in range(count):
        note = folder / "cr" / f"2024-03-{number:03d}-note.md"
        note.parent.mkdir(parents=True, exist_ok=True)
        note.write_text(f"---\ntitle: Note {number}\n---\nTexte {number}.\n", encoding="utf-8")


def at_a_terminal(tmp_path: Path, folder: Path, command: str) -> str:
    """Every byte `garefil COMMAND` writes to a real terminal, its bar's frames included."""
    screen = TmuxScreen(tmp_path)
    raw = tmp_path / "terminal.log"
    try:
        screen.tmux("pipe-pane", "-t", "t", f"cat >> {raw}")
        screen.type(f"cd {folder} && {sys.executable} -m garefil {command}; echo FINI")
        screen.wait_for("FINI", seconds=120)
    finally:
        screen.close()
    return raw.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def need_tmux():
    import shutil

    if not shutil.which("tmux"):
        pytest.skip("tmux is missing: apt-get install tmux")


def test_a_long_site_build_draws_a_bar_at_a_terminal_and_none_when_piped(
    need_tmux, cli, run_garefil, notebook, tmp_path
):
    many_notes(notebook)
    cli("-C", notebook, "sync", code=None)  # recorded; no shared repository yet
    cli("-C", notebook, "index")  # the index's own bar is not the one looked for
    drawn = at_a_terminal(tmp_path, notebook, "site")
    assert "Construction du site" in drawn and "━" in drawn
    assert "Site construit" in drawn
    piped = run_garefil("-C", notebook, "site", "-o", tmp_path / "autre")
    assert piped.returncode == 0 and "Site construit" in piped.stderr
    assert "Construction du site" not in piped.stderr and ESCAPE not in piped.stderr
    assert ESCAPE not in piped.stdout


def test_a_sync_bringing_many_notes_draws_a_bar_and_none_when_piped(
    need_tmux, cli, run_garefil, team, tmp_path
):
    many_notes(team.awa)
    sent = run_garefil("-C", team.awa, "sync")  # sends them all, piped
    assert sent.returncode == 0, sent.stderr
    assert "Synchronisation" not in sent.stderr and ESCAPE not in sent.stderr + sent.stdout
    drawn = at_a_terminal(tmp_path, team.karim, "sync")
    assert "Synchronisation" in drawn and "━" in drawn
    assert "à jour avec l'équipe" in drawn
    shown = {int(percent) for percent in re.findall(r"(\d+)%", drawn)}
    assert any(0 < percent < 100 for percent in shown), shown  # it moves during the work
    assert 100 in shown, shown  # and its last state is drawn before it goes
    assert len(list((team.karim / "cr").glob("*.md"))) == MANY
