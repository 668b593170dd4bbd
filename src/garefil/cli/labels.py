"""The words shown for the values notes keep (states, statuses, meeting roles), in the coach's
language.

Notes keep the team's French words, written with accents or not (`annule`, `prévu`), and the
commands take them as typed: only what is shown is translated. The msgids are English; the French
catalogue gives back the team's own words, accented (« annulé », « envoyé »), so that a French
screen reads as before. A value garefil does not know (a team's own status) is shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from garefil.core.errors import N_
from garefil.core.register import ROLE_LABELS
from garefil.core.text import fold
from garefil.i18n import _

# Folded as the notes may spell them: appointments, reports, requests, fiches, decisions.
_STATES = {
    "prevu": N_("planned"),
    "tenu": N_("held"),
    "annule": N_("cancelled"),
    "reporte": N_("postponed"),
    "brouillon": N_("draft"),
    "envoye": N_("sent"),
    "ouverte": N_("open"),
    "close": N_("closed"),
    "actif": N_("active"),
    "en pause": N_("paused"),
    "sorti": N_("left"),
    "proposee": N_("proposed"),
    "adoptee": N_("adopted"),
    "remplacee": N_("replaced"),
    "abandonnee": N_("abandoned"),
}
_ROLES = {
    "animation": N_("Facilitation"),
    "notes": N_("Note-taking"),
    "temps": N_("Timekeeper"),
}
# A role is also known by the label the meeting notes write (« Prise de notes »).
_ROLES |= {fold(label): _ROLES[role] for role, label in ROLE_LABELS.items()}


def state(value: str | None) -> str:
    """A note's state or a decision's status as the coach reads it (`annule` → « annulé »)."""
    msgid = _STATES.get(_key(value or ""))
    return _(msgid) if msgid else value or ""


@cache
def _key(value: str) -> str:
    """`value` folded, spaces made single: a listing of thousands of rows has a few values, and
    folding each row's again was a sixth of `decisions` at 10,000 notes."""
    return " ".join(fold(value).split())


def shown_state(value: str | None, form: str) -> str:
    """A state in a listing written in `form`: in the coach's words in a table; in CSV and TSV,
    which are data, as the note keeps it (as JSON gives it)."""
    return state(value) if form == "table" else value or ""


def role(value: str | None) -> str:
    """A meeting role, by its key (`notes`) or its label in the notes (« Prise de notes »)."""
    msgid = _ROLES.get(_key(value or ""))
    return _(msgid) if msgid else value or ""


def roles(values: Sequence[str]) -> str:
    """Meeting roles as one phrase: « Animation et Gardien·ne du temps » (a coach may hold two,
    or, alone, all three)."""
    shown = [role(value) for value in values]
    if len(shown) < 2:
        return "".join(shown)
    return ", ".join(shown[:-1]) + _(" and ") + shown[-1]
