"""What `sync` says of the changes made outside garefil it records first: a note renamed by
hand is one note renamed, never two files changed (core/hand_changes.py tells them apart)."""

from __future__ import annotations

from garefil.core.sharing_model import SyncReport
from garefil.i18n import ngettext, recorded, recorded_n

from . import render


def commit_message(changed: int, renamed: int) -> str:
    """The commit message of the changes a sync records first: files changed, notes renamed."""
    files = recorded_n(
        "sync: {count} file changed outside garefil",
        "sync: {count} files changed outside garefil",
        changed,
    )
    notes = recorded_n(
        "sync: {count} note renamed outside garefil",
        "sync: {count} notes renamed outside garefil",
        renamed,
    )
    if not renamed or not changed:
        return (notes if renamed else files).format(count=renamed or changed)
    both = recorded("sync: {notes} and {files} outside garefil")
    return both.format(
        notes=recorded_n("{count} note renamed", "{count} notes renamed", renamed).format(
            count=renamed
        ),
        files=recorded_n("{count} file changed", "{count} files changed", changed).format(
            count=changed
        ),
    )


def show(report: SyncReport) -> None:
    """What the sync recorded first: each note renamed by hand is one change, not two files."""
    changed = len(report.changed())
    if report.renamed:
        render.info(
            ngettext(
                "{n} note renamed outside garefil was recorded.",
                "{n} notes renamed outside garefil were recorded.",
                len(report.renamed),
            ).format(n=len(report.renamed))
        )
    if changed:
        render.info(
            ngettext(
                "{n} file changed outside garefil was recorded.",
                "{n} files changed outside garefil were recorded.",
                changed,
            ).format(n=changed)
        )
