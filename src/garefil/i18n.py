"""The one translation layer: gettext catalogues, French by default, English on request.

Messages are written in English in the code (gettext msgids) and translated through
`locale/<lang>/LC_MESSAGES/garefil.mo`. The language is chosen once, at start-up: GAREFIL_LANG
(`fr` or `en`) if set; otherwise English when the locale names another language than French;
otherwise French, the team's language (a bare C/POSIX locale, common on servers, says nothing).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "garefil"
LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("fr", "en")
DEFAULT = "fr"


def choose_language(environ: Mapping[str, str]) -> str:
    """`fr` or `en`, from GAREFIL_LANG, else from the locale variables, else French."""
    wanted = environ.get("GAREFIL_LANG", "").strip().lower()[:2]
    if wanted in SUPPORTED:
        return wanted
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return "fr" if value.lower().startswith("fr") else "en"
    return DEFAULT


def load(language: str) -> gettext.NullTranslations:
    """The catalogue for `language`; English is the msgids themselves."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


_language = choose_language(os.environ)
_catalogue = load(_language)


def language() -> str:
    """The language messages are shown in (`fr` or `en`), for dates and numbers too."""
    return _language


def _(message: str) -> str:
    """The translation of `message` in the current language."""
    return _catalogue.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The translation of a message that depends on a count."""
    return _catalogue.ngettext(singular, plural, count)
