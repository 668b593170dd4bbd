"""`show` of a note whose header cannot be read still shows its text: the file as written, with
one warning line naming the file, the line of the problem and how to fix it (exit 0, as `list`
goes on listing the others). A file that is not text at all is still refused."""

from __future__ import annotations

import json
from pathlib import Path

BROKEN = "---\ntitle: [oops\ntype: note\n---\nLe texte important.\n"
TOML = '+++\ntitle = "Toml\n+++\n\nTexte sous un en-tête TOML.\n'


def one_warning(stderr: str, path: str, line: int) -> str:
    """The only line of `stderr`, which names `path` at `line`."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"⚠ {path}:{line}: "), lines[0]
    assert "telle qu'écrite" in lines[0] and f"garefil edit {path}" in lines[0], lines[0]
    return lines[0]


def test_show_of_a_broken_yaml_header_shows_the_file_as_written(cli, notebook: Path):
    (notebook / "casse.md").write_text(BROKEN, encoding="utf-8")
    shown = cli("-C", notebook, "show", "casse.md")
    assert shown.stdout == BROKEN
    said = one_warning(shown.stderr, "casse.md", 2)
    assert "il manque une virgule ou un crochet fermant" in said


def test_show_json_of_a_broken_header_gives_the_text_and_the_problem(cli, notebook: Path):
    (notebook / "casse.md").write_text(BROKEN, encoding="utf-8")
    shown = cli("-C", notebook, "show", "casse.md", "--json")
    data = json.loads(shown.stdout)
    assert data["path"] == "casse.md" and data["text"] == BROKEN
    assert data["problem"]["line"] == 2 and "virgule" in data["problem"]["detail"]
    one_warning(shown.stderr, "casse.md", 2)


def test_a_broken_toml_header_is_shown_with_a_hint_that_is_not_about_yaml(cli, notebook: Path):
    (notebook / "toml.md").write_text(TOML, encoding="utf-8")
    shown = cli("-C", notebook, "show", "toml.md")
    assert shown.stdout == TOML
    said = one_warning(shown.stderr, "toml.md", 2)
    assert "YAML" not in said and "---" not in said.replace(" — ", " ")


def test_show_as_a_process_shows_the_text_too(run_garefil, notebook: Path):
    (notebook / "casse.md").write_text(BROKEN, encoding="utf-8")
    done = run_garefil("-C", notebook, "show", "casse")
    assert done.returncode == 0 and done.stdout == BROKEN
    one_warning(done.stderr, "casse.md", 2)
