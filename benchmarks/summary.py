"""Time the sommaire on a generated notebook: its regeneration after one note changed (what each
writing command adds), a full regeneration, and `new` with and without a SOMMAIRE.md.

python benchmarks/corpus.py 10000 /tmp/carnet-10000
python -m garefil -C /tmp/carnet-10000 sommaire
GAREFIL_LANG=en NO_COLOR=1 python benchmarks/summary.py /tmp/carnet-10000

The notebook's git history is left with one commit more per `new` timed.
"""

import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from garefil.adapters.pages.markdown import MarkdownPages
from garefil.cli.common import indexed_listing
from garefil.cli.context import Services
from garefil.core import summary
from garefil.core.notes import scan

ROUNDS = 5


def median(runs: list[float]) -> str:
    return f"median {statistics.median(runs):.3f}s min {min(runs):.3f}s max {max(runs):.3f}s"


def in_process(folder: Path) -> None:
    services = Services(explicit_notebook=folder)
    notebook = services.notebook()
    notes = list(indexed_listing(services, notebook).notes)
    changed = next(n for n in notes if n.type == "cr" and n.entrepreneur and n.tags)
    target = notebook.root / changed.path
    one, full, cpu = [], [], []
    for round_ in range(ROUNDS):
        with target.open("a", encoding="utf-8") as handle:
            handle.write(f"\nRelance n°{round_}.\n")
        start, start_cpu = time.perf_counter(), time.process_time()
        after = [n for n in notes if n.path != changed.path]
        [reread] = scan(notebook, [changed.path]).notes
        scope = summary.Scope.of([changed, reread])
        summary.refresh_pages(notebook, [*after, reread], MarkdownPages(), date.today(), scope)
        one.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        start = time.perf_counter()
        summary.refresh_pages(notebook, [*after, reread], MarkdownPages(), date.today())
        full.append(time.perf_counter() - start)
    print(f"{len(notes)} notes; regeneration after one note changed: {median(one)}")
    print(f"  the same, processor time (what a quiet machine would wait): {median(cpu)}")
    print(f"full regeneration: {median(full)}")
    subprocess.run(["git", "-C", str(folder), "commit", "-qam", "relances"], check=False)


def new_command(folder: Path) -> None:
    config = folder / ".garefil" / "config.toml"
    original = config.read_text(encoding="utf-8")
    for label, auto in (("new, sommaire kept", "true"), ("new, sommaire off", "false")):
        config.write_text(original.replace("# auto = true", f"auto = {auto}"), encoding="utf-8")
        runs = []
        for round_ in range(ROUNDS):
            argv = [sys.executable, "-m", "garefil", "-C", str(folder), "new", "cr", "--no-edit"]
            argv += ["-e", "Léa Fontaine", "--title", f"Essai {label} {round_}", "--body", "x"]
            start = time.perf_counter()
            subprocess.run(argv, capture_output=True, check=True, env=os.environ)
            runs.append(time.perf_counter() - start)
        print(f"{label}: {median(runs)}")
    config.write_text(original, encoding="utf-8")


if __name__ == "__main__":
    print("load average:", " ".join(f"{x:.1f}" for x in os.getloadavg()))
    in_process(Path(sys.argv[1]))
    new_command(Path(sys.argv[1]))
    print("load average:", " ".join(f"{x:.1f}" for x in os.getloadavg()))
