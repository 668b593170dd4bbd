"""The small interfaces the core needs from the outside world; adapters implement them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol


class Repository(Protocol):
    """Version control for the notebook (git, through an adapter)."""

    def author_name(self) -> str:
        """The coach's name as version control knows it; GitIdentityMissing if unknown."""

    def author_email(self) -> str | None:
        """The coach's e-mail address as version control knows it, or None."""

    def set_identity(self, name: str, email: str) -> None:
        """Remember who signs this notebook's changes."""

    def commit(self, paths: Sequence[Path], message: str) -> str | None:
        """Record exactly `paths` (added, changed or deleted) with `message`; the commit id."""


class Editor(Protocol):
    """The coach's text editor."""

    def edit(self, path: Path) -> None:
        """Open `path` and return when the coach closes it; EditorFailed if it cannot run."""

    def edit_draft(self, data: bytes, name: str, keep: bool = False) -> tuple[bytes, Path]:
        """Edit `data` as a draft outside the notebook: the edited bytes and the draft file.

        If the editor fails: EditorFailedKept naming the draft, kept for recovery when changed
        (or always with `keep`); EditorFailed otherwise.
        """
