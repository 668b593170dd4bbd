"""Which branch holds the shared notebook, and whether the shared repository holds another one.

A notebook has one shared branch, whatever git's default is; two on the shared repository split
it, and a notebook made apart (no history in common) is refused rather than merged: its
settings, its members, would replace this one's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .addresses import another_notebook_there
from .errors import SharedBranchesSplit
from .notebook import Notebook

if TYPE_CHECKING:
    from .sharing import SharingRepository

NOTEBOOK_BRANCH = "main"  # a new notebook's branch, whatever git's own default is


def shared_branch(local: str, on_remote: Sequence[str]) -> str:
    """The branch that holds the notebook: the shared repository's only one, or (when it has
    none yet) the local one. Two on the remote split the notebook: an error, never a guess."""
    if len(on_remote) > 1:
        raise branches_split(on_remote, local if local in on_remote else NOTEBOOK_BRANCH)
    return on_remote[0] if on_remote else local


def branches_split(branches: Sequence[str], keep: str) -> SharedBranchesSplit:
    """The error naming the branches that split the notebook, with the commands that join them."""
    keep = keep if keep in branches else sorted(branches)[0]
    others = [name for name in sorted(branches) if name != keep]
    return SharedBranchesSplit(
        branches=", ".join(sorted(branches)),
        keep=keep,
        merge=" ".join(f"origin/{name}" for name in others),
        delete=" ".join(f":{name}" for name in others),
    )


def refuse_another_notebook(notebook: Notebook, repo: SharingRepository, upstream: str) -> None:
    """Refuse to merge a notebook made apart: the team's settings (its members) would be
    replaced by this one's. `remote` checks first; this is the guard for the rest (an address
    set offline, or by hand)."""
    if holds_another_notebook(repo, upstream):
        raise another_notebook_there(repo.remote_url() or "", notebook.root)


def holds_another_notebook(repo: SharingRepository, upstream: str | None) -> bool:
    """Whether the shared branch (at `upstream`, as of the last fetch) is another notebook, with
    no history in common with this one's. Unrelated history that holds no notebook (a README
    made by the server) is no other notebook: it is merged."""
    if upstream is None or repo.shares_history(upstream):
        return False
    return repo.branch() in repo.notebook_branches()
