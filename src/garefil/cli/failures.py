"""How a command that failed ends: one line in the coach's words and an exit code.

The single translation of errors: app.py's command line and the quick path of the read
commands (quick.py) both end a failed command here, so that it reads the same whichever ran
it. A domain error says its message and hint (its traceback first under --debug); Ctrl-C or
Ctrl-D say what they left; a reader who stopped reading (`| head`) ends quietly; anything
unexpected is one line that points to --debug, which shows the traceback instead.
"""

from __future__ import annotations

from garefil.core.errors import GarefilError
from garefil.i18n import _

from . import render
from .process import EXIT_INTERRUPTED, interruption, reader_gone
from .saved_notes import when_interrupted

EXIT_UNEXPECTED = 1


def exit_code(problem: BaseException, debug: bool, command: str | None, asking=False) -> int:
    """Say how `problem` stopped `command` (None: before one ran) and return the exit code;
    under `debug`, re-raise it where its traceback says more than the words. `asking`: it came
    while a question waited for an answer (Ctrl-C or Ctrl-D there is asked before any write)."""
    if isinstance(problem, GarefilError):
        if debug:
            render.traceback(problem)  # for the team; the coach still gets the usual words
        render.error(problem)
        return problem.exit_code
    if isinstance(problem, BrokenPipeError):
        reader_gone()
        return 0
    if debug:
        raise problem
    if asking or isinstance(problem, EOFError):
        render.info(_(interruption([], started=False)))
        return EXIT_INTERRUPTED
    if isinstance(problem, KeyboardInterrupt):
        render.info(when_interrupted(interruption([command] if command else [])))
        return EXIT_INTERRUPTED
    render.info(_("Unexpected error: {detail}").format(detail=problem))
    render.info(_("Run the same command with --debug and send the output to the team."))
    return EXIT_UNEXPECTED
