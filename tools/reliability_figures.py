"""The figures of docs/reliability.md, from the suite's own runs rather than typed by hand.

    .venv/bin/python tools/reliability_figures.py [--write] [--hypothesis-log FILE]
                                                   [--kill-log FILE] [--concurrency-log FILE]

Runs the reliability test modules once (pytest, JUnit report) and counts, per family, the cases
tried (every test and parametrised case), those that failed and those skipped, and the defects
found and fixed (the rows of the defects table of docs/reliability.md, by family). With the
logs of the long runs it adds their figures: `--hypothesis-log` is the output of
`GAREFIL_HYPOTHESIS_EXAMPLES=10000 pytest tests/test_properties.py --hypothesis-show-statistics`,
`--kill-log` the `--json` line of `benchmarks/kill_writes.py`, `--concurrency-log` the output of
`benchmarks/concurrent_new.py --json` or `benchmarks/concurrent_sync.py --json`. `--write` puts
the table between the two markers of docs/reliability.md; otherwise it is printed. The rows of
long runs whose log is not given are kept from the table already in the doc.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "reliability.md"
START, END = "<!-- figures: début -->", "<!-- figures: fin -->"
FAMILIES = {
    "Entrées invalides (en-têtes, encodages, valeurs, requêtes)": [
        "test_bad_input.py", "test_frontmatter.py", "test_note_values.py",
        "test_config_errors.py", "test_refusals.py",
    ],
    "Noms et chemins hostiles, liens symboliques": [
        "test_file_safety.py", "test_shared_links.py", "test_manage.py",
    ],
    "Propriétés (hypothesis, part courte)": ["test_properties.py", "test_text.py"],
    "Plantages et concurrence": [
        "test_atomic.py", "test_index_kill.py", "test_kill_writes.py", "test_git_locks.py",
        "test_index_safety.py", "test_readonly.py", "test_concurrent_sync.py",
        "test_closed_pipe.py", "test_sync_interrupted.py",
    ],
    "Serveurs git avec authentification": ["test_git_servers.py"],
    "Données personnelles (RGPD)": ["test_rgpd.py", "test_rgpd_documents.py"],
}  # fmt: skip
# The first column of the defects table, per family of the figures.
DEFECT_FAMILIES = {
    "entrées": "Entrées invalides (en-têtes, encodages, valeurs, requêtes)",
    "noms": "Noms et chemins hostiles, liens symboliques",
    "propriétés": "Propriétés (hypothesis, part courte)",
    "plantages": "Plantages et concurrence",
    "concurrence": "Plantages et concurrence",
    "serveurs": "Serveurs git avec authentification",
    "RGPD": "Données personnelles (RGPD)",
}


def defects_fixed(doc: str) -> dict[str, int]:
    """Rows of the defects table of docs/reliability.md, per family of the figures."""
    section = doc.partition("## Défauts trouvés")[2].partition("\n## ")[0]
    counts: dict[str, int] = {}
    for row in re.findall(r"^\| ([^|]+?) \|", section, re.M):
        family = DEFECT_FAMILIES.get(row.strip())
        if family:
            counts[family] = counts.get(family, 0) + 1
    return counts


def run_suite() -> dict[str, dict[str, int]]:
    """Run every family's modules once; cases, failures and skips per family."""
    files = [f"tests/{name}" for names in FAMILIES.values() for name in names]
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "junit.xml"
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        f"--junitxml={report}", *files], cwd=ROOT)  # fmt: skip
        cases = ElementTree.parse(report).getroot().iter("testcase")
        by_module: dict[str, list[str]] = {}
        for case in cases:
            module = case.get("classname", "").split(".")[-1] + ".py"
            outcome = next((child.tag for child in case), "passed")
            by_module.setdefault(module, []).append(outcome)
    figures = {}
    for family, names in FAMILIES.items():
        outcomes = [o for name in names for o in by_module.get(name, [])]
        figures[family] = {
            "cases": len(outcomes),
            "failed": sum(o in ("failure", "error") for o in outcomes),
            "skipped": outcomes.count("skipped"),
        }
    return figures


def hypothesis_figures(log: Path) -> tuple[int, int, int]:
    """(properties, examples tried in all, failing properties) from a statistics log: the
    reuse and generate phases of each property say "N passing, M failing" (shrinking and
    explaining a failure are not new cases)."""
    text = log.read_text(encoding="utf-8", errors="replace")
    properties, examples, failing = 0, 0, 0
    for block in text.split("tests/test_properties.py::")[1:]:
        phases = re.findall(r"during (\w+) phase.*\n.*\n\s+- (\d+) passing, (\d+) failing", block)
        tried = [(int(p), int(f)) for phase, p, f in phases if phase in ("reuse", "generate")]
        properties += bool(tried)
        examples += sum(p + f for p, f in tried)
        failing += any(f for _p, f in tried)
    return properties, examples, failing


def kill_figures(log: Path) -> dict:
    """benchmarks/kill_writes.py's figures: its --json line, or counted from its try lines."""
    lines = log.read_text(encoding="utf-8").strip().splitlines()
    if lines and lines[-1].startswith("{"):
        return json.loads(lines[-1])
    notes = next(
        (int(m[1]) for line in lines if (m := re.match(r"notebook: (\d+) notes", line))), 0
    )
    commands: dict[str, dict[str, int]] = {}
    for kind, said in re.findall(
        r"^try +\d+: (\w+) +killed after .*?: (.*)$", "\n".join(lines), re.M
    ):
        figures = commands.setdefault(kind, {"tries": 0, "failures": 0})
        figures["tries"] += 1
        figures["failures"] += said != "clean"
    return {"notes": notes, "commands": commands}


def concurrency_figures(log: Path) -> tuple[str, int, int]:
    """(what ran, notes written, broken promises) from a concurrent_*.py --json line."""
    lines = log.read_text(encoding="utf-8").strip().splitlines()
    run = json.loads(next(line for line in reversed(lines) if line.startswith("{")))
    broken = sum(not ok for ok in run["checks"].values())
    if "coaches" in run:
        what = f"{run['coaches']} copies × {run['notes']} `new` + `sync` en même temps"
        return what, run["coaches"] * run["notes"], broken
    what = f"{run['processes']} × {run['notes']} `new` en même temps, {run['searches']} recherches"
    return what, run["processes"] * run["notes"], broken


def earlier_long_runs(doc: str) -> list[list[str]]:
    """The long runs' rows of the table now in the doc (cells), to keep those whose log is not
    given again: a long run is not repeated for each regeneration."""
    shown = doc.partition(START)[2].partition(END)[0]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in shown.splitlines()
        if line.startswith("|") and not line.startswith(("| famille ", "|---"))
    ]
    kept = [row for row in rows if row[0] not in FAMILIES]
    return [row[:4] + ["—"] + row[4:] if len(row) == 5 else row for row in kept]


def table(figures, hypothesis=None, kills=None, concurrency=(), defects=None, earlier=()) -> str:
    """The Markdown table of docs/reliability.md."""
    defects = defects or {}
    lines = [
        "| famille | cas essayés | échecs | ignorés | défauts trouvés, corrigés | notes perdues |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for family, f in figures.items():
        lost = "0" if not f["failed"] else "voir les échecs"
        lines.append(f"| {family} | {f['cases']} | {f['failed']} | {f['skipped']} | "
                     f"{defects.get(family, 0)} | {lost} |")  # fmt: skip
    if hypothesis:
        properties, examples, failed = hypothesis
        lines.append(f"| Propriétés, séries longues ({properties} passages d'une propriété) | "
                     f"{examples} | {failed} | 0 | — | 0 |")  # fmt: skip
    for run in kills or ():
        for kind, k in run["commands"].items():
            lines.append(f"| `{kind}` tué (SIGKILL), {run['notes']} notes | {k['tries']} | "
                         f"{k['failures']} | 0 | — | "
                         f"{0 if not k['failures'] else '?'} |")  # fmt: skip
    for what, notes, broken in concurrency:
        lines.append(f"| {what} | {notes} notes | {broken} | 0 | — | "
                     f"{0 if not broken else '?'} |")  # fmt: skip
    labels = {line.split(" | ")[0].removeprefix("| ") for line in lines}
    lines += ["| " + " | ".join(row) + " |" for row in earlier if row[0] not in labels]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Compute the figures; print them, or write them into docs/reliability.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--hypothesis-log", type=Path, action="append", default=[])
    parser.add_argument("--kill-log", type=Path, action="append", default=[])
    parser.add_argument("--concurrency-log", type=Path, action="append", default=[])
    options = parser.parse_args()
    found = [hypothesis_figures(log) for log in options.hypothesis_log]
    hypothesis = tuple(map(sum, zip(*found, strict=True))) if found else None
    kills = [kill_figures(log) for log in options.kill_log]
    concurrency = [concurrency_figures(log) for log in options.concurrency_log]
    doc = DOC.read_text(encoding="utf-8")
    text = table(
        run_suite(), hypothesis, kills, concurrency, defects_fixed(doc), earlier_long_runs(doc)
    )
    if not options.write:
        print(text)
        return 0
    before, _, rest = doc.partition(START)
    _, _, after = rest.partition(END)
    DOC.write_text(f"{before}{START}\n{text}{END}{after}", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
