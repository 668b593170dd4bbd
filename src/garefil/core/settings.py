"""A coach's settings, each with where it came from: who I am, my editor, my defaults, my SMTP.

Precedence, highest first (docs/settings.md says it in French):
  1. a command-line option (`--referent`…), for that command only;
  2. an environment variable (GAREFIL_NAME, GAREFIL_EDITOR or VISUAL or EDITOR, GAREFIL_LANG…);
     PAGER, a system-wide variable, comes after the coach's own `pager` (cli/pager.py);
  3. the coach's own file, $XDG_CONFIG_HOME/garefil/config.toml (~/.config/garefil/config.toml),
     never committed, written by `garefil config set`;
  4. the notebook's shared `.garefil/config.toml` (the default référent, the team's SMTP server);
  5. a default (for `nom`: the git identity, when it names a member of the team).
The SMTP password is never written anywhere: GAREFIL_SMTP_PASSWORD, or the command asks for it.
This module is pure: the files are read by coach_file.py and config.py, the CLI passes them in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .coach_path import coach_file as coach_file  # where it always was, for callers
from .errors import (
    N_,
    PasswordNotStored,
    SettingRefused,
    SettingRefusedIn,
    SmtpNotSet,
    UnknownSetting,
)

SECURITIES = ("starttls", "ssl", "aucune")  # as core/mail.py names them
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "aucune": 25}
PASSWORD_VARIABLE = "GAREFIL_SMTP_PASSWORD"
PASSWORD_KEYS = frozenset({"smtp.motdepasse", "smtp.mot-de-passe", "smtp.password"})
# What a value should have been (msgids, translated where they are shown).
NOT_EMPTY = N_("a value was expected")
NOT_A_LANGUAGE = N_("fr or en was expected")
NOT_A_PORT = N_("a port number, from 1 to 65535, was expected")
NOT_A_SECURITY = N_("starttls, ssl or aucune was expected")
NOT_AN_ADDRESS = N_("an e-mail address was expected, such as Awa Diallo <awa@exemple.org>")
NOT_A_HOST = N_("a server name was expected, such as smtp.exemple.org")
NOT_A_COMMAND = N_('a command was expected, such as nano or "code --wait"')
NOT_A_PAGER = N_(
    'a command found on this computer was expected, such as less or "less -S", or oui or non'
)
# The `pager` values that mean no pager at all (cli/pager.py reads them too).
PAGER_OFF = frozenset({"", "non", "no", "aucun", "off", "false", "0", "cat"})
# The `pager` values that mean the usual one: PAGER, else less (cli/pager.py reads them too).
PAGER_ON = frozenset({"oui", "yes", "on", "true", "1"})


@dataclass(frozen=True)
class Origin:
    """Where a value came from: `option`, `environment` (detail: the variable), `coach` or
    `notebook` (detail: the file), `git`, or `default`."""

    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Setting:
    """One setting's value (None: not set) and its origin."""

    key: str
    value: str | int | None
    origin: Origin


@dataclass(frozen=True)
class Spec:
    """A key a coach may set (docs/settings.md says what each is), its environment variables
    (the first set wins) and its check."""

    key: str
    environment: tuple[str, ...] = ()
    check: Callable[[str], str | int] | None = None


def _text(value: str) -> str:
    value = " ".join(str(value).split())
    if not value:
        raise ValueError(NOT_EMPTY)
    return value


def _language(value: str) -> str:
    value = _text(value).lower()[:2]
    if value not in ("fr", "en"):
        raise ValueError(NOT_A_LANGUAGE)
    return value


def _port(value: str | int) -> int:
    text = str(value).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise ValueError(NOT_A_PORT)
    return int(text)


def _security(value: str) -> str:
    value = {"none": "aucune", "tls": "ssl"}.get(_text(value).lower(), _text(value).lower())
    if value not in SECURITIES:
        raise ValueError(NOT_A_SECURITY)
    return value


def _host(value: str) -> str:
    value = _text(value)
    if " " in value or "/" in value or "@" in value:
        raise ValueError(NOT_A_HOST)
    return value


def _address(value: str) -> str:
    from email.utils import parseaddr  # the email package: only when an address is checked

    value = _text(value)
    if "@" not in parseaddr(value)[1]:
        raise ValueError(NOT_AN_ADDRESS)
    return value


def _command(value: str) -> str:
    import shlex

    value = str(value).strip()  # spaces inside quotes are the command's own
    if not value:
        raise ValueError(NOT_EMPTY)
    try:
        shlex.split(value)
    except ValueError:
        raise ValueError(NOT_A_COMMAND) from None
    return value


def _pager(value: str) -> str:
    """A pager that can start, or one of the words that turn it off: a value that names no
    command would leave the coach with no pager, and PAGER ignored, without a word."""
    import shlex
    import shutil

    value = _command(value)
    if value.lower() in PAGER_OFF | PAGER_ON:
        return value
    words = shlex.split(value)
    if not words or shutil.which(words[0]) is None:
        raise ValueError(NOT_A_PAGER)
    return value


SPECS: tuple[Spec, ...] = (
    Spec("nom", ("GAREFIL_NAME",), _text),  # who the coach is: a member of the team
    Spec("editeur", ("GAREFIL_EDITOR", "VISUAL", "EDITOR"), _command),
    Spec("langue", ("GAREFIL_LANG",), _language),
    Spec("pager", ("GAREFIL_PAGER",), _pager),  # "non": never; PAGER comes after the file
    Spec("referent", ("GAREFIL_REFERENT",), _text),  # of the notes the coach writes
    Spec("smtp.serveur", ("GAREFIL_SMTP_HOST",), _host),
    Spec("smtp.port", ("GAREFIL_SMTP_PORT",), _port),
    Spec("smtp.securite", ("GAREFIL_SMTP_SECURITY",), _security),
    Spec("smtp.identifiant", ("GAREFIL_SMTP_LOGIN",), _text),
    Spec("smtp.expediteur", ("GAREFIL_SMTP_SENDER",), _address),
    # The words around a report sent by e-mail (core/mail_text.py): {prenom}, {nom}, {coach}.
    Spec("mail.salutation", ("GAREFIL_MAIL_GREETING",), _text),
    Spec("mail.signature", ("GAREFIL_MAIL_SIGNATURE",), _text),
)
MAIL_WORDING = ("mail.salutation", "mail.signature")
BY_KEY = {spec.key: spec for spec in SPECS}
SMTP_KEYS = tuple(key for key in BY_KEY if key.startswith("smtp."))
# Keys the notebook's shared config.toml may give for everyone (personal ones are the coach's).
NOTEBOOK_KEYS = frozenset({"referent", "smtp.serveur", "smtp.port", "smtp.securite"})


def notebook_settings(smtp: Mapping[str, object], referent: str | None) -> dict[str, object]:
    """The keys the notebook's shared config gives: its `[smtp]` table and default référent."""
    shared = {f"smtp.{key}": smtp.get(key) for key in ("serveur", "port", "securite")}
    return {**shared, "referent": referent}


def spec_of(key: str) -> Spec:
    """The setting `key` names; UnknownSetting (listing them), or PasswordNotStored."""
    if key in PASSWORD_KEYS:
        raise PasswordNotStored(variable=PASSWORD_VARIABLE)
    spec = BY_KEY.get(key)
    if spec is None:
        raise UnknownSetting(key=key, keys=", ".join(BY_KEY))
    return spec


def checked(key: str, value: object) -> str | int:
    """`value` for `key` as stored (trimmed, lower-cased…); UnknownSetting, PasswordNotStored
    or SettingRefused (naming what was expected) otherwise."""
    spec = spec_of(key)
    try:
        return spec.check(value) if spec.check else str(value)
    except ValueError as wrong:
        raise SettingRefused(key=key, value=str(value), detail=str(wrong)) from None


@dataclass(frozen=True)
class Layers:
    """What each source says, as flat `key → value` mappings (the CLI reads the files)."""

    options: Mapping[str, object]
    environ: Mapping[str, str]
    coach: Mapping[str, object]
    coach_path: str
    notebook: Mapping[str, object]
    notebook_path: str = ""
    defaults: Mapping[str, tuple[object, Origin]] = field(default_factory=dict)


def resolve(layers: Layers, keys: Iterable[str] | None = None) -> dict[str, Setting]:
    """The settings `keys` (by default all), each from the highest source that gives it (see
    the module's docstring): a value refused elsewhere does not stop the others."""
    wanted = SPECS if keys is None else tuple(spec_of(key) for key in keys)
    return {spec.key: _resolve_one(spec, layers) for spec in wanted}


def _resolve_one(spec: Spec, layers: Layers) -> Setting:
    for value, origin in _candidates(spec, layers):
        if value is not None and str(value).strip():
            try:
                return Setting(spec.key, checked(spec.key, value), origin)
            except SettingRefused as refused:
                if not origin.detail:  # an option: the command line itself is the place
                    raise
                raise SettingRefusedIn(origin=origin.detail, **refused.params) from None
    return Setting(spec.key, None, Origin("default"))


def _candidates(spec: Spec, layers: Layers):
    yield layers.options.get(spec.key), Origin("option")
    for variable in spec.environment:
        yield layers.environ.get(variable), Origin("environment", variable)
    yield layers.coach.get(spec.key), Origin("coach", layers.coach_path)
    if spec.key in NOTEBOOK_KEYS:
        yield layers.notebook.get(spec.key), Origin("notebook", layers.notebook_path)
    yield layers.defaults.get(spec.key, (None, Origin("default")))


@dataclass(frozen=True)
class SmtpSettings:
    """How to send mail as this coach: server, port, security (starttls, ssl or aucune), login
    (None: no login), sender address. The password is never here: see `smtp_password`."""

    host: str
    port: int
    security: str
    login: str | None
    sender: str


def smtp_settings(settings: Mapping[str, Setting]) -> SmtpSettings:
    """The coach's SMTP settings; SmtpNotSet naming the first missing key (server, sender)."""
    value = {key: setting.value for key, setting in settings.items()}
    for key in ("smtp.serveur", "smtp.expediteur"):
        if value.get(key) is None:
            raise SmtpNotSet(key=key)
    security = str(value.get("smtp.securite") or "starttls")
    port = value.get("smtp.port")
    return SmtpSettings(
        host=str(value["smtp.serveur"]),
        port=int(port) if port is not None else DEFAULT_PORTS[security],
        security=security,
        login=str(value["smtp.identifiant"]) if value.get("smtp.identifiant") else None,
        sender=str(value["smtp.expediteur"]),
    )


def smtp_password(environ: Mapping[str, str]) -> str | None:
    """The SMTP password from GAREFIL_SMTP_PASSWORD; None: the CLI asks for it (never stored)."""
    return environ.get(PASSWORD_VARIABLE) or None
