"""Questions that prevent mistakes, asked at a terminal and never elsewhere.

A field the note's type requires (core/review.py's rule, [jardin.champs] in the config) is asked
for when the command line leaves it out; a référent or a tag that is new but close to a known
one is proposed, as entrepreneurs are (people_cmd.checked_entrepreneur). Without a terminal on
standard input (a script, a pipe, CI) nothing is asked: the note is written as typed, with a
warning when a name looks like a typo, so that nothing waits for an answer nobody can give.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

import typer

from garefil.core.config import Config
from garefil.core.errors import AmbiguousPerson, ConfirmationNeeded
from garefil.core.people import close_by_part, close_names, find_person
from garefil.core.text import fold, normalize_tag, person_id
from garefil.i18n import _

from . import render


def at_terminal() -> bool:
    """Whether a person can answer: standard input is a terminal."""
    return sys.stdin.isatty()


def required(config: Config, note_type: str) -> tuple[str, ...]:
    """The front-matter keys a note of `note_type` must have (the jardin's rule)."""
    from garefil.core.review import DEFAULT_REQUIRED  # the jardin's checks, only to write

    wanted = {**DEFAULT_REQUIRED, **config.jardin.get("champs", {})}
    return tuple(wanted.get(note_type, ()))


def ask_if_missing(
    value: str | None, key: str, config: Config, note_type: str, default: str | None = None
) -> str | None:
    """`value`, or at a terminal the answer to a question for a key the type requires, which
    `default` answers when the coach just presses Enter; without a question, `default`."""
    if value or key not in required(config, note_type) or not at_terminal():
        return value or default
    if key == "referent" and not config.members:
        return value or default  # the team is not listed: nobody to propose, anyone goes
    labels = {
        "entrepreneur": _("Entrepreneur (empty: none):"),
        "referent": _referent_question(config.members),
    }
    label = labels.get(key, key + ":")
    answer = typer.prompt(
        label, default=default or "", show_default=bool(default), prompt_suffix=" "
    )
    return " ".join(answer.split()) or None


def _referent_question(members: Iterable[str]) -> str:
    # A team is a handful of people: naming them is the proposal, before any typing.
    return _("Référent ({members}):").format(members=", ".join(members))


# The words a coach may answer, folded (no accents, lower case); anything else is asked again,
# since taking a typo (or a name typed in the wrong place) for yes would write or delete unasked.
YES_WORDS = frozenset({"o", "oui", "y", "yes"})
NO_WORDS = frozenset({"n", "non", "no"})


def answer(question: str, default: bool) -> bool:
    """The coach's yes or no to `question`: empty is `default`, anything unknown is asked again."""
    choices = _("[Y/n]") if default else _("[y/N]")
    while True:
        typed = fold(typer.prompt(question + " " + choices, default="", show_default=False))
        if not typed.strip():
            return default
        if typed.strip() in YES_WORDS | NO_WORDS:
            return typed.strip() in YES_WORDS
        render.info(_("Please answer o (oui) or n (non)."))


def yes(question: str) -> bool:
    """A yes/no question whose answer, when the coach just presses Enter, is yes."""
    return answer(question, default=True)


def confirmed(question: str, what: str, yes: bool) -> bool:
    """Whether to go on with something that deletes or rewrites: yes with --oui; otherwise the
    coach's answer to `question` at a terminal (no unless they say yes: o, oui, y, yes). Without
    a terminal nothing can answer, and guessing would delete unasked: refused, naming --oui."""
    if yes:
        return True
    if not at_terminal():
        raise ConfirmationNeeded(what=what)
    return answer(question, default=False)


def proposed_member(typed: str | None, members: Iterable[str]) -> str | None:
    """At a terminal, a référent who is not of the team becomes the close member the coach
    accepts; one the coach declines is asked again (empty: none). Otherwise `typed` is left
    for the usual check (which lists the team)."""
    if not typed or not at_terminal():
        return typed
    members = list(members)
    while typed and not _designates(typed, members):  # "Karim" is Karim Benali: nothing to ask
        close = close_names(typed, members, limit=1) or close_by_part(typed, members)[:1]
        if not close or close[0] == typed:
            return typed
        if yes(_close_question(typed, close[0])):
            return close[0]
        answer = typer.prompt(_referent_question(members), default="", show_default=False)
        typed = " ".join(answer.split()) or None
    return typed


def _designates(typed: str, members: list[str]) -> bool:
    """Whether `typed` already names a member (or several: the usual check says which)."""
    try:
        found = find_person(typed, members)
    except AmbiguousPerson:
        return True
    return person_id(found) in {person_id(m) for m in members}


def proposed_tags(typed: Iterable[str], known: Iterable[str]) -> list[str]:
    """Each new tag that looks like a known one: taken as the known one if the coach says so at
    a terminal, else kept as typed with a warning."""
    known = {normalize_tag(tag) for tag in known}
    return [_proposed_tag(tag, known) for tag in typed]


def _proposed_tag(tag: str, known: set[str]) -> str:
    if normalize_tag(tag) in known:
        return tag
    close = close_names(tag, known, limit=1)
    if not close:
        return tag
    # Said of a tag (« étiquette », a feminine word in French), not of a person.
    if at_terminal():
        question = _("The tag '{typed}' is new to the notebook, but '{likely}' is known: write it?")
        return close[0] if yes(question.format(typed=tag, likely=close[0])) else tag
    said = _("The tag '{typed}' is new to the notebook: did you mean '{likely}'? (kept as typed)")
    render.problem_line(said.format(typed=tag, likely=close[0]))
    return tag


def _close_question(typed: str, likely: str) -> str:
    return _("'{typed}' is new to the notebook, but '{likely}' is known: write '{likely}'?").format(
        typed=typed, likely=likely
    )
