"""The words a coach reads for the built-in note types: `reunion` is a « réunion » in a
sentence; a type the notebook defines itself is shown by its own name."""

from __future__ import annotations

from garefil.core.notetypes import TYPE_WORDS
from garefil.i18n import _


def type_label(name: str) -> str:
    """The note type `name` as a word of the coach's language."""
    return _(TYPE_WORDS[name]) if name in TYPE_WORDS else name
