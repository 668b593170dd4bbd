"""The commands a search hint shows work when pasted into a shell, and do what they say.

A hint is read, then pasted: `garefil search tag:"pole emploi"` lost its quotes to the shell
and answered with the same hint again; `-brouillon`, the example of every search error, left
out the word « brouillon », not the draft notes a coach meant.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path


def _garefil(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "garefil", *args], cwd=cwd, capture_output=True, text=True
    )


def _pasted(hint_line: str) -> list[str]:
    """The words of the command a hint line shows, as a shell splits it once pasted."""
    command = hint_line[hint_line.index("garefil ") :]
    words = shlex.split(command.strip("`"))
    assert words[0] == "garefil", hint_line
    return words[1:]


def _hint(said: str) -> str:
    return next(line for line in said.splitlines() if "conseil :" in line)


def test_the_hint_for_a_tag_of_several_words_works_when_pasted(demo_notebook):
    first = _garefil(["search", "tag:pole", "emploi"], demo_notebook)
    pasted = _pasted(_hint(first.stdout + first.stderr))
    again = _garefil(pasted, demo_notebook)
    assert again.returncode == 0, again.stderr
    assert "2024-02-15-cr-z2npe" in again.stdout  # tagged pole-emploi
    assert "conseil :" not in again.stderr


# A search for each error whose hint shows a search to run instead.
REFUSED = [
    ["-"],
    ['"urssaf'],
    ["(urssaf"],
    ["SAUF"],
    ["urssaf OU"],
    ["ET caf"],
    ["urssaf NOT"],
    ["urssaf OU ET caf"],
    ["urssaf SAUF -caf"],
    ["tag:"],
    ["le la"],
    ["urssaf", "date:2024"],
]


def _example_hints() -> list[str]:
    """The start of the French hint of every search error whose hint shows a search."""
    from garefil.core import errors
    from garefil.i18n import _

    def below(cls):
        return [cls, *(c for sub in cls.__subclasses__() for c in below(sub))]

    hints = {_(cls.hint) for cls in below(errors.InvalidQuery) if "garefil search" in cls.hint}
    return sorted(hint.split("{")[0] for hint in hints)


def test_every_search_example_a_hint_shows_runs_when_pasted(demo_notebook, cli):
    shown = []
    for query in REFUSED:
        refused = cli("-C", demo_notebook, "search", *query, code=5)
        hint = _hint(refused.stderr)
        shown.append(hint)
        cli("-C", demo_notebook, *_pasted(hint))  # exit 0
        if "SAUF" in query:  # the example of an operator left alone uses that operator
            assert "SAUF" in hint, hint
    unseen = [start for start in _example_hints() if not any(start in h for h in shown)]
    assert unseen == []


def test_the_example_of_every_search_error_leaves_out_the_drafts(demo_notebook, cli):
    hint = _hint(cli("-C", demo_notebook, "search", "-", code=5).stderr)
    pasted = _pasted(hint)
    found = json.loads(cli("-C", demo_notebook, *pasted, "--json").stdout)
    assert found and all(hit.get("status") != "brouillon" for hit in found), found
    # It does leave some out: the same search without the exclusion finds a draft.
    kept = [word for word in pasted if word != "-etat:brouillon"]
    assert kept != pasted, hint
    everything = json.loads(cli("-C", demo_notebook, *kept, "--json").stdout)
    assert any(hit.get("status") == "brouillon" for hit in everything)
