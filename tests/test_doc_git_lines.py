"""The git commands the documentation shows run quietly with git's default configuration: a new
user never meets git's ten-line `hint:` block about branch names."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT

FENCED = re.compile(r"```[a-z]*\n(.*?)```", re.DOTALL)


def documented_git_lines() -> list[str]:
    """Every `$ git …` line of a console block in the README and the docs."""
    docs = [PROJECT / "README.md", *sorted((PROJECT / "docs").rglob("*.md"))]
    return [
        line.removeprefix("$ ")
        for doc in docs
        for block in FENCED.findall(doc.read_text(encoding="utf-8"))
        for line in (raw.strip() for raw in block.splitlines())
        if line.startswith("$ git ")
    ]


def test_the_documentation_shows_git_commands():
    assert any("init --bare" in line for line in documented_git_lines())


@pytest.mark.usefixtures("git_defaults")
@pytest.mark.parametrize("line", [g for g in documented_git_lines() if " init " in g])
def test_documented_git_init_says_no_hint(line: str, tmp_path: Path):
    here = tmp_path / "carnet"
    here.mkdir()
    done = subprocess.run(shlex.split(line), cwd=here, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "hint:" not in done.stderr + done.stdout
