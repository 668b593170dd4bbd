"""The words of the site's pages, through the translation layer like every message."""

from __future__ import annotations

from functools import cache

from garefil.core.followup import KIND_LABELS
from garefil.core.notetypes import TYPE_WORDS
from garefil.core.register import ABANDONED, ADOPTED, PROPOSED, REPLACED
from garefil.i18n import _


@cache
def labels() -> dict[str, str]:
    """Every label the templates show, by key (French by default)."""
    return (
        {
            "lang": _("en"),
            "skip": _("Go to the content"),
            "search": _("Search the notes"),
            "search-hint": _(
                "Words without accents are fine: « pole emploi » finds « Pôle Emploi »."
            ),
            "no-result": _("No note has all these words."),
            "home": _("Home"),
            "notes": _("All notes"),
            "pads": _("Pads"),
            "decisions": _("Decisions"),
            "actions": _("Open actions"),
            "replaced-by": _("replaced by"),
            "in-copy": _("(conflict copy)"),  # as `decisions` and `actions` mark such an item
            "tags": _("Tags"),
            "themes": _("Themes"),
            "people": _("People"),
            "entrepreneurs": _("Entrepreneurs"),
            "referents": _("Référents"),
            "due": _("What is due"),
            "nothing-due": _("Nothing is due: you are all caught up."),
            "meetings": _("Meetings"),
            "empty": _("Nothing yet."),
            "thread": _("Thread, in time order"),
            "body": _("Content"),
            "type": _("type"),
            "date": _("date"),
            "entrepreneur": _("entrepreneur"),
            "referent": _("référent"),
            "author": _("author"),
            "participants": _("participants"),
            "status": _("status"),
            "not-in-site": _("not in the site"),
            "built": _("Built by garefil from the notebook; do not edit these pages by hand."),
            "navigation": _("Site sections"),
            "results": _("Results"),
        }
        | _states()
        | _types()
    )


def _types() -> dict[str, str]:
    """The built-in note types in the reader's words (`reunion` is a « réunion »)."""
    return {f"type-{key}": _(msgid) for key, msgid in TYPE_WORDS.items()}


def _states() -> dict[str, str]:
    """A link's state (site_model.Link.state) in the reader's words, as the commands say it:
    a decision's status as `decisions` shows it, what is due as `suivi` names it."""
    statuses = {
        PROPOSED: _("proposed"),
        ADOPTED: _("adopted"),
        REPLACED: _("replaced"),
        ABANDONED: _("abandoned"),
    }
    due = {kind: _(msgid) for kind, msgid in KIND_LABELS.items()}
    return {f"state-{key}": words for key, words in (statuses | due).items()}
