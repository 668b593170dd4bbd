"""What the reader notices in a note beyond its values, kept in the catalogue for `jardin`.

A remark is (kind, file line or 0, detail): `duplicate-key` (a key written twice: PyYAML keeps
the last value and drops the first without a word, so the reader says it), `toml` (a TOML
header, read but never rewritten), `tag` (a tag not in
its normalised form, or a synonym), `link` (a link to another note or to a document, checked
by `jardin` against the notebook), `date` (a date nobody can read), `pad-url` (a pad without
web address), `email` (an e-mail address that is none), `text` (the key of the body's words,
spaces aside: `jardin` finds one text under two titles without reading every note) and, added
when the note is indexed, `stub` (a report still its empty template).
Computed while the note is read for the index, so that `jardin` never reads a note file again.
"""

from __future__ import annotations

import re
from typing import Any

from .config import Config
from .dates import try_parse_date
from .email_address import EMAIL_KEYS, address_of, written_address
from .frontmatter_text import Parsed
from .notetypes import canonical_type
from .text import normalize_tag

Remark = tuple[str, int, str]
# [text](target) and ![image](target), with an optional "title"; [[wiki link|label]].
_MARKDOWN_LINK = re.compile(r"\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"\n]*\")?\s*\)")
_WIKI_LINK = re.compile(r"\[\[([^\]|#\n]+)(?:[|#][^\]\n]*)?\]\]")
_ADDRESS = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", re.IGNORECASE)  # http:, mailto:, #part
_LETTER = re.compile(r"[^\W\d_]")
REPORT_TYPES = ("cr", "reunion")
TEXT_KEY_WORDS = 5  # the words a body needs for its text to count as a note's own
_HAS_EMAIL_KEY = frozenset(EMAIL_KEYS)


def remarks(parsed: Parsed, config: Config, text: str) -> tuple[Remark, ...]:
    """Everything the reader notices in a parsed note (cheap: one pass of C regexes)."""
    found = [("duplicate-key", line, key) for key, line in parsed.duplicates]
    if parsed.toml:
        found.append(("toml", 1, ""))
    found += _tags(parsed.metadata, config, text)
    found += _date(parsed.metadata, text)
    found += _links(parsed.body, parsed.body_line)
    if _is_pad_without_address(parsed):
        found.append(("pad-url", 0, ""))
    found += _email(parsed.metadata, text)
    found += _text_key(parsed.body)
    return tuple(found)


def _text_key(body: str) -> list[Remark]:
    """("text", 0, key) for a body of a few words at least: its length and CRC, spaces aside.
    Fewer words (« RAS. », « À compléter. ») are written alike in many notes that are no copy.
    A CRC, not a cryptographic hash: `show` reads notes too, and loading hashlib costs it more
    than the note; `jardin` reads the few notes sharing a key before it says they are one."""
    words = _single_spaced(body)
    # Split at the first few spaces only: counting them all costs as much as the key.
    if len(words.split(" ", TEXT_KEY_WORDS - 1)) < TEXT_KEY_WORDS or not _LETTER.search(body):
        return []
    import zlib  # built in, cheap to load

    data = words.encode("utf-8", "surrogatepass")
    return [("text", 0, f"{len(data)}-{zlib.crc32(data):08x}")]


# What str.split() takes for a blank, but the space and the newline (a test keeps the list equal
# to Python's): few notes hold any of them, and each is looked for at C speed.
_OTHER_BLANKS = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
_OTHER_BLANKS += "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def _single_spaced(body: str) -> str:
    """`" ".join(body.split())` without a list of every word (a note has hundreds, and making
    them was most of reading its remarks): every blank made a space, then the text cut only
    where two spaces meet, a few dozen pieces, each stripped of the space a longer run left."""
    text = body.replace("\n", " ")
    for blank in _OTHER_BLANKS:
        if blank in text:
            text = text.replace(blank, " ")
    return " ".join(piece for piece in (part.strip(" ") for part in text.split("  ")) if piece)


def _tags(meta: dict[str, Any], config: Config, text: str) -> list[Remark]:
    raw = meta.get("tags")
    written = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else []
    odd = [str(t).strip() for t in written if t is not None and str(t).strip()]
    odd = [t for t in odd if normalize_tag(t, config.synonyms) != t]
    if not odd:
        return []
    line = _key_line(text, "tags")
    return [("tag", line, tag) for tag in odd]


def _date(meta: dict[str, Any], text: str) -> list[Remark]:
    """A `date` no calendar has, or not written YYYY-MM-DD (`31/02/2020`, `2023-04-061T18:30`).
    YAML reads it as text, so the note stays readable, dated from its file name (or undated):
    nothing is refused, but nobody would find the note at the date meant, so it is said."""
    value = meta.get("date")
    if value is None or value == "" or try_parse_date(value) is not None:
        return []
    # As written (`yes`), not as YAML read it (True): the coach looks for their own words.
    return [("date", _key_line(text, "date"), written_value(text, "date") or str(value))]


def _email(meta: dict[str, Any], text: str) -> list[Remark]:
    """An e-mail address that is none (« chloe martin@exemple.org »): said by `jardin`, and
    where the report would be sent, rather than taken for no address at all."""
    written = written_address(meta) if _HAS_EMAIL_KEY.intersection(meta) else None
    if written is None or address_of(written[1]) is not None:
        return []
    return [("email", _key_line(text, written[0]), written[1])]


# A YAML comment: a `#` at the start of the value or after a space (`a#b` is no comment).
_COMMENT = re.compile(r"(?:^|[ \t]+)#.*$")


def written_value(text: str, key: str) -> str:
    """The value of a top-level `key:` as its line writes it, without a `# comment` after it
    ('' when it is on other lines)."""
    found = re.search(rf"(?m)^['\"]?{re.escape(key)}['\"]?\s*:[ \t]*(.*?)[ \t]*$", text[:20_000])
    return _COMMENT.sub("", found.group(1)) if found else ""


def _key_line(text: str, key: str) -> int:
    """The file line of a top-level `key:` of the header (1 if not found)."""
    found = re.search(rf"(?m)^['\"]?{re.escape(key)}['\"]?\s*:", text[:20_000])
    return text.count("\n", 0, found.start()) + 1 if found else 1


def _links(body: str, first_line: int) -> list[Remark]:
    if "](" not in body and "[[" not in body:
        return []
    found = []
    for pattern in (_MARKDOWN_LINK, _WIKI_LINK):
        for match in pattern.finditer(body):
            target = match.group(1).strip()
            if target and not _ADDRESS.match(target):
                found.append(("link", first_line + body.count("\n", 0, match.start()), target))
    return sorted(found, key=lambda remark: remark[1])


def _is_pad_without_address(parsed: Parsed) -> bool:
    if str(parsed.metadata.get("type", "")).strip() != "pad":
        return False
    header = " ".join(str(v) for v in parsed.metadata.values())
    return "://" not in header and "://" not in parsed.body


def is_stub(note: Any, template: Any, blanked: str) -> bool:
    """Whether a report holds nothing but its template (and its title as heading)."""
    if canonical_type(note.type) not in REPORT_TYPES or not (template.lines or template.labels):
        return False
    for line in blanked.splitlines():
        words = line.strip().lstrip("#").strip()
        if words and words != note.title and _LETTER.search(words):
            return False
    return True
