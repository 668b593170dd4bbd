"""The coach's editor: $VISUAL, then $EDITOR, then the first of nano, vi found on the machine."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from garefil.core.errors import EditorFailed

FALLBACKS = ("nano", "vi")


class TerminalEditor:
    """Runs the editor command in the foreground and waits for it."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        environ = os.environ if environ is None else environ
        chosen = environ.get("VISUAL") or environ.get("EDITOR")
        fallback = next((name for name in FALLBACKS if shutil.which(name)), "vi")
        self.command = chosen or fallback

    def edit(self, path: Path) -> None:
        """Open `path`; EditorFailed if the editor cannot start or exits with an error."""
        try:
            argv = [*shlex.split(self.command), str(path)]
            completed = subprocess.run(argv, check=False)
        except (OSError, ValueError) as error:
            raise EditorFailed(editor=self.command, detail=str(error)) from None
        if completed.returncode != 0:
            raise EditorFailed(editor=self.command, detail=f"exit {completed.returncode}")
