"""The notebook's shared settings, `.garefil/config.toml`, committed with the notes.

Precedence, highest first: command-line options, environment variables (GAREFIL_NOTEBOOK,
GAREFIL_LANG), this file, built-in defaults. Personal identity is git's own (user.name,
user.email), so nothing personal is ever committed here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InvalidConfig, UnsafeFolder
from .notetypes import BUILTIN_TYPES, NoteType
from .text import normalize_tag

CONFIG_DIR = ".garefil"
CONFIG_FILE = "config.toml"


@dataclass(frozen=True)
class Config:
    """Settings read from config.toml; every field has a working default."""

    name: str = "Carnet de l'équipe"
    members: tuple[str, ...] = ()
    synonyms: dict[str, str] = field(default_factory=dict)
    types: dict[str, NoteType] = field(default_factory=lambda: dict(BUILTIN_TYPES))
    default_referent: str | None = None
    generated: tuple[str, ...] = ()  # pages garefil rebuilds: a merge never conflicts on them
    suivi: dict[str, int] = field(default_factory=dict)  # `garefil suivi`'s thresholds


def load_config(path: Path) -> Config:
    """Read config.toml; a missing file gives the defaults, a broken one InvalidConfig."""
    if not path.is_file():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidConfig(path=str(path), detail=str(error)) from None
    try:
        return _config_from(data, path)
    except (TypeError, ValueError, AttributeError) as error:
        raise InvalidConfig(path=str(path), detail=str(error)) from None


def _config_from(data: dict[str, Any], path: Path) -> Config:
    notebook = data.get("notebook", {})
    team = data.get("team", {})
    synonyms = {
        normalize_tag(alias): normalize_tag(target)
        for alias, target in data.get("tags", {}).get("synonyms", {}).items()
    }
    types = dict(BUILTIN_TYPES)
    for name, spec in data.get("types", {}).items():
        base = types.get(name, NoteType(name, name))
        folder = str(spec.get("folder", base.folder)).rstrip("/")
        if not is_note_folder(folder):
            raise UnsafeFolder(path=str(path), key=f"[types.{name}] folder", folder=folder)
        types[name] = NoteType(
            name,
            folder,
            bool(spec.get("by_year", base.by_year)),
            spec.get("initial_status", base.initial_status),
        )
    return Config(
        name=str(notebook.get("name", Config.name)),
        members=tuple(str(m) for m in team.get("members", ())),
        synonyms=synonyms,
        types=types,
        default_referent=data.get("defaults", {}).get("referent") or None,
        generated=tuple(str(p) for p in data.get("sync", {}).get("generated", ())),
        suivi=_thresholds(data.get("suivi", {})),
    )


def _thresholds(section: dict[str, Any]) -> dict[str, int]:
    """[suivi]'s values: whole numbers of days or months, never negative."""
    values = {str(key): int(value) for key, value in section.items()}
    if any(value < 0 for value in values.values()):
        raise ValueError("[suivi]: a threshold cannot be negative")
    return values


def is_note_folder(folder: str) -> bool:
    """Whether notes may go in `folder`: relative, inside the notebook, visible, outside .git.

    Notes in a hidden folder (`.git/hooks`, `.garefil`) would be written but never listed,
    indexed nor committed; an absolute or `..` folder would put them outside the notebook.
    """
    parts = folder.replace("\\", "/").split("/")
    if folder.startswith(("/", "~")) or not folder.strip() or ":" in parts[0]:
        return False
    return all(part and part != ".." and not part.startswith(".") for part in parts)


DEFAULT_CONFIG_TOML = """\
# Carnet garefil : réglages partagés par toute l'équipe (ce fichier est versionné).

[notebook]
name = "{name}"

[team]
# Les accompagnateur·rices de l'équipe.
members = []

[tags.synonyms]
# Une étiquette à gauche est enregistrée et cherchée comme celle de droite.
"france-travail" = "pole-emploi"
"pe" = "pole-emploi"
"assurance-maladie" = "cpam"

[defaults]
# Référent·e proposé·e quand --referent n'est pas donné (laisser vide sinon).
referent = ""

[suivi]
# Après combien de temps `garefil suivi` signale ce qui attend (valeurs par défaut) :
# rdv_sans_cr_jours = 2
# cr_brouillon_jours = 7
# demande_ouverte_jours = 14
# sans_nouvelles_mois = 3

# Un type peut changer de dossier, par exemple :
# [types.cr]
# folder = "comptes-rendus"
"""
