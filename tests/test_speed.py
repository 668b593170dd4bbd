"""What keeps read commands fast, checked on the real process (figures: docs/performance.md).

Durations are never asserted (the machine is shared); what is checked is what makes them: the
modules a command imports, and whether it runs with the cyclic garbage collector.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# Run as `python -m garefil` runs: through cli/process.py, which ends with os._exit after the
# exit handlers, so the handler below sees the process as the command left it.
PROBE = """
import atexit, gc, json, sys
atexit.register(lambda: sys.stderr.write(
    "\\nPROBE " + json.dumps({"modules": sorted(sys.modules), "gc": gc.isenabled()}) + "\\n"))
sys.argv = ["garefil", *sys.argv[1:]]
from garefil.cli.process import main
main()
"""
# Modules that no read command below needs: the site, the bilan, the sommaire, the jardin,
# the terminal library, YAML and GitPython.
NEVER_FOR_READING = (
    "garefil.core.site",
    "garefil.core.bilan",
    "garefil.core.summary",
    "garefil.core.review",
    "rich",
    "yaml",
    "git",
)


def probe(folder: Path, *args: str) -> dict:
    """The modules loaded and the collector's state at the end of `garefil ARGS` in `folder`."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith("PROBE "))
    return json.loads(line.removeprefix("PROBE "))


READ_COMMANDS = [
    ("list", "--tag", "urssaf"),
    ("show", "2024-01-10-rdv-2t9tj"),
    ("tags",),
    ("decisions",),
    ("actions", "--en-retard"),
    ("suivi",),
    (),  # the home screen
]


def test_read_commands_import_only_their_own_modules_and_skip_the_collector(demo_notebook, cli):
    cli("-C", demo_notebook, "index")  # as a coach's notebook mostly is: indexed already
    for args in READ_COMMANDS:
        seen = probe(demo_notebook, *args)
        loaded = set(seen["modules"])
        # `show` reads the note's file itself, front-matter included: YAML is needed there.
        never = [m for m in NEVER_FOR_READING if args[:1] != ("show",) or m != "yaml"]
        assert [m for m in never if m in loaded] == [], args
        assert "whoosh" not in loaded, args  # the full text is for `search` only
        assert args == () or "garefil.core.home" not in loaded, args
        assert seen["gc"] is False, args


def test_a_writing_command_keeps_the_collector(demo_notebook):
    assert probe(demo_notebook, "new", "note", "--title", "Essai", "--body", "x")["gc"] is True
