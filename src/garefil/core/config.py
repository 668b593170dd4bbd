"""The notebook's shared settings, `.garefil/config.toml`, committed with the notes.

Precedence, highest first: command-line options, environment variables (GAREFIL_NOTEBOOK,
GAREFIL_LANG), this file, built-in defaults. Personal identity is git's own (user.name,
user.email), so nothing personal is ever committed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_toml import NotToml, read_toml
from .errors import N_, ConfigNotToml, ConfigValueRefused, InvalidConfig, UnsafeFolder
from .notetypes import BUILTIN_TYPES, NoteType
from .text import normalize_tag

CONFIG_DIR = ".garefil"
CONFIG_FILE = "config.toml"
INDEX_DIR = "index"  # in CONFIG_DIR: the search index, local and derived, never committed
NOTEBOOK_MARK = f"{CONFIG_DIR}/{CONFIG_FILE}"  # the file whose presence in a tree is a notebook
MAX_NAME_BYTES = 255  # the longest file or folder name most file systems accept
# What a setting should have been (msgids, translated where they are shown).
NOT_UTF8 = N_("the file is not UTF-8 text")
NOT_A_TABLE = N_("a [section] of settings was expected")
NOT_TEXT = N_("text in quotes was expected")
NOT_A_LIST = N_('a list in brackets was expected, such as ["a", "b"]')
NUL_IN_FOLDER = N_("a folder name cannot hold a NUL character")
FOLDER_TOO_LONG = N_("a folder name is at most 255 bytes long")
NOT_A_SLOT = N_("a weekday (lundi…dimanche) or an hour such as 14:00 was expected")
NOT_A_COUNT = N_("a whole number of days or months, 0 or more, was expected")
NOT_A_FLAG = N_("true or false was expected")
NOT_A_SIZE = N_("a whole number, more than 0, was expected")
NOT_A_PATTERN = N_('an address holding {pad} was expected, such as "{pad}/export/txt"')
NOT_YEARS = N_("a whole number of years, 0 or more, was expected")


@dataclass(frozen=True)
class PadSettings:
    """`[pads]` in the notebook config: the size limit, the wait, the export patterns."""

    max_bytes: int = 2 * 1024 * 1024
    timeout: float = 20.0
    exports: tuple[tuple[str, str], ...] = ()  # (host, pattern with {pad})


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
    # `garefil jardin`: "brouillon_jours" and "champs" (required keys, by type)
    jardin: dict[str, Any] = field(default_factory=dict)
    pads: PadSettings = PadSettings()
    document_warning_bytes: int = 10 * 1024 * 1024  # `doc ajouter` warns above it
    smtp: dict[str, Any] = field(default_factory=dict)  # the team's mail server (settings.py)
    meeting: dict[str, str] = field(default_factory=dict)  # [reunion]: jour, debut, fin
    retention_years: int | None = None  # [rgpd] conservation_sortis_ans (core/rgpd.py)
    summary_auto: bool = True  # writing commands regenerate SOMMAIRE.md (when it exists)


def load_config(path: Path, kept: Path | None = None) -> Config:
    """Read config.toml; a missing file gives the defaults, a broken one InvalidConfig.
    `kept`: a file where its values may be kept, to be taken again while it is unchanged
    (core/config_toml.py).

    The file is committed by teammates: whatever it holds, the coach gets one sentence naming
    the line, never the parser's English (which --debug still shows, chained).
    """
    if not path.is_file():
        return Config()
    return config_from_bytes(path.read_bytes(), str(path), kept)


def config_from_bytes(data: bytes, shown: str, kept: Path | None = None) -> Config:
    """The settings `data` holds (a config.toml named `shown` in messages), or InvalidConfig:
    also how a teammate's settings are checked before a sync brings them in."""
    try:  # newlines as a text read has them, whichever system wrote the file
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        raise InvalidConfig(path=shown, detail=NOT_UTF8) from None
    try:
        parsed = read_toml(text, kept)
    except NotToml as error:
        raise ConfigNotToml(path=shown, line=error.line) from error.__cause__
    try:
        return _config_from(parsed)
    except UnsafeValue as unsafe:
        line = _line_of(text, unsafe.key)
        raise UnsafeFolder(path=shown, line=line, key=unsafe.shown, folder=unsafe.folder) from None
    except WrongValue as wrong:
        line = _line_of(text, wrong.key)
        raise ConfigValueRefused(
            path=shown, line=line, key=wrong.key, detail=wrong.detail
        ) from None


def holds_notebook(paths: Iterable[str]) -> bool:
    """Whether a git tree listing `paths` holds a notebook (its settings file, at any depth)."""
    return any(path == NOTEBOOK_MARK or path.endswith("/" + NOTEBOOK_MARK) for path in paths)


class WrongValue(Exception):
    """A setting of the wrong kind: its dotted key and what was expected (a msgid)."""

    def __init__(self, key: str, detail: str) -> None:
        super().__init__(key, detail)
        self.key, self.detail = key, detail


class UnsafeValue(WrongValue):
    """A note folder leading outside the notebook, or into a hidden one: refused for safety."""

    def __init__(self, key: str, shown: str, folder: str) -> None:
        super().__init__(key, "")
        self.shown, self.folder = shown, folder


def _config_from(data: dict[str, Any]) -> Config:
    notebook = _table(data, "notebook")
    team = _table(data, "team")
    synonyms = {
        normalize_tag(alias): normalize_tag(_text(target, f"tags.synonyms.{alias}"))
        for alias, target in _table(_table(data, "tags"), "synonyms", "tags.").items()
    }
    types = dict(BUILTIN_TYPES)
    declared = _table(data, "types")
    for name in declared:
        types[name] = _note_type(name, _table(declared, name, "types."), types)
    referent = _table(data, "defaults").get("referent")
    return Config(
        name=_text(notebook.get("name", Config.name), "notebook.name"),
        members=_texts(team.get("members", ()), "team.members"),
        synonyms=synonyms,
        types=types,
        default_referent=_text(referent, "defaults.referent") if referent else None,
        generated=_texts(_table(data, "sync").get("generated", ()), "sync.generated"),
        suivi=_thresholds(_table(data, "suivi")),
        jardin=_jardin(_table(data, "jardin")),
        pads=_pad_settings(_table(data, "pads")),
        document_warning_bytes=_warning_size(_table(data, "documents")),
        smtp=dict(_table(data, "smtp")),  # checked by settings.py, which knows each key
        meeting=_meeting(_table(data, "reunion")),
        retention_years=_years(_table(data, "rgpd").get(RETENTION_KEY), f"rgpd.{RETENTION_KEY}"),
        summary_auto=_flag(_table(data, "sommaire").get("auto", True), "sommaire.auto"),
    )


def _flag(value: Any, key: str) -> bool:
    if not isinstance(value, bool):
        raise WrongValue(key, NOT_A_FLAG)
    return value


def _warning_size(section: dict[str, Any]) -> int:
    """[documents] taille_alerte_ko: above it, filing a document warns (in bytes)."""
    size = section.get("taille_alerte_ko", Config.document_warning_bytes // 1024)
    if not isinstance(size, int | float) or isinstance(size, bool) or size <= 0:
        raise WrongValue("documents.taille_alerte_ko", NOT_A_SIZE)
    return int(size * 1024)


def _pad_settings(section: dict[str, Any]) -> PadSettings:
    """[pads]: the size limit in kB, the wait in seconds, and [pads.export]'s patterns."""
    default = PadSettings()
    size = section.get("taille_max_ko", default.max_bytes // 1024)
    wait = section.get("delai_secondes", default.timeout)
    for key, value in (("taille_max_ko", size), ("delai_secondes", wait)):
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            raise WrongValue(f"pads.{key}", NOT_A_SIZE)
    exports = _table(section, "export", "pads.")
    for host, pattern in exports.items():
        if "{pad}" not in _text(pattern, f"pads.export.{host}"):
            raise WrongValue(f"pads.export.{host}", NOT_A_PATTERN)
    return PadSettings(int(size * 1024), float(wait), tuple(sorted(exports.items())))


def _note_type(name: str, spec: dict[str, Any], types: dict[str, NoteType]) -> NoteType:
    """The type `[types.NAME]` describes, over the built-in one of that name if any."""
    base = types.get(name, NoteType(name, name))
    key = f"types.{name}.folder"
    folder = _text(spec.get("folder", base.folder), key).rstrip("/")
    if "\0" in folder:
        raise WrongValue(key, NUL_IN_FOLDER)
    if any(len(part.encode("utf-8")) > MAX_NAME_BYTES for part in folder.split("/")):
        raise WrongValue(key, FOLDER_TOO_LONG)
    if not is_note_folder(folder):
        raise UnsafeValue(key, f"[types.{name}] folder", folder)
    status = spec.get("initial_status", base.initial_status)
    return NoteType(
        name,
        folder,
        bool(spec.get("by_year", base.by_year)),
        _text(status, f"types.{name}.initial_status") if status is not None else None,
    )


def _table(data: dict[str, Any], key: str, prefix: str = "") -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise WrongValue(prefix + key, NOT_A_TABLE)
    return value


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise WrongValue(key, NOT_TEXT)
    return value


def _texts(value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise WrongValue(key, NOT_A_LIST)
    return tuple(_text(item, key) for item in value)


def _line_of(text: str, key: str) -> int:
    """The line where the dotted `key` is set: its `name =` line below its `[section]`."""
    *section, name = key.split(".")
    lines = text.splitlines()
    header = re.compile(r"\s*\[\s*" + r"\s*\.\s*".join(map(re.escape, section)) + r"\s*\]")
    start = next((n for n, line in enumerate(lines) if section and header.match(line)), 0)
    setting = re.compile(r"\s*[\"']?" + re.escape(name) + r"[\"']?\s*=")
    found = next((n for n in range(start, len(lines)) if setting.match(lines[n])), start)
    return found + 1


def _thresholds(section: dict[str, Any]) -> dict[str, int]:
    """[suivi]'s values: whole numbers of days or months, never negative."""
    for key, value in section.items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise WrongValue(f"suivi.{key}", NOT_A_COUNT)
    return {str(key): value for key, value in section.items()}


def _jardin(section: dict[str, Any]) -> dict[str, Any]:
    """[jardin]: `brouillon_jours` (days) and [jardin.champs] (type = ["key", …])."""
    settings: dict[str, Any] = {}
    if "brouillon_jours" in section:
        days = section["brouillon_jours"]
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise WrongValue("jardin.brouillon_jours", NOT_A_COUNT)
        settings["brouillon_jours"] = days
    fields = _table(section, "champs", "jardin.")
    settings["champs"] = {
        str(kind): _texts(keys, f"jardin.champs.{kind}") for kind, keys in fields.items()
    }
    return settings


def _meeting(section: dict[str, Any]) -> dict[str, str]:
    """[reunion]'s values: `jour` a weekday in French, `debut` and `fin` hours (14:00, 14h30)."""
    if not section:
        return {}  # most notebooks keep the default slot: no meeting rules to import then
    from .meetings import slot

    values = {str(key): _text(value, f"reunion.{key}") for key, value in section.items()}
    for key in values:
        try:
            slot({key: values[key]})
        except ValueError:
            raise WrongValue(f"reunion.{key}", NOT_A_SLOT) from None
    return values


RETENTION_KEY = "conservation_sortis_ans"


def _years(value: Any, key: str) -> int | None:
    """A number of years (the retention rule), or None when the setting is absent."""
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise WrongValue(key, NOT_YEARS)
    return value


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
# Le nom du carnet, le même pour toute l'équipe (accueil, sommaire, site) : à votre goût.
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
# Une action d'une note importée, échue ce nombre de mois avant l'import, est de l'histoire :
# historique_importe_mois = 6

[jardin]
# `garefil jardin` signale les brouillons plus vieux que (jours) :
# brouillon_jours = 30

[jardin.champs]
# Les clés à remplir, par type (valeurs par défaut) :
# cr = ["entrepreneur", "referent"]
# rdv = ["entrepreneur", "referent"]
# fiche = ["entrepreneur", "referent"]
# demande = ["entrepreneur"]
# reunion = ["participants"]

[pads]
# Une copie de pad plus grande est refusée ; délai d'attente du serveur de pads.
# taille_max_ko = 2048
# delai_secondes = 20

# [pads.export]
# Où un hébergeur de pads sert le texte ({{pad}} : l'adresse du pad), par exemple :
# "pad.exemple.org" = "{{pad}}/export/markdown"

[sommaire]
# Une fois SOMMAIRE.md créé (`garefil sommaire`), chaque commande qui écrit le régénère ;
# false l'arrête (`garefil sommaire` le régénère alors à la demande).
# auto = true

[documents]
# Au-delà de cette taille, `garefil doc ajouter` prévient (git garde chaque version de chaque
# fichier ; docs/documents.md parle de Git LFS).
# taille_alerte_ko = 10240

[rgpd]
# Entrepreneur·es « sorti » depuis plus de N ans, signalé·es par `garefil rgpd` :
# conservation_sortis_ans = 3

# Un type peut changer de dossier, par exemple :
# [types.cr]
# folder = "comptes-rendus"
"""
