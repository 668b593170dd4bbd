"""Rewriting the notebook's whole history to remove a person's data, with git filter-repo.

filter-repo is the tool git's own documentation recommends for this (git filter-branch is
deprecated); it is pinned with hashes like every dependency and run as a module of the same
Python, so no coach has to install it. It rewrites every commit, forgets the shared
repository's address (so that nothing is pushed by accident) and expires the old objects:
garefil puts the address back, and the coach pushes by hand, once, as docs/rgpd.md says.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from garefil.core.errors import GitFailure


def purge_history(top: Path, replacements: Mapping[str, str], renames: Mapping[str, str]) -> None:
    """Replace each pattern (a Python regex) by its text in every version of every file and in
    every commit message ("cr: Jean Dupont (…)"), and each text of `renames` by its new text
    in every file name, in the whole history at `top`."""
    remote = _remote_url(top)
    private = top / ".git" / "garefil-tmp"  # the rules name the person: never in /tmp
    private.mkdir(mode=0o700, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", suffix=".txt", dir=private, delete=False, encoding="utf-8"
    ) as rules:
        rules.writelines(f"regex:{pattern}==>{text}\n" for pattern, text in replacements.items())
    try:
        command = [sys.executable, "-m", "git_filter_repo", "--force", "--quiet",
                   "--replace-text", rules.name, "--replace-message", rules.name]  # fmt: skip
        if renames:
            command += ["--filename-callback", _renaming(renames)]
        done = subprocess.run(command, cwd=top, capture_output=True, text=True)
    finally:
        os.unlink(rules.name)
    if done.returncode != 0:
        raise GitFailure(detail=_last_line(done.stderr))
    if remote:
        subprocess.run(["git", "remote", "add", "origin", remote], cwd=top, check=False)


def _renaming(renames: Mapping[str, str]) -> str:
    """The body of filter-repo's filename callback (file names are bytes there)."""
    steps = [
        f"filename = filename.replace({o.encode()!r}, {n.encode()!r})" for o, n in renames.items()
    ]
    return "\n".join([*steps, "return filename"])


def _remote_url(top: Path) -> str:
    done = subprocess.run(["git", "config", "--get", "remote.origin.url"], cwd=top,
                          capture_output=True, text=True)  # fmt: skip
    return done.stdout.strip()


def _last_line(text: str) -> str:
    # filter-repo's errors name paths and git commands, never file contents.
    lines = [line for line in text.splitlines() if line.strip()]
    return re.sub(r"\s+", " ", lines[-1]) if lines else "git filter-repo"
