"""A copy of the demo notebook with its index built, made once for a module's read-only tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_demo


def indexed_demo(factory: pytest.TempPathFactory) -> Path:
    """The copy, indexed by a real `garefil index` run with a private HOME and git identity."""
    home = factory.mktemp("home")
    (home / ".gitconfig").write_text("[user]\n\tname = Awa Diallo\n\temail = a@example.org\n")
    folder = factory.mktemp("completion") / "demo"
    copy_demo(folder)
    env = {**os.environ, "HOME": str(home), "GIT_CONFIG_GLOBAL": str(home / ".gitconfig")}
    for args in (["init", folder], ["-C", folder, "index"]):
        subprocess.run([sys.executable, "-m", "garefil", *map(str, args)], env=env, check=True)
    return folder
