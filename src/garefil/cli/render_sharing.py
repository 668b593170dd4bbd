"""What `status`, `sync` and `history` show: where the notebook stands with the team, the
conflicts to resolve and how, what blocks a sync, and who changed a note.

Paths and names here are teammates': every line is made visible (render.visible) before it
reaches the terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from garefil.core.errors import N_
from garefil.i18n import _, ngettext

from .render import plain, problem_text, refusal_lines, rich_table, visible, write_rows

if TYPE_CHECKING:
    from garefil.core.conflict_versions import Versions
    from garefil.core.sharing import HistoryEntry, StatusReport


# The git operations a crash can leave unfinished (core/sharing.py's names, kept as they are in
# `status --json`), in the words a coach reads.
UNFINISHED = {
    "rebase": N_("a rebase"),
    "merge": N_("a merge"),
    "update": N_("an update of the notes, stopped while git wrote them"),
    "lock": N_("a lock left by a git command that stopped"),
}


def status(report: StatusReport, versions: Sequence[Versions] = ()) -> None:
    """Where the notebook stands with the team, in a few lines (stdout)."""
    lines = [
        _("Shared repository: {remote}").format(
            remote=report.remote or _("none yet (`garefil remote ADDRESS`)")
        )
    ]
    if not report.signs:  # every change and sync is refused until then: the first thing to do
        lines.insert(0, unsigned_line())
    if report.unfinished:
        lines.append(
            _("Unfinished git operation: {what} (`garefil sync` deals with it)").format(
                what=_(UNFINISHED.get(report.unfinished, report.unfinished))
            )
        )
    changed = report.changed()
    lines.append(_("Changed files to record at the next sync: {n}").format(n=len(changed)))
    lines += [f"  {path}" for path in changed]
    if report.renamed:  # one note renamed by hand: one change, not a file gone and one new
        lines.append(
            _("Notes renamed outside garefil, to record at the next sync: {n}").format(
                n=len(report.renamed)
            )
        )
        lines += [f"  {old} → {new}" for old, new in report.renamed]
    if report.another_notebook is not None:  # two histories apart: nothing to count between
        lines += refusal_lines(report.another_notebook)
    else:
        lines.append(
            _("Changes to share: {ahead}; to bring in (as of the last sync): {behind}").format(
                ahead=report.ahead, behind=report.behind
            )
        )
    lines += blocked_lines(report.blocked)
    if report.settings_refused is not None:
        lines.append(
            _("Sync blocked: {problem}").format(problem=problem_text(report.settings_refused))
        )
    lines.append(_("Conflicts to resolve: {n}").format(n=len(report.conflicts)))
    whose_each = list(versions) or [None] * len(report.conflicts)
    for (note, copy), whose in zip(report.conflicts, whose_each, strict=True):
        lines.append(f"  {note} ↔ {copy}")
        if whose is not None and whose.imported_from:  # no teammate's: import put it there
            said = _(
                "    the note: written by {note}; the copy: the new version of the imported file"
                " {source}"
            )
            lines.append(said.format(note=author(whose, whose.note), source=whose.imported_from))
        elif whose is not None:
            lines.append(
                _("    the note: written by {note}; the copy: by {copy}").format(
                    note=author(whose, whose.note), copy=author(whose, whose.copy)
                )
            )
        lines.append(resolve_hint(note, copy))
    sys.stdout.write("\n".join(visible(line) for line in lines) + "\n")  # paths are teammates'


def unsigned_line() -> str:
    """Git does not know who signs: the one command that lets garefil record and share."""
    from garefil.core.home import IDENTITY_COMMAND

    said = _("Git does not know who you are: nothing is recorded or shared before `{command}`.")
    return said.format(command=_(IDENTITY_COMMAND))


def shared_words(sent: Sequence[str]) -> str:
    """« 3 notes shared. »: what a sync changed for the team, counted as they will see it;
    garefil's own files (.garefil/, .gitattributes…) only when nothing else was shared, and
    files when not all are notes (a document)."""
    shown = [path for path in sent if not path.startswith(".")] or list(sent)
    n = len(shown)
    if all(path.endswith(".md") and not path.startswith(".") for path in shown):
        return ngettext("{n} note shared.", "{n} notes shared.", n).format(n=n)
    return ngettext("{n} file shared.", "{n} files shared.", n).format(n=n)


def version_command(path: str, commit: str) -> str:
    """The command that shows the note at `path` as commit `commit` holds it: garefil's, not
    git's (coaches are not developers), with the short id `history` lists."""
    import shlex  # only when a version is pointed to

    return f"garefil show {shlex.quote(path)} --version {commit[:7]}"


def resolve_hint(note: str, copy: str) -> str:
    """The two commands that settle one conflict, with its own files (ready to copy)."""
    import shlex  # only when a conflict waits: read commands import nothing they do not use

    return _(
        "    keep the note: `garefil resolve {note}`; take the other version: "
        "`garefil resolve {copy} --take-other`"
    ).format(note=shlex.quote(note), copy=shlex.quote(copy))


def blocked_lines(blocked: Sequence[tuple[str, str]]) -> list[str]:
    """What blocks `sync`: the team's symbolic links, who added them, and what to do."""
    if not blocked:
        return []
    lines = [_("Sync blocked: the team's changes bring symbolic links, which garefil refuses:")]
    lines += [_("  {path} (added by {author})").format(path=p, author=a) for p, a in blocked]
    authors = ", ".join(dict.fromkeys(a for _p, a in blocked))
    lines.append(
        _("  ask {authors} to run `garefil rm {path}` and `garefil sync`; then sync again").format(
            authors=authors, path=blocked[0][0]
        )
    )
    return lines


def author(versions: Versions, name: str | None) -> str:
    """Who wrote one version of a conflict, « (you) » added when it is the coach asking."""
    if not name:
        return _("someone else")
    return _("{name} (you)").format(name=name) if versions.is_mine(name) else name


def history_headers() -> list[str]:
    """The columns of a note's history: the version last, added after the others, so that a
    script reading the change in the third column of the CSV or TSV still finds it there."""
    return [_("date"), _("author"), _("change"), _("version")]


def history_rows(entries: Sequence[HistoryEntry]) -> list[list[str]]:
    """A note's history as rows: when (to the minute), who, what, the version (`show
    --version` shows the note as it was then)."""
    return [[e.date[:16].replace("T", " "), e.author, e.message, e.commit[:7]] for e in entries]


def history(entries: Sequence[HistoryEntry]) -> None:
    """Commits that touched a note, newest first."""
    rows = history_rows(entries)
    if plain():
        write_rows(rows)
    else:
        rich_table(history_headers(), rows, whole=[0, 3])
