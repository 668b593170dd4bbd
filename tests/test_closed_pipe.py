"""A reader that stops reading (`garefil roles | head -3`) ends the command quietly, with 0."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _with_reader_gone(notebook, *args: str) -> tuple[int, str]:
    """Run garefil with its stdout a pipe whose reader has already gone, like `| head -0`."""
    process = subprocess.Popen(
        [sys.executable, "-m", "garefil", "-C", str(notebook), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    process.stdout.close()  # before garefil writes anything: every write meets a closed pipe
    said = process.stderr.read()
    return process.wait(timeout=60), said


@pytest.mark.parametrize("command", [("list",), ("list", "--json"), ("roles",)])
def test_a_closed_stdout_ends_the_command_quietly_with_0(cli, notebook, command):
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    cli("-C", notebook, "new", "reunion", "--date", "2024-03-04", "--no-edit")
    code, said = _with_reader_gone(notebook, *command)
    assert (code, said) == (0, "")
