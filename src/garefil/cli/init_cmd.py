"""`garefil init` and `garefil config`: creating a notebook and telling git who the coach is."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from garefil.core.addresses import folder_beside, refuse_unshareable_folder, shared_address
from garefil.core.config import CONFIG_DIR
from garefil.core.errors import (
    AnotherNotebookNotCreated,
    CreationNotRecorded,
    FolderNameEmpty,
    FolderNotEmpty,
    GarefilError,
    GitIdentityMissing,
    NotAFolder,
    NotebookInsideNotebook,
    NotebookNotFound,
)
from garefil.core.setup import (
    check_identity,
    init_notebook,
    nested_repositories,
    prepare_folder,
    symbolic_links,
)
from garefil.i18n import _, ngettext, recorded

from . import render
from .context import Services
from .localized import LocalizedGroup, add_command

if TYPE_CHECKING:
    from garefil.core.index_model import IndexReport

config_app = typer.Typer(
    cls=LocalizedGroup, help=_("Your settings and this notebook's (alone: show them).")
)


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app, "init", _("Create a notebook here (or in FOLDER), or adopt existing notes."), init
    )
    app.add_typer(config_app, name="config")
    add_command(
        config_app,
        "user",
        _("Record your name and e-mail: for this notebook, or (outside one) for all of them."),
        config_user,
    )


def init(
    ctx: typer.Context,
    folder: Annotated[
        str | None,
        typer.Argument(
            metavar=_("FOLDER"),
            help=_("Folder of the notebook (created if needed)."),
            show_default=False,
        ),
    ] = None,
    clone: Annotated[
        str | None,
        typer.Option(
            "--clone",
            metavar=_("ADDRESS"),
            help=_("Join a shared notebook: copy it from ADDRESS."),
            show_default=False,
        ),
    ] = None,
    remote: Annotated[
        str | None,
        typer.Option(
            "--remote",
            metavar=_("ADDRESS"),
            help=_("Address of the shared repository to publish to."),
            show_default=False,
        ),
    ] = None,
) -> None:
    services: Services = ctx.obj
    if folder is not None and not folder.strip():
        raise FolderNameEmpty()  # never the current folder by accident
    target = Path(folder) if folder else Path(clone_folder_name(clone) if clone else ".")
    refuse_inside_notebook(target, clone)
    remote = shared_address(remote) if remote else None  # checked before anything is made
    if remote:
        refuse_unshareable_folder(remote)
    if clone:
        clone = shared_address(clone)
        if target.exists() and not target.is_dir():
            raise NotAFolder(path=str(target))
        if target.exists() and any(target.iterdir()):
            raise FolderNotEmpty(path=str(target))
        join_shared(services, clone, target)
        target = notebook_below(target)
        warn_links(target)
    if remote:
        refuse_another_notebook(services, remote, target)
    prepare_folder(target)
    enclosing = None if clone else services.enclosing_repository(target)
    report = init_notebook(target)
    # A clone is its own repository; any other notebook is made one, never a folder of the
    # project around it, whose whole history the first sync would otherwise share.
    repository = services.repository(report.root, create=True, own=not clone)
    if clone:
        borrow_identity(services, repository)
    if remote:
        repository.set_remote(remote)
    leave_out_repositories(repository, report.root)
    render.info(_("Notebook ready in {root}").format(root=report.root))
    if enclosing is not None:
        render.info(
            _(
                "{root} is inside the git repository {outer}: the notebook has a repository "
                "of its own, and {outer}'s files are never shared."
            ).format(root=report.root, outer=enclosing)
        )
    if report.adopted_notes and not clone:
        render.info(_notes_found(report.adopted_notes, joined=False))
    elif clone and not report.adopted_notes:  # an empty shared repository: say so
        render.info(
            _(
                "The team's notebook is empty so far: write its first note (`garefil new`), "
                "then `garefil sync` shares it."
            )
        )
    record_creation(repository, report.root)
    if clone:
        from .index_run import other_files

        fetched = build_index(services, report.root).tally()
        if report.adopted_notes:  # counted as the index and `list` count them, the rest named
            render.info(_notes_found(fetched.notes, joined=True))
            other_files(fetched)
    if remote:
        render.info(_("`garefil sync` will publish it to {url}.").format(url=remote))


def refuse_inside_notebook(target: Path, clone: str | None) -> None:
    """A notebook made inside another would be recorded by the next sync as a folder of it
    (a git link): its notes mixed with the outer notebook's, refused before anything is made."""
    from garefil.core.notebook import find_root

    folder = Path(os.path.abspath(target))
    outer = find_root(folder.parent)
    if outer is None:
        return
    beside = folder_beside(outer, folder.name)
    if beside.exists():
        beside = folder_beside(outer)
    shown = os.path.relpath(beside)
    command = f"garefil init --clone {clone} {shown}" if clone else f"garefil init {shown}"
    raise NotebookInsideNotebook(folder=str(target), notebook=str(outer), command=command)


def refuse_another_notebook(services: Services, remote: str, target: Path) -> None:
    """Before anything is made: a shared repository that already holds a notebook is joined
    with --clone; a new notebook pushed there would replace the team's settings."""
    if not services.foreign_notebook(remote, target):
        return
    empty = not target.exists() or (target.is_dir() and not any(target.iterdir()))
    raise AnotherNotebookNotCreated(
        remote=remote, folder=str(target) if empty else _("FOLDER"), here=str(target)
    )


def _notes_found(count: int, joined: bool) -> str:
    """What init says of the notes already there: the team's, on a clone; else adopted."""
    if joined:
        text = ngettext(
            "{n} note fetched from the team.", "{n} notes fetched from the team.", count
        )
    else:
        text = ngettext(
            "{n} existing note adopted as it is.", "{n} existing notes adopted as they are.", count
        )
    return text.format(n=count)


def build_index(services: Services, root: Path) -> IndexReport:
    """The joined notebook's index, built now: shell completion never builds one, and a new
    clone's notes take a second or two, so its Tab proposes tags and names at once."""
    from garefil.core.notebook import Notebook

    from .common import fresh_index

    return fresh_index(services, Notebook.open(root))


def warn_links(root: Path) -> None:
    """Say which symbolic links came with the shared notebook: garefil never follows them."""
    for path in symbolic_links(root):
        render.problem_line(
            _(
                "{path} is a symbolic link: garefil neither reads nor shares it "
                "(`garefil rm {path}` removes the link, never what it points to)."
            ).format(path=path)
        )


def leave_out_repositories(repository, root: Path) -> None:
    """Other git repositories inside the folder are not notes: never recorded, and said so."""
    nested = nested_repositories(root)
    if nested:
        repository.leave_out([root / folder for folder in nested])
    for folder in nested:
        render.problem_line(
            _("{path} is a git repository of its own: left out of the notebook.").format(
                path=folder
            )
        )


def join_shared(services: Services, url: str, target: Path) -> None:
    """Clone the shared notebook into `target` (empty or new); a clone refused after copying
    (a notebook split in two branches) is taken away, so the same command can be run again."""
    existed = target.exists()
    try:
        services.clone(url, target)
    except GarefilError:
        if target.exists() and not existed:
            shutil.rmtree(target)
        elif target.exists():  # the coach's own empty folder stays, emptied again
            for child in target.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        raise


def borrow_identity(services: Services, repository) -> None:
    """A clone typed from a notebook whose identity was given to it alone (`config user` inside
    it) signs with that identity: the same coach, who would otherwise be asked again."""
    from garefil.core.notebook import find_root

    here = find_root(Path.cwd())
    if here is None or _signs(repository):
        return
    source = services.repository(here)
    if not _signs(source):
        return
    name, email = source.author_name(), source.author_email()
    repository.set_identity(name, email)
    render.info(
        _("Changes will be signed {name} <{email}>, as in {notebook}.").format(
            name=name, email=email, notebook=here
        )
    )


def _signs(repository) -> bool:
    """Whether git knows who signs this repository's changes."""
    try:
        repository.author_name()
    except GitIdentityMissing:
        return False
    return True


def record_creation(repository, root: Path) -> None:
    """The notebook's first commit; without a git identity, ask for one on a terminal, or
    say how to give it: the notebook exists either way, and the next change records it."""
    try:
        repository.commit([root], recorded("garefil: notebook created"))
        return
    except GitIdentityMissing:
        if not sys.stdin.isatty():
            render.problem_line(_identity_wanted(repository, root))
            return
    render.info(_("Git does not know who you are yet: your name and e-mail sign your changes."))
    try:
        name = typer.prompt(_("Your first and last name"), prompt_suffix=_(": "))
        email = typer.prompt(_("Your e-mail address"), prompt_suffix=_(": "))
    except (typer.Abort, EOFError):  # Ctrl-C, Ctrl-D: the notebook exists all the same
        raise CreationNotRecorded(path=str(root)) from None
    repository.set_identity(name, email)
    repository.commit([root], recorded("garefil: notebook created"))


def _identity_wanted(repository, root: Path) -> str:
    """Why git's identity is wanted: to record the new notebook, or (a clone, whole already) to
    sign the coach's first change."""
    said = (
        _("Git does not know who you are yet: the notebook will be recorded after")
        if repository.pending(root)
        else _("Git does not know who you are yet: before your first change, run")
    )
    return said + ' `garefil config user "Prénom Nom" prenom.nom@exemple.org`.'


def clone_folder_name(url: str) -> str:
    """The folder a clone goes to, as git names it: the address's last part, without .git."""
    name = url.rstrip("/").replace(":", "/").rsplit("/", 1)[-1].removesuffix(".git")
    return name or "carnet"


def notebook_below(folder: Path) -> Path:
    """The notebook inside a fresh clone: the clone itself, or its only sub-folder that is one."""
    if (folder / CONFIG_DIR).is_dir():
        return folder
    inside = [child for child in folder.iterdir() if (child / CONFIG_DIR).is_dir()]
    return inside[0] if len(inside) == 1 else folder


def config_user(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar=_("NAME"), help=_("Your first and last name."))],
    email: Annotated[str, typer.Argument(metavar="EMAIL", help=_("Your e-mail address."))],
) -> None:
    services: Services = ctx.obj
    check_identity(name, email)
    try:  # signing needs no settings: whatever the notebook's hold, the coach can sign
        notebook = services.notebook(despite_settings=True)
    except NotebookNotFound:  # before any notebook: git's identity for the whole computer
        services.set_global_identity(name, email)
        render.success(
            _("Changes will be signed {name} <{email}> in every notebook of this computer.").format(
                name=name, email=email
            )
        )
        return
    if notebook.refused:
        render.settings_refused(notebook.refused)
    repository = services.repository(notebook.root)
    repository.set_identity(name, email)
    if repository.head() is None:  # created before git knew the coach: record it now
        repository.commit([notebook.root], recorded("garefil: notebook created"))
    # git's setting of this notebook alone, which wins over the computer's: say which it is.
    said = _(
        "Changes to this notebook will be signed {name} <{email}> (this notebook only: run "
        "outside a notebook, `garefil config user` signs them all)."
    )
    render.success(said.format(name=name, email=email))
