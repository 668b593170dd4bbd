"""Write docs/commands.md from the command line itself: `python tools/commands_doc.py [--check]`.

The reference is generated, never typed, so it cannot drift from the code; a test runs --check.
It is written in French, the language the team reads (GAREFIL_LANG is forced to fr here).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

os.environ["GAREFIL_LANG"] = "fr"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
TARGET = ROOT / "docs" / "commands.md"

import typer.main  # noqa: E402

from garefil.cli.app import app  # noqa: E402


def commands(group, prefix="garefil"):
    # Asked by name: the root group imports a command's module only when asked for it.
    for name in sorted(group.list_commands(None)):
        command = group.get_command(None, name)
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):
            yield from commands(command, path)
        else:
            yield path, command


def describe(path: str, command) -> list[str]:
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [
        p
        for p in command.params
        if p.param_type_name == "option" and p.name != "help" and not p.hidden
    ]
    usage = " ".join(
        [path, *((p.metavar or p.name.upper()) for p in arguments), "[OPTIONS]" if options else ""]
    )
    lines = [f"## `{path}`", "", command.help or "", "", f"    {usage.strip()}", ""]
    rows = [((p.metavar or p.name.upper()), getattr(p, "help", "") or "") for p in arguments]
    rows += [(", ".join(f"`{o}`" for o in p.opts), p.help or "") for p in options]
    if rows:
        lines += ["| argument / option | rôle |", "|---|---|"]
        lines += [f"| {name} | {text} |" for name, text in rows]
        lines.append("")
    return lines


def render() -> str:
    root = typer.main.get_command(app)
    globals_ = [p for p in root.params if p.param_type_name == "option" and p.name != "help"]
    lines = [
        "# Référence des commandes",
        "",
        "Générée par `python tools/commands_doc.py` à partir du code : ne pas modifier à la main.",
        "",
        "Options générales, à placer avant la commande (`garefil -C carnet list`) :",
        "",
        "| option | rôle |",
        "|---|---|",
    ]
    lines += [f"| {', '.join(f'`{o}`' for o in p.opts)} | {p.help} |" for p in globals_]
    lines.append("")
    for path, command in commands(root):
        lines += describe(path, command)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/commands.md is out of date: run python tools/commands_doc.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    # Shell completion's table is drawn from the same commands, with the English msgids, which
    # takes a process of its own (the language is chosen once, at import).
    return subprocess.call([sys.executable, str(ROOT / "tools" / "completion_table.py")])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
