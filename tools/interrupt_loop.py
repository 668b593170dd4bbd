"""Ctrl-C at every moment of a command: each run must end with one line, never a traceback.

    python tools/interrupt_loop.py NOTEBOOK [COMMAND…]   (default command: list)

Runs `garefil -C NOTEBOOK COMMAND…` again and again, sending SIGINT (what Ctrl-C sends) after
0.02 s, 0.04 s, … up to 1.5 s, and prints each run's exit code and last line of messages; it
exits 1 if any run printed a traceback. Run it on a copy of a notebook when the command writes.
Only the interpreter's own start (before garefil's first line runs) is out of reach: a signal
then ends Python as it would end any program.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time


def one_run(delay: float, args: list[str]) -> tuple[int, str]:
    """Exit code and messages of `garefil args` sent SIGINT after `delay` seconds."""
    started = subprocess.Popen(
        [sys.executable, "-m", "garefil", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(delay)
    started.send_signal(signal.SIGINT)
    _, err = started.communicate(timeout=120)
    return started.returncode, err


def main(argv: list[str]) -> int:
    """Run the loop; 1 if any run showed a traceback."""
    if not argv:
        print(__doc__)
        return 2
    args = ["-C", argv[0], *(argv[1:] or ["list"])]
    failed = 0
    for step in range(1, 76):
        code, err = one_run(step * 0.02, args)
        last = err.strip().splitlines()[-1] if err.strip() else ""
        failed += "Traceback" in err
        print(
            f"{step * 0.02:.2f}s  exit {code:4}  {'TRACEBACK ' if 'Traceback' in err else ''}{last}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
