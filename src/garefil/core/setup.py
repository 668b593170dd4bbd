"""Create a notebook, or adopt a folder of existing Markdown notes, without rewriting any note."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .config import CONFIG_DIR, CONFIG_FILE, DEFAULT_CONFIG_TOML, Config
from .errors import FolderNameEmpty, FolderNotCreatable, InvalidIdentity, NotAFolder
from .notebook import Notebook

# Derived data stays local: each clone rebuilds it from the notes.
# The index is ignored as a path, not only as a folder: a committed link in its place must show.
# Invitations written in the notebook (cli/invitation_file.py) are the coach's, never shared.
IGNORED = (
    f"/{CONFIG_DIR}/index",
    f"/{CONFIG_DIR}/cache/",
    f"/{CONFIG_DIR}/*.lock",
    f"/{CONFIG_DIR}/invitations/",
)


# Notes (core/merge.py) and the shared settings (core/settings_merge.py) are merged by garefil's
# driver, registered in each clone's git config.
ATTRIBUTES = ("*.md merge=garefil", f"{CONFIG_DIR}/{CONFIG_FILE} merge=garefil")


@dataclass(frozen=True)
class InitReport:
    """What `init` found and did."""

    root: Path
    created_config: bool
    adopted_notes: int


def init_notebook(folder: Path) -> InitReport:
    """Make `folder` a notebook (idempotent): config, .gitignore; notes are left as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / CONFIG_DIR / CONFIG_FILE
    created = not config.exists()
    if created:
        config.parent.mkdir(exist_ok=True)
        # The team's name for the notebook, the same on every coach's screen until they choose
        # one: never the folder's, which is this coach's own (« carnet-awa » on Karim's screen).
        notebook = Notebook.open(folder)
        text = DEFAULT_CONFIG_TOML.format(name=Config.name)
        notebook.write_new(f"{CONFIG_DIR}/{CONFIG_FILE}", text)
    _ensure_ignored(Notebook.open(folder))
    ensure_attributes(Notebook.open(folder))
    notebook = Notebook.open(folder)
    return InitReport(notebook.root, created, len(notebook.note_paths()))


def prepare_folder(folder: Path) -> None:
    """Create the notebook's folder, or say in one line why it cannot be one."""
    if not str(folder).strip():
        raise FolderNameEmpty()
    if folder.exists() and not folder.is_dir():
        raise NotAFolder(path=str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a system folder (/proc), a read-only disk, no right to write there
        raise FolderNotCreatable(path=str(folder)) from None


def check_identity(name: str, email: str) -> None:
    """Refuse a name or e-mail git would store badly: empty, on two lines, an e-mail without @."""
    email = email.strip()
    if not name.strip() or any(c in name + email for c in "\n\r\0<>"):
        raise InvalidIdentity()
    if "@" not in email.strip("@") or " " in email:
        raise InvalidIdentity()


def symbolic_links(root: Path) -> list[str]:
    """Symbolic links in the notebook (outside .git): never read, and refused by sync."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != ".git"]
        here = Path(folder)
        names = files + [d for d in dirs if (here / d).is_symlink()]
        found += [(here / name).relative_to(root).as_posix() for name in names]
    return sorted(path for path in found if (root / path).is_symlink())


def nested_repositories(root: Path) -> list[str]:
    """Folders below `root` that are git repositories of their own (never part of the notes)."""
    found = []
    for folder, dirs, _files in os.walk(root):
        here = Path(folder)
        if here != root and (here / ".git").exists():
            found.append(here.relative_to(root).as_posix())
            dirs.clear()
        dirs[:] = [d for d in dirs if d != ".git"]
    return sorted(found)


def _ensure_ignored(notebook: Notebook) -> None:
    path = notebook.root / ".gitignore"
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    missing = [line for line in IGNORED if line not in current.splitlines()]
    if not missing:
        return
    prefix = current if not current or current.endswith("\n") else current + "\n"
    header = "# garefil : données dérivées, reconstruites sur chaque poste\n"
    notebook.replace(".gitignore", prefix + header + "\n".join(missing) + "\n")


def ensure_attributes(notebook: Notebook) -> bool:
    """Declare the notes' merge driver in `.gitattributes` (idempotent); whether it wrote."""
    path = notebook.root / ".gitattributes"
    current = path.read_text(encoding="utf-8") if path.is_file() else ""
    missing = [line for line in ATTRIBUTES if line not in current.splitlines()]
    if not missing:
        return False
    prefix = current if not current or current.endswith("\n") else current + "\n"
    header = "# garefil : notes et réglages se fusionnent clé par clé (docs/sharing.md)\n"
    if "merge=garefil" in current:  # a notebook made before the settings' merge: said once
        header = ""
    notebook.replace(".gitattributes", prefix + header + "\n".join(missing) + "\n")
    return True
