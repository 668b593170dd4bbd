"""A coach's own mail server settings: the `[smtp]` table of their personal settings file.

The file is the coach's, never the notebook's: `$XDG_CONFIG_HOME/garefil/config.toml`
(`~/.config/garefil/config.toml` by default), so that a server, a login and an address are
never committed nor shared. The password is in no file at all: GAREFIL_SMTP_PASSWORD, or asked
at the terminal. One function reads it all, so that the per-coach settings module, when it
comes, replaces this file alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import N_, ConfigNotToml, ConfigValueRefused, InvalidConfig
from .mail import SECURITIES, SmtpServer

PASSWORD_VARIABLE = "GAREFIL_SMTP_PASSWORD"
NOT_A_PORT = N_("a port number between 1 and 65535 was expected")
NOT_A_SECURITY = N_("starttls, ssl or aucune was expected")
NOT_AN_ADDRESS = N_("an e-mail address was expected")
NOT_TEXT = N_("text in quotes was expected")
CLEAR_PASSWORD = N_("a login without starttls or ssl is only for a server on this computer")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def settings_path(environ: Mapping[str, str]) -> Path:
    """The coach's settings file (XDG_CONFIG_HOME, else ~/.config)."""
    base = environ.get("XDG_CONFIG_HOME") or str(Path(environ.get("HOME", "~")) / ".config")
    return Path(base).expanduser() / "garefil" / "config.toml"


def smtp_server(environ: Mapping[str, str]) -> SmtpServer | None:
    """The coach's mail server, or None when no `[smtp]` table names one."""
    path = settings_path(environ)
    if not path.is_file():
        return None
    text = _text_of(path)
    try:
        table = tomllib.loads(text).get("smtp")
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"at line (\d+)", str(error))
        raise ConfigNotToml(path=str(path), line=int(found.group(1)) if found else 1) from error
    if not isinstance(table, dict) or not table.get("serveur"):
        return None
    try:
        return _server(table)
    except _Refused as refused:
        line = _line_of(text, refused.key)
        raise ConfigValueRefused(
            path=str(path), line=line, key=f"smtp.{refused.key}", detail=refused.detail
        ) from None


class _Refused(Exception):
    def __init__(self, key: str, detail: str) -> None:
        super().__init__(key)
        self.key, self.detail = key, detail


def _server(table: dict[str, Any]) -> SmtpServer:
    port = table.get("port", 465 if table.get("securite") == "ssl" else 587)
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise _Refused("port", NOT_A_PORT)
    security = _optional(table, "securite") or ("ssl" if port == 465 else "starttls")
    if security not in SECURITIES:
        raise _Refused("securite", NOT_A_SECURITY)
    host = _optional(table, "serveur") or ""
    if security == "aucune" and table.get("identifiant") and host not in LOOPBACK:
        raise _Refused("securite", CLEAR_PASSWORD)  # a password would cross the network in clear
    sender = _optional(table, "expediteur")
    if sender is not None and "@" not in sender:
        raise _Refused("expediteur", NOT_AN_ADDRESS)
    return SmtpServer(
        host=host,
        port=port,
        security=security,
        login=_optional(table, "identifiant"),
        sender=sender,
    )


def _optional(table: dict[str, Any], key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Refused(key, NOT_TEXT)
    return value.strip() or None


def _text_of(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidConfig(path=str(path), detail=N_("the file is not UTF-8 text")) from None


def _line_of(text: str, key: str) -> int:
    """The line of `key =` below `[smtp]`."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if line.strip() == "[smtp]"), 0)
    setting = re.compile(r"\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    return next((n for n in range(start, len(lines)) if setting.match(lines[n])), start) + 1
