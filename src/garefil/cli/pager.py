"""Long listings go through a pager at a terminal, as git's do.

A listing is drawn into memory first (it is complete before anything is shown anyway); when it
has more lines than the screen, it is handed to the pager: GAREFIL_PAGER, else the coach's
`pager` setting, else PAGER, else `less`. LESS is set to `FRX` when unset: less then quits by
itself when the text fits (F), lets colours through (R) and leaves the screen as it was (X).
Never when stdout is not a terminal (a pipe, a file); never with `--sans-pager` or
`pager = "non"`; a pager that cannot be started is skipped and the listing printed.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping

from garefil.core.errors import GarefilError


class _Invocation:
    """What the command being run says of the pager: turned off (--sans-pager), and where the
    coach's settings are. Set at the start of every command (tests run many in one process)."""

    services = None
    turned_off = False


class _Screen(io.StringIO):
    """What the listing writes while it is drawn: seen as the terminal it will reach, so that
    tables and colours are the terminal's."""

    def __init__(self, real) -> None:
        super().__init__()
        self.real = real

    def isatty(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.real, "encoding", None) or "utf-8"


def use(services, turned_off: bool) -> None:
    """The command starting reads the coach's settings through `services`; with `turned_off`
    (--sans-pager), its listings never go through a pager."""
    _Invocation.services, _Invocation.turned_off = services, turned_off


@contextlib.contextmanager
def paged() -> Iterator[None]:
    """Within this block, stdout goes to the pager when it ends up longer than the screen."""
    real = sys.stdout
    if not real.isatty() or _Invocation.turned_off:
        yield
        return
    sys.stdout = screen = _Screen(real)
    try:
        yield
    finally:
        sys.stdout = real
    text = screen.getvalue()
    if not (_taller_than_screen(text) and _through_pager(text, real, _setting())):
        real.write(text)


def _setting() -> str | None:
    """The coach's `pager` setting (GAREFIL_PAGER or their settings file), if any: a setting
    that cannot be read leaves the choice to PAGER, it never stops the listing."""
    services = _Invocation.services
    if services is None:
        return None
    try:
        value = services.settings(keys=("pager",))["pager"].value
    except GarefilError:
        return None
    return None if value is None else str(value)


def _taller_than_screen(text: str) -> bool:
    """Whether `text` takes more lines than the terminal has (long lines count for the lines
    they fold into)."""
    try:
        size = os.get_terminal_size(sys.__stdout__.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    from . import terminal_table  # a terminal's matter: not imported for piped output

    width, room, taken = max(size.columns, 1), size.lines - 1, 0
    for line in text.splitlines():
        taken += max(1, -(-terminal_table.cell_width(line) // width))
        if taken > room:
            return True
    return False


def command(environ: Mapping[str, str], setting: str | None) -> list[str] | None:
    """The pager to run (None: none): GAREFIL_PAGER, the `pager` setting, PAGER, `less`;
    « oui » in the first two asks for the usual one, what comes after it."""
    # Only when a pager may start: a listing that fits the screen never loads the settings.
    from garefil.core.settings import PAGER_OFF, PAGER_ON  # the words that mean no or yes

    for chosen in (environ.get("GAREFIL_PAGER"), setting, environ.get("PAGER")):
        if chosen is not None and chosen.strip().lower() not in PAGER_ON:
            return None if chosen.strip().lower() in PAGER_OFF else _words(chosen)
    return ["less"]


def _words(chosen: str) -> list[str] | None:
    import shlex  # only when a pager is chosen: not for every listing

    try:
        return shlex.split(chosen) or None
    except ValueError:
        return None


def _through_pager(text: str, real, setting: str | None) -> bool:
    """Hand `text` to the pager and wait for the coach to leave it; False if none started."""
    argv = command(os.environ, setting)
    if argv is None:
        return False
    environ = {"LESS": "FRX", "LV": "-c", **os.environ}
    real.flush()
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=environ)
    except OSError:
        return False
    interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
    try:
        with contextlib.suppress(BrokenPipeError, OSError):  # the coach quit before the end
            pager.stdin.write(text.encode(getattr(real, "encoding", None) or "utf-8", "replace"))
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, interrupt)
    return True
