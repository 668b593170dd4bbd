"""The documentation tells the truth: README examples run, generated references are current."""

from __future__ import annotations

import re
import shlex
import subprocess

from conftest import PROJECT, git, run_tool_check

EXAMPLE = re.compile(r"```console\n(.*?)```", re.DOTALL)


def readme_blocks() -> list[list[str]]:
    """The commands of each console block of the README, in order."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    return [
        [line[2:] for line in block.splitlines() if line.startswith("$ ")]
        for block in EXAMPLE.findall(text)
    ]


def readme_commands() -> list[str]:
    return [command for block in readme_blocks() for command in block]


def test_readme_has_examples_to_run():
    assert len(readme_commands()) >= 6


def test_every_readme_example_runs_as_shown_with_gits_defaults(run_garefil, tmp_path, isolated):
    """Word for word, on a computer where git has never been set up (no identity, no
    init.defaultBranch): the README gives two coaches the same notebook."""
    (isolated / ".gitconfig").write_text("", encoding="utf-8")
    cwd, shown = tmp_path, {}
    for block in readme_blocks():
        for command in block:
            cwd = _run_shown(run_garefil, command, cwd, shown)
        if (cwd / ".garefil").is_dir():  # a coach who did as shown has nothing to garden
            garden = run_garefil("jardin", "--check", cwd=cwd)
            assert garden.returncode == 0, f"after {block[-1]}:\n{garden.stdout}{garden.stderr}"
    # the walkthrough's listing of requests nobody has taken shows one (a request inherits the
    # référent of its entrepreneur's fiche: only someone without one leaves it empty)
    assert "-demande-" in shown["garefil demandes --sans-referent"]
    awa, karim = tmp_path / "carnet-equipe", tmp_path / "carnet-karim"
    assert git(awa, "rev-parse", "HEAD") == git(karim, "rev-parse", "HEAD")
    assert git(awa, "log", "-1", "--format=%an", "--", "cr").strip() == "Karim Benali"
    assert git(tmp_path / "partage.git", "branch", "--format=%(refname:short)").split() == ["main"]


def _run_shown(run_garefil, command: str, cwd, shown: dict[str, str]):
    """Run one README command in `cwd` (a `cd` moves), keeping what it shows; the new cwd."""
    words = shlex.split(command)
    if words[0] == "cd":
        return (cwd / words[1]).resolve()
    if words[0] == "git":  # setting up a shared repository, as the README shows
        subprocess.run(words, cwd=cwd, check=True, capture_output=True)
        return cwd
    assert words[0] == "garefil", command
    done = run_garefil(*words[1:], cwd=cwd)
    assert done.returncode == 0, f"$ {command}\n{done.stdout}\n{done.stderr}"
    shown.setdefault(command, done.stdout)
    return cwd


def test_command_reference_is_generated_from_the_code():
    done = run_tool_check("commands_doc.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_documentation_links_point_to_existing_files():
    for doc in [PROJECT / "README.md", *(PROJECT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#:]+)\)", doc.read_text(encoding="utf-8")):
            assert (doc.parent / target).exists(), f"{doc.name} links to missing {target}"
