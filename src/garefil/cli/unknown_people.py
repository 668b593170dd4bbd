"""When nothing is found, an entrepreneur asked for whose name is close to a known one is said:
`list -e "Jean Dupond"` (a typo) otherwise reads as « no note matches », as if the notes were
missing. Not refused: an entrepreneur may be new, with no note yet."""

from __future__ import annotations

from garefil.core.index_model import IndexReport
from garefil.i18n import _

from . import render


def say_close_entrepreneur(typed: str | None, report: IndexReport | None) -> None:
    """A hint naming the known entrepreneurs `typed` may have meant, if it names none of them."""
    if not typed or report is None:
        return
    from garefil.core.conflict_copies import without_conflict_copies
    from garefil.core.people import close_by_part, close_names, find_person
    from garefil.core.text import person_id

    notes = without_conflict_copies(report.listing()).notes  # only when nothing was found
    known = {note.entrepreneur for note in notes if note.entrepreneur}
    if person_id(find_person(typed, known)) in {person_id(name) for name in known}:
        return  # known (« dupont » is Jean Dupont): the other filters left out their notes
    close = close_names(typed, known) or close_by_part(typed, known)[:3]
    if close:
        said = _("no entrepreneur is called {name}: did you mean {close}?")
        render.hint(said.format(name=f"« {typed} »", close=", ".join(close)))
