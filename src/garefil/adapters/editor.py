"""The coach's editor: the `editeur` setting (core/settings.py: GAREFIL_EDITOR, VISUAL, EDITOR,
then the coach's file), else the first of nano, vi found on the machine.

Like `git commit`, garefil runs the editor the coach chose even without a terminal (it may be
graphical, or a script); nano and vi need one, so the fallback is refused without it (see
cli/context.py). A note is edited as a draft outside the notebook (in
$XDG_STATE_HOME/garefil/brouillons, else ~/.local/state/…): an editor that fails or is killed
leaves nothing half-done in the notebook, and the draft stays there so that nothing typed is
lost.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from garefil.core.errors import EditorFailed, EditorFailedKept, EditorNotFound

FALLBACKS = ("nano", "vi")
DRAFTS = Path("garefil") / "brouillons"


def fallback_editor() -> str:
    """The editor used when the coach chose none: the first of nano, vi found here."""
    return next((name for name in FALLBACKS if shutil.which(name)), "vi")


class TerminalEditor:
    """Runs the editor command in the foreground and waits for it."""

    def __init__(
        self, environ: Mapping[str, str] | None = None, command: str | None = None
    ) -> None:
        self.environ = os.environ if environ is None else environ
        chosen = command or self.environ.get("VISUAL") or self.environ.get("EDITOR")
        self.command = chosen or fallback_editor()

    def edit(self, path: Path) -> None:
        """Open `path`; EditorFailed if the editor cannot start or exits with an error."""
        try:
            argv = [*shlex.split(self.command), str(path)]
            completed = subprocess.run(argv, check=False)
        except FileNotFoundError:
            raise EditorNotFound(editor=self.command) from None
        except (OSError, ValueError) as error:
            raise EditorFailed(editor=self.command, detail=str(error)) from None
        if completed.returncode != 0:
            raise EditorFailed(editor=self.command, detail=f"exit {completed.returncode}")

    def edit_draft(self, data: bytes, name: str, keep: bool = False) -> tuple[bytes, Path]:
        """Edit `data` in a private draft file; the edited bytes and the draft (to discard).

        If the editor fails, EditorFailedKept names the draft, kept as the recovery file when
        the coach changed it (or always with `keep`); else the draft goes and EditorFailed.
        """
        draft = self._new_draft(name)
        draft.write_bytes(data)
        try:
            self.edit(draft)
        except EditorNotFound:
            draft.unlink(missing_ok=True)  # no editor ran: nothing was typed
            raise
        except EditorFailed as error:
            if not keep and draft.read_bytes() == data:
                draft.unlink(missing_ok=True)
                raise
            detail, recovery = error.params.get("detail", ""), str(draft)
            raise EditorFailedKept(editor=self.command, detail=detail, recovery=recovery) from None
        return draft.read_bytes(), draft

    def _new_draft(self, name: str) -> Path:
        import tempfile

        state = self.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
        folder = Path(state) / DRAFTS
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, path = tempfile.mkstemp(prefix=f"{name}-", suffix=".md", dir=folder)  # private: 0600
        os.close(fd)
        return Path(path)
