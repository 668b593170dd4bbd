"""The coach at the keyboard: who `--moi` means, and the name « moi » typed where a person is.

One rule for every command: the `nom` setting, else git's name as the team member it
designates (core/home.py `who_am_i`); a name the listed team does not have is refused with the
setting that says who the coach is (CoachNotAMember).
"""

from __future__ import annotations

from garefil.core.errors import CoachNotAMember
from garefil.core.notebook import Notebook
from garefil.core.people import means_the_coach

from .context import Services


def me(services: Services, notebook: Notebook) -> str:
    """The coach running the command, as the home screen knows them."""
    from garefil.core.home import who_am_i

    named = services.settings(notebook, keys=("nom",))["nom"].value
    if named:
        return str(named)
    git_name = services.repository(notebook.root).author_name()
    found = who_am_i(None, git_name, notebook.config)
    if found is None:  # signing as someone the team does not list: `config set nom` says who
        members = ", ".join(notebook.config.members)
        raise CoachNotAMember(name=git_name, members=members)
    return found


def person_meant(services: Services, notebook: Notebook, typed: str | None) -> str | None:
    """`typed`, or the coach when it is « moi » (or « me »)."""
    return me(services, notebook) if typed and means_the_coach(typed) else typed
