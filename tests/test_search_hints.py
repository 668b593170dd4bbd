"""The commands a search hint shows work when pasted into a shell, and do what they say.

A hint is read, then pasted: `garefil search tag:"pole emploi"` lost its quotes to the shell
and answered with the same hint again; `-brouillon`, the example of every search error, left
out the word « brouillon », not the draft notes a coach meant.
"""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest


def _garefil(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "garefil", *args], cwd=cwd, capture_output=True, text=True
    )


def _pasted(hint_line: str) -> list[str]:
    """The words of the command a hint line shows, as a shell splits it once pasted."""
    command = hint_line[hint_line.index("garefil ") :]
    words = shlex.split(command.strip("`"))
    assert words[0] == "garefil", hint_line
    return words[1:]


def _hint(said: str) -> str:
    return next(line for line in said.splitlines() if "conseil :" in line)


def test_the_hint_for_a_tag_of_several_words_works_when_pasted(demo_notebook):
    first = _garefil(["search", "tag:pole", "emploi"], demo_notebook)
    pasted = _pasted(_hint(first.stdout + first.stderr))
    again = _garefil(pasted, demo_notebook)
    assert again.returncode == 0, again.stderr
    assert "2024-02-15-cr-z2npe" in again.stdout  # tagged pole-emploi
    assert "conseil :" not in again.stderr
