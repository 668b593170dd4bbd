"""Long listings go through a pager at a terminal, as git's do; never when piped or turned off."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from conftest import git
from terminal import TmuxScreen

pytestmark = pytest.mark.skipif(not shutil.which("tmux"), reason="a real terminal, by tmux")


@pytest.fixture
def long_notebook(notebook: Path) -> Path:
    """A notebook whose listing is longer than a 15-line screen."""
    for n in range(30):
        note = notebook / "notes" / f"n{n:02}.md"
        note.parent.mkdir(exist_ok=True)
        note.write_text(f"---\ntype: note\ntitle: Note {n:02}\ndate: 2024-01-01\n---\n", "utf-8")
    git(notebook, "add", "-A")
    git(notebook, "commit", "-q", "-m", "trente notes")
    return notebook


def fake_pager(tmp_path: Path) -> tuple[Path, Path]:
    """A pager that says it was started and keeps what it was given."""
    marker, kept = tmp_path / "pager-started", tmp_path / "pager-got"
    script = tmp_path / "fake-pager"
    script.write_text(f'#!/bin/sh\necho "$LESS" > {marker}\ncat > {kept}\n', encoding="utf-8")
    script.chmod(0o755)
    return script, marker


def run_in(screen: TmuxScreen, command: str, done: str) -> None:
    # The empty echo first: when a command prints nothing on the screen and its line fills the
    # pane's width exactly, tmux joins the next line to it, and `done` would not stand alone.
    screen.type(f"{command}; echo; echo {done}")
    screen.wait_for(done)


def test_a_long_listing_goes_through_the_pager_not_when_piped_short_or_turned_off(
    long_notebook, tmp_path
):
    pager, marker = fake_pager(tmp_path)
    garefil = f"env -u GAREFIL_PAGER -u LESS PAGER={pager} {sys.executable} -m garefil"
    screen = TmuxScreen(tmp_path, height=15)
    try:
        run_in(screen, f"{garefil} -C {long_notebook} list | cat > /dev/null", "PIPED")
        assert not marker.exists()
        run_in(screen, f"{garefil} -C {long_notebook} list -n 3", "SHORT")
        assert not marker.exists()
        run_in(screen, f"{garefil} --sans-pager -C {long_notebook} list", "OFF")
        assert not marker.exists()
        run_in(screen, f"{garefil} -C {long_notebook} list", "LONG")
    finally:
        screen.close()
    assert marker.read_text() == "FRX\n"  # LESS set for the pager when the coach has not
    got = (tmp_path / "pager-got").read_text(encoding="utf-8")
    assert "Note 00" in got and "Note 29" in got and "\x1b[1m" in got  # the table, in bold


def test_the_pager_setting_turns_it_off_and_a_missing_pager_prints(cli, long_notebook, tmp_path):
    pager, marker = fake_pager(tmp_path)
    cli("config", "set", "pager", "non")
    garefil = f"env -u GAREFIL_PAGER PAGER={pager} {sys.executable} -m garefil"
    screen = TmuxScreen(tmp_path, height=15)
    try:
        run_in(screen, f"{garefil} -C {long_notebook} list", "SETTING")
        assert not marker.exists()
        missing = f"GAREFIL_PAGER=/nowhere/pager {sys.executable} -m garefil"
        run_in(screen, f"{missing} -C {long_notebook} list", "MISSING")
        assert "Note 29" in screen.screen()  # printed all the same
    finally:
        screen.close()


@pytest.mark.skipif(not shutil.which("less"), reason="the real pager")
def test_less_shows_its_prompt_for_a_long_listing(long_notebook, tmp_path):
    screen = TmuxScreen(tmp_path, height=15)
    try:
        screen.type(
            f"env -u GAREFIL_PAGER -u PAGER -u LESS {sys.executable} -m garefil "
            f"-C {long_notebook} list; echo FINI"
        )
        screen.wait_for(":")  # less waits for the coach at the bottom of the screen
        assert "FINI" not in screen.screen().splitlines()  # garefil waits for less
        screen.type("q", enter=False)
        screen.wait_for("FINI")
    finally:
        screen.close()


def test_a_pager_that_names_no_command_is_refused_and_one_in_the_file_gives_way_to_pager(
    cli, long_notebook, tmp_path, monkeypatch
):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    own_file = tmp_path / "xdg" / "garefil" / "config.toml"
    refused = cli("config", "set", "pager", "peut-etre", code=5)
    assert "pager" in refused.stderr and "less -S" in refused.stderr
    assert not own_file.exists()
    pager, marker = fake_pager(tmp_path)
    cli("config", "set", "pager", "non")
    cli("config", "set", "pager", f"{pager} --quiet")
    own_file.write_text('pager = "peut-etre"\n', encoding="utf-8")  # as an older garefil let it
    listed_at_a_terminal(long_notebook, tmp_path, pager)
    assert marker.exists()  # PAGER was used


def test_through_typer_too_the_pager_follows_the_command_line(long_notebook, tmp_path):
    # `list` runs without Typer when started as `garefil` (cli/quick.py); here Typer runs it.
    pager, marker = fake_pager(tmp_path)
    typer_path = "from garefil.cli.app import main; main()"
    garefil = f'env -u GAREFIL_PAGER PAGER={pager} {sys.executable} -c "{typer_path}"'
    screen = TmuxScreen(tmp_path, height=15)
    try:
        run_in(screen, f"{garefil} --sans-pager -C {long_notebook} list", "OFF")
        assert not marker.exists()
        run_in(screen, f"{garefil} -C {long_notebook} list", "LONG")
    finally:
        screen.close()
    assert marker.exists()


def test_pager_oui_asks_for_the_usual_pager(cli, long_notebook, tmp_path):
    # « oui » is what a coach answers to « un pager ? »: the usual one, PAGER (else less).
    pager, marker = fake_pager(tmp_path)
    cli("config", "set", "pager", "oui")
    listed_at_a_terminal(long_notebook, tmp_path, pager)
    assert marker.exists()  # PAGER was used, « oui » was not taken for a command


def listed_at_a_terminal(notebook: Path, tmp_path: Path, pager: Path) -> None:
    """`garefil list` of `notebook` in a 15-line terminal, with PAGER set to `pager`."""
    screen = TmuxScreen(tmp_path, height=15)
    try:
        garefil = f"env -u GAREFIL_PAGER PAGER={pager} {sys.executable} -m garefil"
        run_in(screen, f"{garefil} -C {notebook} list", "LISTED")
    finally:
        screen.close()
