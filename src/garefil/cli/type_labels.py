"""The words a coach reads for the built-in note types: `reunion` is a « réunion » in a
sentence; a type the notebook defines itself is shown by its own name."""

from __future__ import annotations

from garefil.i18n import _


def type_label(name: str) -> str:
    """The note type `name` as a word of the coach's language."""
    labels = {
        "cr": _("report"),
        "rdv": _("appointment"),
        "reunion": _("meeting"),
        "pad": _("pad"),
        "demande": _("request"),
        "fiche": _("profile"),
        "note": _("note"),
    }
    return labels.get(name, name)
