"""`garefil jardin`: the notebook's problems, grouped by kind, with the command fixing each."""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Annotated

import typer

from garefil.core import clock
from garefil.core import review as core
from garefil.core.conflict_copies import without_conflict_copies
from garefil.core.errors import (
    GarefilError,
    NotInNotebook,
    NotUtf8,
    format_message,
)
from garefil.core.notebook import Notebook
from garefil.core.review_fixes import Fixed, apply_fixes
from garefil.core.review_texts import own_words
from garefil.i18n import _, ngettext, recorded_n

from . import listing as listings
from . import render, render_review
from .common import fresh_index
from .context import Services
from .localized import add_command
from .options import FormatOpt, JsonOpt

EXIT_TO_GARDEN = 9  # "something to resolve" in the table, like `suivi --check`


def register(app: typer.Typer) -> None:
    """Add the commands of this module to `app`."""
    add_command(
        app, "jardin", _("Check the notebook: what keeps it tidy, complete and findable."), jardin
    )


def jardin(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help=_("Exit with code 9 when problems remain."))
    ] = False,
    fix: Annotated[
        bool,
        typer.Option(
            "--corriger",
            "--fix",
            help=_("Apply the safe fixes (tags, spellings, ids), one commit."),
        ),
    ] = False,
    as_json: JsonOpt = False,
    output: FormatOpt = None,
) -> None:
    services: Services = ctx.obj
    notebook = services.notebook()
    findings, taken = _findings(services, notebook)
    if fix:
        fixed = apply_fixes(notebook, findings, taken, clock.today())
        if fixed:
            message = recorded_n(
                "jardin: {n} note fixed", "jardin: {n} notes fixed", len(fixed)
            ).format(n=len(fixed))
            paths = [notebook.absolute(f.path) for f in fixed]
            services.repository(notebook.root).commit(paths, message)
        _show_fixed(fixed)
        findings, _taken = _findings(services, notebook)
    data = lambda: [f.summary() | {"reason": _reason(f)} for f in findings]  # noqa: E731
    headers = [_("problem"), _("file"), _("line"), _("reason"), _("command")]
    rows = lambda: [_row(f) for f in findings]  # noqa: E731
    form = listings.chosen(output, as_json)
    listings.write(form, headers, rows, data, table=lambda: _show(findings))
    if check and findings:
        raise typer.Exit(EXIT_TO_GARDEN)


def _findings(services: Services, notebook: Notebook) -> tuple[list[core.Finding], set[str]]:
    """Every finding, from the freshly updated catalogue; and the ids already taken."""
    report = fresh_index(services, notebook)
    listing = without_conflict_copies(report.listing())
    garden = core.Garden(
        listing.notes,
        listing.problems,
        {path: entry.digest for path, entry in report.entries.items()},
        notebook.config,
        clock.today(),
        lambda path: _exists(notebook, path),
        lambda path: (notebook.root / path).is_symlink(),
        partial(services.written_times, notebook),
        partial(own_words, notebook),
        lambda path: _not_utf8(notebook, path),
        root=str(notebook.root),
    )
    return core.garden_findings(garden), {n.id for n in listing.notes}


def _not_utf8(notebook: Notebook, path: str) -> str | None:
    """The encoding of a note garefil would not rewrite (iconv's name for it); None for UTF-8."""
    try:
        notebook.read_exact(path)
    except NotUtf8 as error:
        return error.params["encoding"]
    except (GarefilError, OSError):
        pass  # unreadable now: --corriger leaves it, the next jardin says what it is
    return None


def _exists(notebook: Notebook, path: str) -> bool:
    """Whether a link's target is a file of the notebook (never looking outside it)."""
    try:
        return notebook.absolute(path).exists()
    except (NotInNotebook, OSError, ValueError):
        return False


def _reason(finding: core.Finding) -> str:
    params = {k: _(v) if k == "detail" else v for k, v in finding.params}
    if "role" in params:
        params["role"] = _("entrepreneur") if params["role"] == "entrepreneur" else _("référent")
    return format_message(_(finding.reason), params)


def _row(finding: core.Finding) -> list[str]:
    line = str(finding.line) if finding.line else ""
    return [_label(finding.kind), finding.path, line, _reason(finding), finding.command]


def _show(findings: list[core.Finding]) -> None:
    if not findings:
        render.success(_("Nothing to garden: the notebook is tidy."))
        return
    for kind, group in core.by_kind(findings).items():
        render_review.heading(f"{_label(kind)} ({len(group)})")
        for finding in group:
            where = f"{finding.path}:{finding.line}" if finding.line else finding.path
            render_review.line(f"  {where}: {_reason(finding)}")
            render_review.line(f"    → {finding.command}")
    fixable = sum(1 for f in findings if f.fix)
    total = ngettext("{n} problem", "{n} problems", len(findings)).format(n=len(findings))
    if fixable:
        total += ngettext(
            ", of which {fixable} is fixed by `garefil jardin --corriger`",
            ", of which {fixable} are fixed by `garefil jardin --corriger`",
            fixable,
        ).format(fixable=fixable)
    render.problem_line(total + ".")


def _show_fixed(fixed: list[Fixed]) -> None:
    for change in fixed:
        said = [_("{key}: {value}").format(key=k, value=_value(v)) for k, v in change.changes]
        render.success(f"{change.path} — " + " · ".join(said))
    count = ngettext("{n} note fixed.", "{n} notes fixed.", len(fixed)).format(n=len(fixed))
    render.info(count if fixed else _("No safe fix to apply."))


def _value(value: object) -> str:
    """A value as a coach writes it: a list as its items, a date as its day (not Python's)."""
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _label(kind: str) -> str:
    labels = {
        "lien-symbolique": _("Symbolic links"),
        "illisible": _("Unreadable front-matter"),
        "cle-en-double": _("Fields written twice"),
        "entete-toml": _("TOML headers"),
        "date-illisible": _("Dates nobody can read"),
        "date-inconnue": _("Imported notes without a date"),
        "type-inconnu": _("Unknown type"),
        "champ-manquant": _("Required fields missing"),
        "sans-id": _("Notes without id"),
        "id-invalide": _("Ids no file name can be made of"),
        "etiquette": _("Tags to normalise"),
        "orthographe": _("One person, several spellings"),
        "nom-proche": _("Close names"),
        "referent-hors-equipe": _("Référent outside the team"),
        "cr-vide": _("Reports left as the empty template"),
        "brouillon-ancien": _("Old drafts"),
        "rdv-sans-cr": _("Past appointments without report"),
        "action-historique": _("Open actions from before an import"),
        "lien-casse": _("Links leading nowhere"),
        "pad-sans-url": _("Pads without address"),
        "adresse-invalide": _("Invalid e-mail addresses"),
        "id-en-double": _("One id, several notes"),
        "doublon": _("Duplicate notes"),
        "doublon-probable": _("Notes probably written twice"),
        "copie-de-conflit": _("Conflict copies waiting"),
    }
    return labels.get(kind, kind)
