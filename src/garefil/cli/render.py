"""Everything garefil shows: data on stdout, messages on stderr, plain when piped or NO_COLOR.

Tables and colours are for a person at a terminal (NO_COLOR, whatever its value, keeps the
tables and drops every colour and bold, as no-color.org asks); when stdout is a pipe or a file,
listings become tab-separated lines that `cut`, `grep` and spreadsheets read, and `--json` gives
the stable form documented in docs/json.md. Rich is imported only when something is drawn for a
terminal, so that piped commands and scripts start faster.

Text from notes is never trusted to reach a terminal: a title can hold ESC sequences that retitle
the window, clear the screen or fake output. Every control character (C0, DEL, C1) coming from a
note becomes a visible stand-in (ESC → ␛) in tables, tab-separated lines, snippets, headers and
messages, one character for one so that highlighted spans stay in place; JSON escapes them all.
`show` piped to a file or a program writes the note's bytes unchanged: that copy must be the note
itself, and it is what `cat` of the file would print anyway; at a terminal it is made visible.

The notes' own output (a listing of notes, the tags, a note in full, search hits) is in
render_notes.py; this module keeps what every command says and draws.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from garefil.core.errors import GarefilError, format_message
from garefil.i18n import _

# What only some outputs need is imported where it is used: `--help` and an error say nothing
# about notes, and a piped `list` draws no table, shows no long date and writes no JSON.
if TYPE_CHECKING:
    from rich.console import Console

    from garefil.core.model import Problem

_consoles: dict[bool, Console] = {}

_C1 = range(0x80, 0xA0)
# ESC → ␛ (the Unicode "control pictures" block); DEL → ␡; C1 controls have no picture: �.
_VISIBLE = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}
_VISIBLE |= dict.fromkeys(_C1, 0xFFFD)
_VISIBLE_KEEPING_LINES = {k: v for k, v in _VISIBLE.items() if chr(k) not in "\n\t"}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in [0x7F, *_C1]}


def visible(text: str, keep_lines: bool = False) -> str:
    """`text` with every control character shown as a harmless sign, one for one (tabs and
    line breaks kept with `keep_lines`): what comes from a note never drives the terminal."""
    if _CONTROL.search(text) is None:  # almost always: one C scan instead of a translation
        return text
    if keep_lines:
        return text.replace("\r\n", "\n").translate(_VISIBLE_KEEPING_LINES)  # CRLF notes
    return text.translate(_VISIBLE)


def no_color() -> bool:
    """Whether NO_COLOR asks for no colour nor bold (whatever its value, as no-color.org says)."""
    return "NO_COLOR" in os.environ


def plain() -> bool:
    """Whether to write plain lines on stdout rather than tables: not a terminal."""
    return not sys.stdout.isatty()


def _plain_messages() -> bool:
    return no_color() or not sys.stderr.isatty()


def console(stderr: bool = False) -> Console:
    """Rich's console for stdout (data) or stderr (messages), made on first use."""
    if stderr not in _consoles:
        from rich.console import Console

        _consoles[stderr] = Console(
            stderr=stderr,
            no_color=no_color(),
            color_system=None if no_color() else "auto",  # no bold either under NO_COLOR
            highlight=False,
            soft_wrap=stderr,
        )
    return _consoles[stderr]


def _say(text: str, mark: str = "", style: str = "") -> None:
    """`mark` (✓, ⚠, "error:"…) then `text` on stderr; coloured with `style` at a terminal."""
    text = visible(text, keep_lines=True)  # messages quote titles, paths and YAML details
    if _plain_messages():
        sys.stderr.write(f"{mark} {text}\n" if mark else f"{text}\n")
        return
    prefix = f"[{style}]{escape_markup(mark)}[/{style}] " if mark else ""
    console(stderr=True).print(prefix + escape_markup(text))


def escape_markup(text: str) -> str:
    """`text` with the square brackets Rich would take for its markup made literal."""
    from rich.markup import escape

    return escape(text)


def info(text: str) -> None:
    """A message for the person (stderr), never mixed with the data."""
    _say(text)


def hint(text: str) -> None:
    """A piece of advice (stderr), shown as the hint under an error is."""
    _say(text, "  " + _("hint:"), "dim")


def success(text: str) -> None:
    """A message saying that something was done (stderr)."""
    _say(text, "✓", "green")


INTERRUPTED = 130  # the exit code of Ctrl-C (core/errors.py EXIT_CODES)


def error(problem: GarefilError) -> None:
    """One line saying what went wrong, one saying what to do."""
    # An interruption (exit 130) is no error: its words alone, as every Ctrl-C is said.
    mark = ("", "") if problem.exit_code == INTERRUPTED else (_("error:"), "bold red")
    _say(problem_text(problem), *mark)
    if problem.hint:
        _say(format_message(_(problem.hint), problem.params), "  " + _("hint:"), "dim")


def problem_text(problem: GarefilError) -> str:
    """What went wrong, in the coach's language: its details, and a problem it tells of, too."""
    from .shown_dates import long_date  # only when something went wrong

    # A date in a sentence reads in words, like every other date the coach is told.
    params = {k: long_date(v) if isinstance(v, date) else v for k, v in problem.params.items()}
    if isinstance(params.get("detail"), str) and params["detail"]:
        params["detail"] = _(params["detail"])  # a problem read from a note (core marks N_)
    for key, value in params.items():
        if isinstance(value, GarefilError):  # the refused settings a refused sync names
            params[key] = problem_text(value)
    return format_message(_(problem.message_id), params)


def traceback(problem: BaseException) -> None:
    """The technical detail of a problem (stderr), for the team: shown only under --debug."""
    from traceback import format_exception  # only then: every command would load it (3 ms)

    sys.stderr.write("".join(format_exception(problem)))


def usage_error(error: Exception) -> None:
    """A wrongly typed command, said like every other error: one line, then a hint."""
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError":  # `garefil` alone: its help, not an error
        sys.stdout.write(error.format_message() + "\n")
        return
    command = ctx.command_path if ctx is not None else "garefil"
    _say(_usage_message(error), _("error:"), "bold red")
    hint = _("`{command} --help` shows how to use it").format(command=command)
    hint = getattr(error, "hint", None) or hint  # garefil's own usage errors say how
    possibilities = sorted(getattr(error, "possibilities", None) or ())
    if possibilities:
        hint = _("did you mean {options}? ").format(options=", ".join(possibilities)) + hint
    _say(_global_option_hint(error, ctx) or hint, "  " + _("hint:"), "dim")


def _global_option_hint(error: Exception, ctx) -> str | None:
    """`garefil list -C DOSSIER`: an option of garefil's own, written after the command,
    where Click knows it not; the hint shows where it goes."""
    if type(error).__name__ != "NoSuchOption" or ctx is None or ctx.parent is None:
        return None
    from .quick import GLOBAL  # garefil's options that go with a command (not --version)

    name = error.option_name.split("=", 1)[0]
    with_a_command = {option.name for option in GLOBAL}
    for param in ctx.find_root().command.params:
        if param.name in with_a_command and name in (*param.opts, *param.secondary_opts):
            written = name if param.is_flag else f"{name} {param.metavar}"
            return _(
                "garefil's own options come before the command: `garefil {option} {command} …`"
            ).format(option=written, command=ctx.info_name)
    return None


def _usage_message(error: Exception) -> str:
    """Click's English message, said in garefil's words (Typer's vendored Click is pinned, and
    a test fails if one of its messages comes through untranslated)."""
    kind, param = type(error).__name__, getattr(error, "param", None)
    english = error.format_message()
    if kind == "NoSuchOption":
        return _("Unknown option {name}.").format(name=error.option_name)
    if kind == "MissingParameter" and param is not None:
        name = param.opts[0] if param.param_type_name == "option" else None
        return _("Missing {name}.").format(name=name or param.metavar or param.name.upper())
    if kind == "BadParameter" and error.param_hint:  # raised by garefil: its detail is French
        return _("Invalid value for {name}: {detail}.").format(
            name=error.param_hint, detail=error.message
        )
    if kind == "BadParameter" and param is not None and param.type.name in ("int", "integer"):
        return _("Invalid value for {name}: {detail}.").format(
            name=param.opts[0], detail=_("a whole number is expected")
        )
    if kind == "BadParameter" and param is not None:
        return _("Invalid value for {name}.").format(name=param.opts[0])
    if kind == "BadOptionUsage" and "requires" in english:
        return _("Option {name} needs a value.").format(name=error.option_name)
    if kind == "BadOptionUsage":
        return _("Option {name} takes no value.").format(name=error.option_name)
    if english.startswith("Got unexpected extra argument"):
        extra = english.rpartition(" (")[2].removesuffix(")")
        return _("Unexpected argument: {words}.").format(words=extra)
    return english  # already ours (unknown command), or a case the test would point out


def problem_line(text: str) -> None:
    """A warning the person should act on (stderr)."""
    _say(text, "⚠", "yellow")


def settings_refused(problem: GarefilError) -> None:
    """The one line a command that runs despite the notebook's refused settings says of them."""
    problem_line(
        _("{problem} Ignored here: fix the file, or bring in the fix with `garefil sync`.").format(
            problem=problem_text(problem)
        )
    )


def problems(found: Sequence[Problem]) -> None:
    """Warn about notes that were skipped because they cannot be read."""
    for problem in found:
        detail = _(problem.detail) if problem.detail else ""
        where = f"{problem.path}:{problem.line}" if problem.line else problem.path
        _say(f"{where}: {detail} — " + _(_problem_hint(problem)), "⚠", "yellow")


def _problem_hint(problem: Problem) -> str:
    """What to do about a skipped file: its header only helps when the header is the trouble."""
    from garefil.core.notebook import DEAD_LINK, FOLDER_LINK, NOT_TEXT, UNSAFE_LINK

    if problem.detail == UNSAFE_LINK:
        return "replace the link by the file itself, or delete the link"
    if problem.detail == DEAD_LINK:
        return "delete the link, or make it lead to a note of the notebook"
    if problem.detail == FOLDER_LINK:
        return "delete the link; to have those notes here, move the folder itself into the notebook"
    if problem.detail == NOT_TEXT:
        return "file skipped; a note is text: move this file out of the notebook"
    if not problem.line:
        return "file skipped; check that you may read it"
    return "note skipped; fix its front-matter"


# Listed for the catalogue: the hints above are translated when shown.
_("replace the link by the file itself, or delete the link")
_("delete the link; to have those notes here, move the folder itself into the notebook")
_("delete the link, or make it lead to a note of the notebook")
_("file skipped; a note is text: move this file out of the notebook")
_("file skipped; check that you may read it")
_("note skipped; fix its front-matter")


def draws_progress() -> bool:
    """Whether a progress bar can be drawn (a terminal, colours allowed): work that costs
    something to count is counted only then."""
    return not _plain_messages()


@contextlib.contextmanager
def progress(label: str, threshold: int = 300) -> Iterator[Callable[[int, int], None]]:
    """A callback(done, total) that shows a progress bar on long work at a terminal only. Work
    started inside other long work (the index a sync refreshes) gets its own line in the bar
    already drawn: a terminal shows one live display at a time."""
    if _plain_messages():
        yield lambda done, total: None
        return
    from rich.progress import Progress

    with contextlib.ExitStack() as stack:
        if not _live_bars:
            bar = stack.enter_context(Progress(console=console(stderr=True), transient=True))
            _live_bars.append(bar)
            stack.callback(_live_bars.clear)
        bar, task, drawn = _live_bars[0], None, -1

        def advance(done: int, total: int) -> None:
            nonlocal task, drawn
            if total < threshold:
                return
            if task is None:
                task = bar.add_task(label, total=total)
                stack.callback(bar.remove_task, task)
                stack.callback(bar.refresh)  # runs first: its last state is seen before it goes
            bar.update(task, completed=done, total=total)
            if done * 100 // total != drawn:  # each new percent drawn, even between the
                drawn = done * 100 // total  # timer's refreshes (a sync moves in a few steps)
                bar.refresh()

        yield advance


_live_bars: list[Any] = []  # the progress bar on screen, while one is


def emit_json(data: Any) -> None:
    """Write `data` as indented UTF-8 JSON on stdout."""
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    # json escapes U+0000–U+001F only; DEL and C1 controls (which some terminals obey) can
    # appear only inside strings, where \uXXXX is their valid JSON spelling.
    sys.stdout.write(text.translate(_JSON_ESCAPES) + "\n")
    sys.stdout.flush()


def write_rows(rows: Iterable[Sequence[str]]) -> None:
    """Tab-separated lines (tabs and line breaks inside cells become spaces, other control
    characters visible signs)."""
    sys.stdout.write("".join("\t".join(map(_cell, row)) + "\n" for row in rows))


_IN_CELL = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _cell(text: str) -> str:
    """One cell of a tab-separated line: no tab nor line break of its own, nothing driving."""
    return text if _CONTROL.search(text) is None else visible(text.translate(_IN_CELL))


def rich_table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    right: int | None = None,
    whole: Sequence[int] = (),
) -> None:
    """A table; the columns numbered in `whole` (dates) are never wrapped."""
    from . import terminal_table  # a terminal's matter: not imported for piped output

    shown = [[visible(cell) for cell in row] for row in rows]
    widths = terminal_table.natural_widths(headers, shown)
    available = terminal_table.terminal_width()
    if not terminal_table.fits(widths, available):  # the day says enough when room is short
        shown = terminal_table.days_only(shown)
        widths = terminal_table.natural_widths(headers, shown)
    if not terminal_table.fits(widths, available):
        narrow = terminal_table.narrowed(headers, shown, widths, available)
        if narrow is None:  # a word too long for its column (a link): folded, as Rich would
            floors = terminal_table.folding_floors(headers, shown, whole)
            narrow = terminal_table.narrowed(headers, shown, widths, available, floors)
        if narrow is not None:  # long texts wrapped between words; ids and dates kept whole
            shown, widths = terminal_table.wrapped(shown, narrow), narrow
    if terminal_table.fits(widths, available):
        terminal_table.draw(headers, shown, widths, right)  # Rich's drawing, without Rich
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for index, header in enumerate(headers):
        table.add_column(
            header,
            overflow="fold",
            no_wrap=index in whole,
            justify="right" if index == right else "left",
        )
    for row in shown:
        table.add_row(*map(escape_markup, row))
    console().print(table)


def rows_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A table at a terminal; tab-separated lines without headers when piped."""
    if plain():
        write_rows(rows)
    else:
        rich_table(headers, rows)


def refusal_lines(problem: GarefilError) -> list[str]:
    """What a command refused, told as lines of a report (`status`, the home screen): the
    message, then the hint, as `error` says them."""
    lines = [format_message(_(problem.message_id), problem.params)]
    if problem.hint:
        lines.append(f"  {_('hint:')} {format_message(_(problem.hint), problem.params)}")
    return lines
