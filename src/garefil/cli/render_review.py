"""What `jardin` and `bilan` show: grouped lines on stdout, headings in bold at a terminal.

Text from notes (paths, names, tags) goes through `render.visible`, like every other output.
"""

from __future__ import annotations

import sys

from .render import console, plain, visible


def heading(text: str) -> None:
    """A group's title (bold at a terminal)."""
    if plain():
        sys.stdout.write(visible(text) + "\n")
        return
    from rich.markup import escape

    console().print(f"[bold]{escape(visible(text))}[/bold]")


def line(text: str) -> None:
    """One line of a group, as it is (control characters made visible)."""
    if plain():
        sys.stdout.write(visible(text) + "\n")
        return
    from rich.markup import escape

    console().print(escape(visible(text)), soft_wrap=True)


def text(data: str) -> None:
    """A whole text (Markdown, CSV, JSON) on stdout, as it is."""
    sys.stdout.write(data if data.endswith("\n") else data + "\n")
    sys.stdout.flush()
