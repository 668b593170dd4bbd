"""Git commands that rewrite the notes run whole: Ctrl-C waits until they are done.

At a terminal, Ctrl-C sends SIGINT to every process of the foreground group: garefil and the
git it runs. A `git merge` stopped while it writes the work tree leaves some files updated,
some not, one perhaps empty, and no trace git itself would finish (MERGE_HEAD is written after
the files): the next sync would record the team's half-written versions as the coach's edits.
So such a command runs in a process group of its own, which Ctrl-C does not reach, and
garefil notes the Ctrl-C meanwhile and stops once the command has finished, with the usual
words (cli/process.py). Git's other commands (fetch, push, reading) stay stopped at once:
git makes each of their changes whole by itself. A command killed outright (`kill -9`, a
power cut) is undone by the next sync from what `Interrupted` (git_interrupted.py) recorded.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

_shielding = 0  # how many `undivided` blocks are open: git commands started meanwhile are
# put in a process group of their own


@contextlib.contextmanager
def undivided() -> Iterator[None]:
    """Run the block whole: a Ctrl-C that comes meanwhile stops garefil once it has ended
    (KeyboardInterrupt), unless the block fails of its own accord first."""
    global _shielding
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if main else None
    asked: list[int] = []
    if main:  # only the main thread may set a handler; others get no SIGINT anyway
        signal.signal(signal.SIGINT, lambda number, _frame: asked.append(number))
    _shielding += 1
    try:
        yield
    finally:
        _shielding -= 1
        if main:
            signal.signal(signal.SIGINT, previous)
    if asked:
        _deliver(previous)


def _deliver(handler: object) -> None:
    """What the Ctrl-C held back would have done under `handler`."""
    if handler is signal.SIG_IGN:
        return
    if callable(handler):
        handler(signal.SIGINT, None)  # Python's own raises KeyboardInterrupt
        return
    raise KeyboardInterrupt  # SIG_DFL: the command stops here, saying so


def child_options() -> dict[str, object]:
    """The options of a git process started now: its own process group inside `undivided`."""
    return {"process_group": 0} if _shielding else {}
