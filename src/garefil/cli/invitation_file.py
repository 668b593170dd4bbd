"""Where `reunion ics` and `rdv ics` write an invitation: never where `sync` would share it.

`--sortie -` writes it on stdout and `--sortie FILE` where the coach says. Without it, the
invitation goes in the current folder, unless that folder is in the notebook: there it would be
recorded and sent to the whole team at the next sync, so it goes in `.garefil/invitations/`,
which git is told to leave out (in `.gitignore` for new notebooks, in this copy's own
`.git/info/exclude` for the others).
"""

from __future__ import annotations

import sys
from pathlib import Path

from garefil.core.atomic_files import atomic_write, write_new_file
from garefil.core.config import CONFIG_DIR
from garefil.core.events import Person
from garefil.core.notebook import Notebook
from garefil.i18n import _

from . import render
from .common import author
from .context import Services

INVITATIONS = f"{CONFIG_DIR}/invitations"


def coach_inviting(repository) -> Person | None:
    """The coach at this computer, as the one who invites: when git knows their name and
    address."""
    name = author(repository)
    email = repository.author_email() if name else None
    return Person(email, name) if email else None


def write_invitation(
    services: Services, notebook: Notebook, data: bytes, output: Path | None, name: str
) -> None:
    """Write the invitation `data` to `output` ('-': stdout), else to `name` out of sharing."""
    if str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    if output is not None or not _in_notebook(notebook, Path.cwd()):
        target = output or Path(name)
        write_new_file(target, data)  # the coach's own folder: never overwrite a file there
        render.success(_("Invitation written in {path}.").format(path=target))
        return
    folder = notebook.root / INVITATIONS
    replaced = (folder / name).exists()
    with notebook.writing():  # a read-only notebook: said as for any write into it
        folder.mkdir(parents=True, exist_ok=True)
        services.repository(notebook.root).leave_out([folder])
        atomic_write(folder / name, data)  # garefil's own copy, never shared: newest replaces it
    said = (
        _(
            "Invitation replaced in {path} by the newest (kept on this computer: sync does not"
            " share it)."
        )
        if replaced
        else _("Invitation written in {path} (kept on this computer: sync does not share it).")
    )
    render.success(said.format(path=f"{INVITATIONS}/{name}"))


def _in_notebook(notebook: Notebook, folder: Path) -> bool:
    """Whether `folder` is the notebook's or one below it (where git would record a file)."""
    folder = folder.resolve()
    return folder == notebook.root or notebook.root in folder.parents
