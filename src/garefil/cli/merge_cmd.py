"""`garefil merge-driver`: run by git itself (never by a coach) to merge two versions of a note,
or of the notebook's settings (core/settings_merge.py).

Git calls it with three temporary files, the common ancestor (%O), this side (%A) and the other
side (%B), plus the note's path (%P). The merged note replaces %A and the exit code is 0; on a
true clash (or anything unusual) %A is left as it is and the exit code is 9, which git takes as
a conflict: `garefil sync` then keeps both versions, as it always did (docs/sharing.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from garefil.core.atomic_files import atomic_write
from garefil.core.merge import merge_note
from garefil.core.settings_merge import is_settings, merge_settings
from garefil.i18n import _

from .context import Services
from .localized import LocalizedCommand

EXIT_CONFLICTS = 9


def register(app: typer.Typer) -> None:
    """Add the hidden merge-driver command to `app`."""
    help_text = _(
        "Merge two versions of a note or of the settings (run by git itself, never by hand)."
    )
    app.command("merge-driver", hidden=True, cls=LocalizedCommand, help=help_text)(merge_driver)


def merge_driver(
    ctx: typer.Context,
    base: Annotated[Path, typer.Argument()],
    ours: Annotated[Path, typer.Argument()],
    theirs: Annotated[Path, typer.Argument()],
    path: Annotated[str, typer.Argument()] = "",
) -> None:
    """Merge a note (front-matter key by key, body as text), or the settings, for git."""
    services: Services = ctx.obj
    try:
        versions = [side.read_bytes() for side in (base, ours, theirs)]
    except OSError:  # nothing to merge: a conflict kept, so git falls back on its own way
        raise typer.Exit(EXIT_CONFLICTS) from None
    if is_settings(path):
        merged = merge_settings(*versions, services.text_merge())
    else:
        merged = merge_note(*versions, services.text_merge(), services.text_merge(True))
    if merged is None:
        raise typer.Exit(EXIT_CONFLICTS)
    atomic_write(ours, merged)
