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

import os
import re
import struct
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

TYPE_CHECKING = False  # the reader below spares most commands gettext's import
if TYPE_CHECKING:
    import gettext

DOMAIN = "garefil"
LOCALE_DIR = Path(__file__).parent / "locale"
SUPPORTED = ("fr", "en")
DEFAULT = "fr"
HISTORY_LANGUAGE = DEFAULT  # no notebook says otherwise: there is no such setting
# « de {name} », « que {name} » in a translated message: elided before a name said with a vowel.
# Compiled when first used (re's own cache): most commands never say a name so.
_BEFORE_A_VALUE = r"\b([Dd]e|[Qq]ue) \{(\w+)\}"


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


def load(language: str) -> Messages | gettext.NullTranslations:
    """The catalogue for `language`, `LOCALE_DIR/<language>/LC_MESSAGES/garefil.mo`; English,
    or a language without one, is the msgids themselves."""
    if language == "en":
        return Messages()
    try:
        data = (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    except OSError:
        return Messages()
    return SortedCatalogue.of(data) or _read_by_python(data)


def _read_by_python(data: bytes) -> gettext.NullTranslations:
    """A catalogue SortedCatalogue does not know (big-endian, with no empty msgid first), read
    by Python's own reader."""
    import gettext
    import io

    return gettext.GNUTranslations(io.BytesIO(data))


class Messages:
    """The msgids themselves, as gettext's NullTranslations gives them: English."""

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n == 1 else msgid2


# The plural rules of garefil's catalogues, each as its header writes it (blanks aside), so that
# gettext's reader of C expressions (a pattern compiled, the rule turned into Python: half a
# millisecond of each command) reads only another's. French, as CLDR has it: 0 and 1 are
# singular, a round number of millions has its own form (« un million de notes »).
_PLURALS = {
    "(n==0||n==1)?0:n!=0&&n%1000000==0?1:2": lambda n: (
        0 if n in (0, 1) else 1 if n % 1_000_000 == 0 else 2
    ),
    "n!=1": lambda n: int(n != 1),
}


class SortedCatalogue(Messages):
    """A .mo catalogue looked up where it lies, by binary search in its sorted msgids.

    Python's own reader decodes every message into a dict when the catalogue opens: 1.5 ms of
    each command's start for a few dozen messages used. A .mo file lists its msgids sorted (GNU
    gettext searches them the same way when, as here, the file has no hash table), so a message
    is found in a dozen comparisons. Importing gettext itself (its patterns) cost another half
    millisecond: a file this reader does not know is read by gettext (`load`).
    """

    _LITTLE_ENDIAN = 0x950412DE

    def __init__(self, data: bytes, count: int, ids: int, texts: int) -> None:
        self._data, self._count, self._ids, self._texts = data, count, ids, texts
        self._found: dict[tuple[str, bool], list[str] | None] = {}
        self._read_header(self._text(0).decode("utf-8"))

    @classmethod
    def of(cls, data: bytes) -> SortedCatalogue | None:
        """The catalogue `data` holds; None for a file of a kind this reader does not know."""
        if len(data) < 20:
            return None
        magic, _version, count, ids, texts = struct.unpack_from("<5I", data)
        if magic != cls._LITTLE_ENDIAN or count == 0 or cls._id(data, ids, 0) != b"":
            return None
        return cls(data, count, ids, texts)

    def _read_header(self, header: str) -> None:
        self._info = dict(line.partition(": ")[::2] for line in header.splitlines() if line)
        forms = self._info.get("Plural-Forms", "").partition("plural=")[2].rstrip(";")
        self.plural = _PLURALS.get(forms.replace(" ", "")) or _plural_rule(forms)

    def gettext(self, message: str) -> str:
        """`message` translated, or itself when the catalogue has no translation for it."""
        found = self._find(message, singular=True)
        return message if found is None else found[0]

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        """The translation of the form of `msgid1`/`msgid2` that `n` takes."""
        found = self._find(msgid1, singular=False)
        if found is None:
            return msgid1 if n == 1 else msgid2
        return found[min(self.plural(n), len(found) - 1)]

    def _find(self, message: str, singular: bool) -> list[str] | None:
        """The forms translating `message` (a singular msgid, or a plural's first msgid), each
        looked up once: a listing asks the same few labels for each of thousands of rows."""
        if (message, singular) not in self._found:
            self._found[message, singular] = self._search(message, singular)
        return self._found[message, singular]

    def _search(self, message: str, singular: bool) -> list[str] | None:
        key, low, high = message.encode("utf-8"), 1, self._count
        while low < high:
            middle = (low + high) // 2
            if self._id(self._data, self._ids, middle).partition(b"\0")[0] < key:
                low = middle + 1
            else:
                high = middle
        for index in range(low, self._count):
            msgid, plural, _ = self._id(self._data, self._ids, index).partition(b"\0")
            if msgid != key:
                return None
            if singular == (not plural):  # a plural entry is "msgid1\0msgid2"
                return self._text(index).decode("utf-8").split("\0")
        return None

    @staticmethod
    def _id(data: bytes, table: int, index: int) -> bytes:
        length, offset = struct.unpack_from("<2I", data, table + 8 * index)
        return data[offset : offset + length]

    def _text(self, index: int) -> bytes:
        return self._id(self._data, self._texts, index)


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

    return re.sub(_BEFORE_A_VALUE, elide, message).format(**values)


def recorded(message: str) -> str:
    """`message` as the shared history records it (a commit message): in the team's language."""
    return _history().gettext(message)


def recorded_n(singular: str, plural: str, count: int) -> str:
    """A message that depends on a count, as the shared history records it."""
    return _history().ngettext(singular, plural, count)


def _plural_rule(forms: str) -> Callable[[int], int]:
    """The rule a catalogue's `plural=` expression gives, read by gettext (English's without)."""
    if not forms:
        return _PLURALS["n!=1"]
    import gettext

    return gettext.c2py(forms)


@cache
def _history() -> Messages | gettext.NullTranslations:
    """The catalogue of the history's language; loaded only for a coach who reads another."""
    return _catalogue if _language == HISTORY_LANGUAGE else load(HISTORY_LANGUAGE)
