"""What `garefil search` does once its command line is read (declared in search_cmd.py).

Apart from the declaration, which imports Typer: the quick path of the read commands
(quick.py) runs a plain search without loading Typer at all.
"""

from __future__ import annotations

from garefil.core import search as core
from garefil.core.conflict_copies import is_conflict_copy
from garefil.core.errors import NothingToSearch
from garefil.core.query_check import lowercase_operator
from garefil.i18n import _

from . import listing as listings
from . import render, render_notes
from .common import announce_once, note_filter, progress_when_long
from .context import Services


def search(
    services: Services,
    words: list[str] | None = None,
    note_type: list[str] | None = None,
    tag: list[str] | None = None,
    entrepreneur: str | None = None,
    referent: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    as_json: bool = False,
    output: str | None = None,
) -> None:
    """Find the notes `words` describe among those the filters allow, best first, and show
    the best `limit` of them as `output` (or JSON)."""
    if words and not "".join(words).strip():  # `search ""`: a search, of nothing (not a list)
        raise NothingToSearch(query=" ".join(words))
    form = listings.chosen(output, as_json)  # a wrong pair refused before any work
    notebook = services.notebook()
    wanted = note_filter(notebook, note_type, tag, entrepreneur, referent, status, since, until)
    request = core.SearchRequest(" ".join(words or ()), wanted, limit)
    with progress_when_long(_("Indexing")) as progress:
        report, hits = core.run(notebook, services.index(notebook), request, progress)
    hits = [hit for hit in hits if not is_conflict_copy(hit.note.path)]  # not a second note
    announce_once(services, report)
    render.problems(report.problems())
    if not hits:
        table = form == "table"  # a person reads it: say why nothing may be found
        _found_nothing(request.text, table)
        cut = report.cut_sizes() if request.text.strip() else []
        if cut:  # the words may be past the part of these notes that is searched
            from .index_run import searched_in_part

            searched_in_part(cut)
        if table:
            _say_unknown_tags(wanted, request.text, notebook, report)
            from .unknown_people import say_close_entrepreneur

            say_close_entrepreneur(wanted.entrepreneur, report)
            return
    listings.write(
        form,
        render_notes.hit_headers(),
        lambda: render_notes.hit_rows(hits),
        lambda: [hit.as_json() for hit in hits],
        table=lambda: render_notes.hits(hits),
    )


def _say_unknown_tags(wanted, text: str, notebook, report) -> None:
    """The tags asked for (options and `tag:` in the query) that no note carries, if any."""
    asked = [*wanted.tags, *core.tags_named(text, notebook.config.synonyms)]
    if asked:
        from .unknown_tags import say_unknown

        say_unknown(asked, report.tag_counts(), query=True)


def _found_nothing(text: str, table: bool) -> None:
    """Say that no note matches (to a person), and why it may be: "urssaf sauf caf" searched
    the word "sauf", which the coach meant as an operator."""
    if table:
        render.info(_("No note matches."))
    if lowercase_operator(text):
        render.hint(_("operators are written in capitals: AND, OR, NOT"))
