"""The notebook settings, checked before a sync brings the team's in or sends a coach's.

`.garefil/config.toml` is read by every command: settings garefil refuses (a note folder
leading outside the notebook, a line that is not TOML) would stop every command of every coach
who received them. Like a teammate's symbolic link, they are refused before anything is merged,
and the sync says whose commit holds them; a coach's own are not sent to the team.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .config import NOTEBOOK_MARK, config_from_bytes
from .errors import IncomingSettingsRefused, InvalidConfig, OutgoingSettingsRefused
from .notebook import Notebook

if TYPE_CHECKING:
    from .sharing import SharingRepository


def refuse_refused_settings(notebook: Notebook, repo: SharingRepository, upstream: str) -> None:
    """Raise IncomingSettingsRefused when the team changed the settings into ones garefil
    refuses; settings the team left alone, or as they are here, are not the team's news."""
    path = notebook.root / NOTEBOOK_MARK
    theirs = repo.blob_id(upstream, path)
    head = repo.head()
    if theirs is None or head is None or theirs == repo.blob_id(head, path):
        return
    base = repo.merge_base(head, upstream)
    if base is not None and theirs == repo.blob_id(base, path):
        return
    try:
        config_from_bytes(repo.blob(theirs), NOTEBOOK_MARK)
    except InvalidConfig as problem:
        shown = path.relative_to(repo.top).as_posix()
        raise IncomingSettingsRefused(
            commit=repo.last_commit(upstream, shown),
            author=repo.last_author(upstream, shown),
            problem=problem,
        ) from problem


def refuse_sending_refused(
    notebook: Notebook, repo: SharingRepository, upstream: str | None
) -> None:
    """Raise OutgoingSettingsRefused when this coach's commits change the settings into ones
    garefil refuses: every teammate's sync would refuse all of this coach's work with them."""
    path = notebook.root / NOTEBOOK_MARK
    head = repo.head()
    ours = repo.blob_id(head, path) if head else None
    if ours is None or (upstream is not None and ours == repo.blob_id(upstream, path)):
        return
    try:
        config_from_bytes(repo.blob(ours), NOTEBOOK_MARK)
    except InvalidConfig as problem:
        raise OutgoingSettingsRefused(problem=problem) from problem
