"""Time `suivi` on a generated notebook: its computation alone, then the command beside `list`.

python benchmarks/corpus.py 10000 /tmp/carnet-10000
python -m garefil -C /tmp/carnet-10000 index
GAREFIL_LANG=en NO_COLOR=1 python benchmarks/suivi.py /tmp/carnet-10000
"""

import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from garefil.cli.common import indexed_listing
from garefil.cli.context import Services
from garefil.core import followup

B = Path(sys.argv[1])
services = Services(explicit_notebook=B)
nb = services.notebook()
listing = indexed_listing(services, nb)
notes = listing.notes
runs = []
for _ in range(5):
    t = time.perf_counter()
    ctx = followup.Context(notes, nb.config, followup.thresholds(nb.config.suivi), date.today())
    groups = followup.followup(ctx)
    runs.append(time.perf_counter() - t)
print(
    "in-process followup over",
    len(notes),
    "notes:",
    f"{statistics.median(runs):.3f}s",
    followup.count(groups),
    "items",
)
for cmd in (["suivi"], ["list", "--tag", "urssaf"]):
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "garefil", "-C", str(B), *cmd], capture_output=True, check=True
        )
        runs.append(time.perf_counter() - t)
    print(
        " ".join(cmd),
        f"median {statistics.median(runs):.3f}s min {min(runs):.3f}s max {max(runs):.3f}s",
    )
