"""What a note got from its template, so that search can tell it from the coach's own words.

Indexed, template text made an empty compte-rendu outrank a real one (every CR says "Décisions"
and "Actions"), made every meeting match `accomp*` ("Points d'accompagnement"), and filled
snippets with "Contexte Échanges Décisions…". A line of a note equal to a line of its type's
template is template text. A template line that ends with a colon, or holds a placeholder
(`- Activité :`, `- De : $entrepreneur`), is a label: only the label is template text, what the
coach wrote after it is kept.

Template text is replaced by spaces of the same length, so positions in the text stay valid for
highlighting. The text is NFC-normalised first, as the search analysis does.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from .notetypes import template_text

_PLACEHOLDER = re.compile(r"\$(?:\w+|\{\w+\})")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Boilerplate:
    """The lines and labels of one template."""

    lines: frozenset[str] = frozenset()
    labels: tuple[str, ...] = ()

    @classmethod
    def of(cls, template: str) -> Boilerplate:
        """The template text of `template` (a template file's content)."""
        lines, labels = set(), set()
        for raw in unicodedata.normalize("NFC", template).splitlines():
            line = raw.strip()
            placeholder = _PLACEHOLDER.search(line)
            label = line[: placeholder.start()].strip() if placeholder else line
            if not _LETTER.search(label):
                continue  # "# $title": the title is the coach's
            (labels if placeholder or label.endswith(":") else lines).add(label)
        return cls(frozenset(lines), tuple(sorted(labels, key=len, reverse=True)))

    def blank(self, text: str) -> str:
        """`text` (NFC) with its template text replaced by spaces of the same length."""
        text = unicodedata.normalize("NFC", text)
        if self._pattern is None:
            return text
        # Lines are found by their newline (one before the text stands for its first line): a
        # pattern that starts with it is looked for at C speed from one line to the next.
        return self._pattern.sub(_blanked, "\n" + text)[1:]

    def blank_by_lines(self, text: str) -> str:
        """What `blank` gives, found line by line without its pattern: for the few notes of a
        search's snippets, whose types' patterns would take longer to compile (up to a
        millisecond each) than their lines to be read."""
        text = unicodedata.normalize("NFC", text)
        if not (self.lines or self.labels):
            return text
        lines = text.split("\n")
        for index, line in enumerate(lines):
            body = line.lstrip(" \t")
            found = self._starting(body)
            if found:
                lines[index] = " " * (len(line) - len(body) + found) + body[found:]
        return "\n".join(lines)

    def _starting(self, body: str) -> int:
        """The length of the template text that `body`, a line without its indent, starts
        with, as the pattern finds it: the whole of a template line (blanks and a carriage
        return may follow it), else the longest label; 0 for none."""
        whole = (body[:-1] if body.endswith("\r") else body).rstrip(" \t")
        if whole in self.lines:
            return len(whole)
        return next((len(label) for label in self.labels if body.startswith(label)), 0)

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        # One pattern, so that a note is scanned at C speed (indexing blanks every note): a
        # whole template line, or a label at the start of a line (after its newline).
        def either(texts) -> str:
            return "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))

        parts = []
        if self.lines:
            parts.append(rf"(?:{either(self.lines)})(?=[ \t]*\r?$)")
        if self.labels:
            parts.append(rf"(?:{either(self.labels)})")
        return re.compile(rf"(?m)\n[ \t]*(?:{'|'.join(parts)})") if parts else None


def _blanked(found: re.Match[str]) -> str:
    """A template text found with the newline before it: the newline kept, the rest blanks."""
    return "\n" + " " * (len(found.group()) - 1)


def boilerplate(type_name: str, templates_dir: Path) -> Boilerplate:
    """The template text of notes of type `type_name` (the notebook's template, or built-in)."""
    try:  # os, not pathlib: called for every note indexed
        stamp = os.stat(os.path.join(templates_dir, type_name + ".md")).st_mtime_ns
    except (OSError, ValueError):
        stamp = None
    return _cached(type_name, templates_dir, stamp)


# The built-in templates, read as files: every search makes snippets, and importing
# importlib.resources for them cost more than the snippets themselves.
_BUILTIN = Path(__file__).resolve().parents[1] / "templates"


@lru_cache(maxsize=64)
def _cached(type_name: str, templates_dir: Path, stamp: int | None) -> Boilerplate:
    # `stamp` is part of the key: a template edited since is read again.
    builtin = _BUILTIN / f"{type_name}.md"
    try:
        if stamp is None and builtin.is_file():
            return Boilerplate.of(builtin.read_text(encoding="utf-8"))
        return Boilerplate.of(template_text(type_name, templates_dir))
    except (OSError, UnicodeDecodeError, ValueError):
        return Boilerplate()  # an unreadable template hides nothing
