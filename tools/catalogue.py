"""Keep the French catalogue in step with the code: `python tools/catalogue.py [--check]`.

It gathers every message: the `_()` / `ngettext()` calls in src/garefil, and `recorded()` /
`recorded_n()` for commit messages (through Babel's extractor), plus each error's docstring and
hint, which are msgids too. It then updates
`locale/fr/LC_MESSAGES/garefil.po` (keeping existing translations, adding new msgids with an
empty translation for a person to fill in) and compiles the `.mo` that garefil loads.
With --check it changes nothing and exits 1 if a message is missing, untranslated or stale.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "garefil"
PO = PACKAGE / "locale" / "fr" / "LC_MESSAGES" / "garefil.po"
MO = PO.with_suffix(".mo")
STABLE_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # a fixed header keeps --check stable
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "recorded": None, "recorded_n": (1, 2)}


def code_messages() -> dict[str | tuple[str, str], list[tuple[str, int]]]:
    """msgid (or (singular, plural)) → where it is used."""
    found: dict[str | tuple[str, str], list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        found.setdefault(message, []).append((f"src/garefil/{filename}", lineno))
    sys.path.insert(0, str(ROOT / "src"))
    from garefil.core import errors

    for error in _subclasses(errors.GarefilError):
        place = ("src/garefil/core/errors.py", 0)
        found.setdefault(error.__doc__.strip().splitlines()[0], []).append(place)
        if error.hint:
            found.setdefault(error.hint, []).append(place)
    return found


def _subclasses(cls: type) -> list[type]:
    return [cls, *(s for sub in cls.__subclasses__() for s in _subclasses(sub))]


def updated_catalogue() -> Catalog:
    """The French catalogue with exactly the code's messages, old translations kept."""
    old = read_po(PO.open("rb")) if PO.exists() else Catalog(locale="fr")
    new = Catalog(
        locale="fr",
        domain="garefil",
        project="garefil",
        version="0.1",
        fuzzy=False,
        header_comment="# Traduction française de garefil (générée par tools/catalogue.py).",
        copyright_holder="les auteurs de garefil",
        last_translator="équipe garefil",
        language_team="fr",
        creation_date=STABLE_DATE,
        revision_date=STABLE_DATE,
    )
    for message_id, places in sorted(code_messages().items(), key=lambda kv: str(kv[0])):
        key = message_id[0] if isinstance(message_id, tuple) else message_id
        previous = old.get(key)
        string = previous.string if previous else ("", "") if isinstance(message_id, tuple) else ""
        new.add(message_id, string, locations=places)
    return new


def missing(catalogue: Catalog) -> list[str]:
    """Messages that have no French translation."""

    def empty(string: str | tuple[str, ...]) -> bool:
        return not all(string) if isinstance(string, tuple) else not string

    return [str(m.id) for m in catalogue if m.id and empty(m.string)]


def render(catalogue: Catalog) -> tuple[bytes, bytes]:
    po, mo = io.BytesIO(), io.BytesIO()
    write_po(po, catalogue, omit_header=False, sort_output=True, width=100, include_lineno=False)
    write_mo(mo, catalogue)
    return po.getvalue(), mo.getvalue()


def main(argv: list[str]) -> int:
    catalogue = updated_catalogue()
    po, mo = render(catalogue)
    untranslated = missing(catalogue)
    if "--check" in argv:
        stale = not PO.exists() or PO.read_bytes() != po or not MO.exists() or MO.read_bytes() != mo
        for message in untranslated:
            print(f"untranslated: {message!r}")
        if stale:
            print("catalogue out of date: run python tools/catalogue.py")
        return 1 if stale or untranslated else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po)
    MO.write_bytes(mo)
    for message in untranslated:
        print(f"untranslated: {message!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
