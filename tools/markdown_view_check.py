"""Compare `show`'s light Markdown view with Rich's Markdown over many notes (a long check).

    python tools/markdown_view_check.py DOSSIER...          every note under the folders
    python tools/markdown_view_check.py --generated 5000    generated text (--seed to vary it)

Each body is drawn both ways at 80 columns and compared as tests/test_markdown_view.py compares
them (the same words in the same order; generated paragraphs also character by character, bold
and italic included). It says how many were drawn light, how many left to Rich's Markdown, and
names those that differ; it exits with 1 when one does. The tests run a short share of this; a
notebook of 10,000 notes takes about a minute of one core.
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))

from rich.console import Console  # noqa: E402
from rich.markdown import Markdown  # noqa: E402

import test_markdown_view as same  # noqa: E402  (the tests' own comparison)
from garefil.cli.markdown_view import rendered  # noqa: E402

# Pieces of every construct the light view reads, and of some it leaves to Rich.
PIECES = [
    *"ab *_`\\[]()<>#=-+~|!&.1 é",
    *["  ", "    ", "- ", "1. ", "2) ", "> ", "```", "~~~", "](u)", "[ ] ", "[x] ", "^d-fcqu3"],
    *["\n", "\n", "\n\n", "<!--", "-->", "**", "__"],
]


def body_of(path: Path) -> str:
    """A note's body: its text below the front-matter."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---\n") and "\n---\n" in text:
        return text.split("\n---\n", 1)[1]
    return text


def differs(body: str) -> bool | None:
    """None when the body is left to Rich's Markdown, else whether the drawings differ."""
    drawing = same.light(body)
    if drawing is None:
        return None
    if same.words(drawing) != same.words(same.rich(body)):
        return True
    if "\n" in body.strip() or body.lstrip()[:1] in tuple("*+-_=#>`~0123456789<"):
        return False  # blocks: their words only (Rich centres, numbers and pads them its way)
    out = Console(width=200, file=io.StringIO(), highlight=False, force_terminal=True)
    text = rendered(body, out)
    return text is not None and same.styled(out, text) != same.styled(out, Markdown(body))


def check(named: list[tuple[str, str]]) -> int:
    """Compare every (name, body); print the counts and the names that differ."""
    counts = {"light": 0, "rich": 0, "different": 0}
    for name, body in named:
        verdict = differs(body)
        counts["rich" if verdict is None else "different" if verdict else "light"] += 1
        if verdict:
            print(f"different: {name}")
    print(
        f"{counts['light']} drawn light, the same; {counts['rich']} left to Rich's Markdown; "
        f"{counts['different']} different"
    )
    return 1 if counts["different"] else 0


def main() -> int:
    """Check the folders' notes, or generated text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--generated", type=int, default=0, help="how many generated bodies")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generator = random.Random(args.seed)
    named = [
        (str(path), body_of(path))
        for folder in args.folders
        for path in sorted(folder.rglob("*.md"))
        if ".git" not in path.parts
    ]
    for number in range(args.generated):
        text = "".join(generator.choice(PIECES) for _ in range(generator.randint(1, 40)))
        named.append((f"generated #{number}: {text!r}", text))
    return check(named)


if __name__ == "__main__":
    sys.exit(main())
