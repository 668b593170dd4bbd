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

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .notetypes import template_text

_PLACEHOLDER = re.compile(r"\$(?:\w+|\{\w+\})")
_LETTER = re.compile(r"[^\W\d_]")
_LINE = re.compile(r"[^\n]*\n?")


@dataclass(frozen=True)
class Boilerplate:
    """The lines and labels of one template."""

    lines: frozenset[str] = frozenset()
    labels: tuple[str, ...] = ()

    @classmethod
    def of(cls, template: str) -> Boilerplate:
        """The template text of `template` (a template file's content)."""
        lines, labels = set(), []
        for raw in unicodedata.normalize("NFC", template).splitlines():
            line = raw.strip()
            placeholder = _PLACEHOLDER.search(line)
            label = line[: placeholder.start()].strip() if placeholder else line
            if not _LETTER.search(label):
                continue  # "# $title": the title is the coach's
            if placeholder or label.endswith(":"):
                labels.append(label)
            else:
                lines.add(line)
        return cls(frozenset(lines), tuple(sorted(set(labels), key=len, reverse=True)))

    def blank(self, text: str) -> str:
        """`text` (NFC) with its template text replaced by spaces of the same length."""
        text = unicodedata.normalize("NFC", text)
        if not (self.lines or self.labels):
            return text
        return "".join(self._blank_line(line) for line in _LINE.findall(text))

    def _blank_line(self, line: str) -> str:
        content = line.rstrip("\r\n")
        stripped = content.strip()
        if not stripped:
            return line
        if stripped in self.lines:
            return " " * len(content) + line[len(content) :]
        if stripped.startswith(self.labels):
            label = next(label for label in self.labels if stripped.startswith(label))
            start = len(content) - len(content.lstrip())
            return line[:start] + " " * len(label) + line[start + len(label) :]
        return line


def boilerplate(type_name: str, templates_dir: Path) -> Boilerplate:
    """The template text of notes of type `type_name` (the notebook's template, or built-in)."""
    custom = templates_dir / f"{type_name}.md"
    try:
        stamp = custom.stat().st_mtime_ns
    except OSError:
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
