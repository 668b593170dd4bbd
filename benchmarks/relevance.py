"""Precision and recall of `garefil search` on the relevance set, beside plain `grep -ril`.

`python benchmarks/relevance.py [--write]` prints the Markdown table (or writes it into
docs/search.md); the test suite
runs the same measure (tests/test_relevance.py) and fails if a query loses relevant notes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_corpus():
    return _corpus().NOTES, _corpus().QUERIES


def load_first() -> dict[str, set[str]]:
    """The queries whose best hits are known, and those notes (tests/relevance/corpus.py)."""
    return _corpus().FIRST


def _corpus():
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "tests/relevance/corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def first_right(ranked: list[str], first: set[str] | None) -> bool | None:
    """Whether the notes expected `first` are the best of `ranked` (None: none expected)."""
    return None if first is None else set(ranked[: len(first)]) == first


@dataclass(frozen=True)
class Score:
    query: str
    expected: int
    precision: float
    recall: float
    grep_precision: float
    grep_recall: float
    first: bool | None = None  # whether the notes expected first came first (None: none said)


def write_notebook(folder: Path, notes) -> None:
    (folder / ".garefil").mkdir(parents=True)
    (folder / ".garefil" / "config.toml").write_text(
        '[tags.synonyms]\n"france-travail" = "pole-emploi"\n"pe" = "pole-emploi"\n',
        encoding="utf-8",
    )
    for path, (title, tags, who, body, *more) in notes.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        header = f"---\ntitle: {title}\ntags: [{', '.join(tags)}]\n"
        header += f"entrepreneur: {who}\n" if who else ""
        for key, value in (more[0] if more else {}).items():  # other tools' keys (JSON is YAML)
            header += f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
        target.write_text(f"{header}---\n\n{body}\n", encoding="utf-8")


def ratio(found: set[str], expected: set[str]) -> tuple[float, float]:
    hits = len(found & expected)
    return (hits / len(found) if found else 1.0, hits / len(expected))


def garefil_finds(folder: Path, query: str) -> list[str]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "garefil",
            "-C",
            str(folder),
            "search",
            query,
            "--json",
            "--limit",
            "100",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, GAREFIL_LANG="en"),
    )
    return [hit["path"] for hit in json.loads(done.stdout)]


def grep_finds(folder: Path, query: str) -> set[str]:
    done = subprocess.run(
        ["grep", "-ril", "--include=*.md", query, "."], cwd=folder, capture_output=True, text=True
    )
    return {line.removeprefix("./") for line in done.stdout.splitlines()}


def measure() -> list[Score]:
    notes, queries = load_corpus()
    first = load_first()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_notebook(folder, notes)
        scores = []
        for query, expected in queries.items():
            ranked = garefil_finds(folder, query)
            precision, recall = ratio(set(ranked), expected)
            grep_precision, grep_recall = ratio(grep_finds(folder, query), expected)
            right = first_right(ranked, first.get(query))
            scores.append(
                Score(query, len(expected), precision, recall, grep_precision, grep_recall, right)
            )
    return scores


def table(scores: list[Score]) -> str:
    notes, _ = load_corpus()
    lines = [
        f"{len(notes)} notes, {len(scores)} recherches.",
        "",
        "| requête | notes attendues | précision | rappel | en tête | grep -ril : précision |"
        " rappel |",
        "|---|---:|---:|---:|:---:|---:|---:|",
    ]
    for s in scores:
        first = {None: "", True: "oui", False: "**non**"}[s.first]
        lines.append(
            f"| `{s.query}` | {s.expected} | {s.precision:.2f} | {s.recall:.2f} | {first} | "
            f"{s.grep_precision:.2f} | {s.grep_recall:.2f} |"
        )
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    ranked = [s.first for s in scores if s.first is not None]
    lines.append(
        f"| **moyenne** | | **{mean([s.precision for s in scores]):.2f}** | "
        f"**{mean([s.recall for s in scores]):.2f}** | {sum(ranked)}/{len(ranked)} | "
        f"{mean([s.grep_precision for s in scores]):.2f} | "
        f"{mean([s.grep_recall for s in scores]):.2f} |"
    )
    return "\n".join(lines)


SEARCH_DOC = ROOT / "docs" / "search.md"
BEGIN, END = "<!-- relevance: written by benchmarks/relevance.py -->", "<!-- /relevance -->"


def main() -> None:
    """Print the table, or with --write put it into docs/search.md."""
    text = table(measure())
    if "--write" not in sys.argv:
        print(text)
        return
    before, _, rest = SEARCH_DOC.read_text(encoding="utf-8").partition(BEGIN)
    _, _, after = rest.partition(END)
    SEARCH_DOC.write_text(f"{before}{BEGIN}\n{text}\n{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    main()
