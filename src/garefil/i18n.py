"""The one translation layer: gettext catalogues, French by default, English on request.

Messages are written in English in the code (gettext msgids) and translated through
`locale/<lang>/LC_MESSAGES/garefil.mo`. The language is chosen once, at start-up: GAREFIL_LANG
(`fr` or `en`) if set; otherwise the coach's `langue` setting (core/settings.py); otherwise
English when the locale names another language than French; otherwise French, the team's
language (a bare C/POSIX locale, common on servers, says nothing).

What garefil records in the shared history (commit messages) is read by the whole team, long
after, whatever language each coach reads garefil in: it is written in the team's language,
French (`recorded`, `recorded_n`), never in the coach's (docs/design.md).
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

DOMAIN = "garefil"
LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("fr", "en")
DEFAULT = "fr"
HISTORY_LANGUAGE = DEFAULT  # no notebook says otherwise: there is no such setting
# « de {name} », « que {name} » in a translated message: elided before a name said with a vowel.
_BEFORE_A_VALUE = re.compile(r"\b([Dd]e|[Qq]ue) \{(\w+)\}")


def choose_language(environ: Mapping[str, str]) -> str:
    """`fr` or `en`, from GAREFIL_LANG, else the coach's `langue` setting, else the system's."""
    for wanted in (environ.get("GAREFIL_LANG", ""), _coach_language(environ)):
        wanted = wanted.strip().lower()[:2]
        if wanted in SUPPORTED:
            return wanted
    return system_language(environ)


def system_language(environ: Mapping[str, str]) -> str:
    """English when the locale variables name another language than French, else French."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value and value.split(".")[0] not in ("C", "POSIX"):
            return "fr" if value.lower().startswith("fr") else "en"
    return DEFAULT


def _coach_language(environ: Mapping[str, str]) -> str:
    """`langue` in the coach's own settings file ("" without one): read only if it exists."""
    from garefil.core.coach_path import coach_file  # not settings.py: its classes cost a start

    path = coach_file(environ)
    if not path.is_file():
        return ""
    from garefil.core.coach_file import read_settings
    from garefil.core.errors import GarefilError

    try:
        return str(read_settings(path).get("langue", ""))
    except (GarefilError, OSError):
        return ""  # `garefil config` names the problem; every other command goes on


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


def with_names(message: str, **values: object) -> str:
    """`message` (translated) formatted with `values`, French « de » and « que » elided before
    a name said with a vowel: « Le fil de {name} » for Omar Test reads « Le fil d'Omar Test ».
    English messages have no « de »: they read as `format` gives them."""
    from garefil.core.text import elides

    def elide(found: re.Match[str]) -> str:
        word, field = found.groups()
        named = elides(str(values.get(field, "")))
        return f"{word[:-1]}'{{{field}}}" if named else found.group(0)

    return _BEFORE_A_VALUE.sub(elide, message).format(**values)


def recorded(message: str) -> str:
    """`message` as the shared history records it (a commit message): in the team's language."""
    return _history().gettext(message)


def recorded_n(singular: str, plural: str, count: int) -> str:
    """A message that depends on a count, as the shared history records it."""
    return _history().ngettext(singular, plural, count)


@cache
def _history() -> gettext.NullTranslations:
    """The catalogue of the history's language; loaded only for a coach who reads another."""
    return _catalogue if _language == HISTORY_LANGUAGE else load(HISTORY_LANGUAGE)
