"""The settings' values, kept beside the index once read, are taken again only for the very
text they were read from: a changed, broken or foreign file is read again (core/config_toml.py)."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from garefil.adapters.index_folder import sweep
from garefil.core.config import load_config
from garefil.core.config_toml import KEPT_NAME, NotToml, read_toml
from garefil.core.errors import ConfigNotToml
from garefil.core.notebook import Notebook


def kept_file(notebook: Path) -> Path:
    return notebook / ".garefil" / "index" / KEPT_NAME


def settings(notebook: Path) -> Path:
    return notebook / ".garefil" / "config.toml"


def rename(notebook: Path, name: str) -> None:
    text = settings(notebook).read_text(encoding="utf-8")
    start = text.index("name = ")
    end = text.index("\n", start)
    settings(notebook).write_text(text[:start] + f'name = "{name}"' + text[end:], encoding="utf-8")


def test_a_command_reads_the_kept_settings_without_tomllib(cli, demo_notebook):
    cli("-C", demo_notebook, "index")  # makes the index's folder: the next command keeps
    assert not kept_file(demo_notebook).exists()  # the settings were read before it was there
    cli("-C", demo_notebook, "tags")
    held = json.loads(kept_file(demo_notebook).read_text(encoding="utf-8"))
    assert held["text"] == settings(demo_notebook).read_text(encoding="utf-8")
    assert held["values"] == tomllib.loads(held["text"])
    for args in (["search", "emploi"], ["list", "--tag", "urssaf"], ["tags"]):
        seen = subprocess.run(
            [sys.executable, "-c", PROBE, "-C", str(demo_notebook), *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert seen.returncode == 0, seen.stderr
        assert seen.stderr.splitlines()[-1] == "tomllib False", (args, seen.stderr)
        assert seen.stdout.strip(), args  # it did answer


PROBE = """
import atexit, sys
atexit.register(lambda: print("tomllib", "tomllib" in sys.modules, file=sys.stderr))
sys.argv = ["garefil", *sys.argv[1:]]
from garefil.cli.process import main
main()
"""


def test_a_changed_setting_is_read_again_and_kept_anew(cli, notebook):
    cli("-C", notebook, "index")
    assert Notebook.open(notebook).config.name == "Carnet de l'équipe"
    rename(notebook, "Carnet des Lilas")
    assert Notebook.open(notebook).config.name == "Carnet des Lilas"
    held = json.loads(kept_file(notebook).read_text(encoding="utf-8"))
    assert held["values"]["notebook"]["name"] == "Carnet des Lilas"
    assert os.stat(kept_file(notebook)).st_mode & 0o077 == 0  # private, as the index is


def test_a_broken_file_is_refused_even_when_good_values_were_kept(cli, notebook):
    cli("-C", notebook, "index")
    Notebook.open(notebook)
    good = kept_file(notebook).read_bytes()
    with settings(notebook).open("a", encoding="utf-8") as file:
        file.write("\n[team]\nmembers = []\n")  # a section twice: not TOML
    lines = settings(notebook).read_text(encoding="utf-8").count("\n")
    with pytest.raises(ConfigNotToml) as refused:
        Notebook.open(notebook)
    assert refused.value.params["line"] == lines - 1  # tomllib's line, as without the copy
    assert isinstance(refused.value.__cause__, tomllib.TOMLDecodeError)  # shown by --debug
    assert kept_file(notebook).read_bytes() == good  # nothing kept of a text not read


@pytest.mark.parametrize(
    "foreign",
    [
        b"",
        b"{",
        b"[1, 2]",
        b'{"text": "autre", "values": {"notebook": {"name": "Faux"}}}',
        b'{"values": {"notebook": {"name": "Faux"}}}',
        b"\xff\xfe",
        b"[" * 100_000,
        b'{"text": "' + b"x" * 1_000_000 + b'"}',
    ],
    ids=["empty", "torn", "list", "other-text", "no-text", "not-utf8", "deep", "huge"],
)
def test_a_foreign_or_torn_copy_is_never_taken(cli, notebook, foreign):
    cli("-C", notebook, "index")
    kept_file(notebook).write_bytes(foreign)
    assert Notebook.open(notebook).config.name == "Carnet de l'équipe"
    held = json.loads(kept_file(notebook).read_text(encoding="utf-8"))  # written again
    assert held["text"] == settings(notebook).read_text(encoding="utf-8")


def test_the_copy_is_never_written_or_read_through_a_link(cli, notebook, tmp_path):
    cli("-C", notebook, "index")
    outside = tmp_path / "ailleurs.json"
    text = settings(notebook).read_text(encoding="utf-8")  # the very text: taken, if read
    lure = {"text": text, "values": {"notebook": {"name": "Leurre"}}}
    outside.write_text(json.dumps(lure), encoding="utf-8")
    kept_file(notebook).unlink(missing_ok=True)
    kept_file(notebook).symlink_to(outside)
    assert Notebook.open(notebook).config.name == "Carnet de l'équipe"  # read, not the lure's
    assert json.loads(outside.read_text(encoding="utf-8")) == lure  # untouched
    assert not kept_file(notebook).is_symlink()  # the link replaced by a copy of its own
    # An index folder that is a link: nothing is kept through it either.
    index = notebook / ".garefil" / "index"
    moved = tmp_path / "index-ailleurs"
    index.rename(moved)
    index.symlink_to(moved)
    (moved / KEPT_NAME).unlink()
    rename(notebook, "Carnet des Lilas")
    assert Notebook.open(notebook).config.name == "Carnet des Lilas"
    assert not (moved / KEPT_NAME).exists()


def test_without_an_index_folder_the_settings_are_read_and_nothing_is_made(cli, notebook):
    cli("-C", notebook, "index")
    shutil.rmtree(notebook / ".garefil" / "index")
    rename(notebook, "Carnet des Lilas")
    assert Notebook.open(notebook).config.name == "Carnet des Lilas"
    assert not (notebook / ".garefil" / "index").exists()  # the index's folder is its to make


def test_values_json_cannot_hold_are_read_each_time(tmp_path):
    config, kept = tmp_path / "config.toml", tmp_path / KEPT_NAME
    config.write_text('[notebook]\nname = "Carnet"\n\n[autre]\ndepuis = 2024-01-15\n')
    assert load_config(config, kept).name == "Carnet"
    assert not kept.exists() and list(tmp_path.iterdir()) == [config]  # no temporary left


TEXTS = [
    'a = 1\nb = -0.5\nc = 1e300\nd = inf\ne = "é·e"\nf = true\n',
    '[x.y]\nz = [1, 2.5, ["a"], {k = \'v\'}]\n"clé avec espace" = { a.b.c = 3 }\n',
    "[[rdv]]\njour = \"lundi\"\n[[rdv]]\njour = \"mardi\"\nt = '''\nligne\n'''\n",
    "n = 0x10\no = 0o7\np = 1_000\nq = -inf\nr = 'C:\\\\chemin'\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_values_taken_again_are_tomllibs_exactly(tmp_path, text):
    kept = tmp_path / KEPT_NAME
    first = read_toml(text, kept)
    assert kept.exists()
    taken = read_toml(text, kept)
    expected = tomllib.loads(text)
    assert taken == expected == first
    assert _kinds(taken) == _kinds(expected)  # 1 stays an int, 1.0 a float, a list a list


def _kinds(value):
    if isinstance(value, dict):
        return {key: _kinds(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_kinds(item) for item in value]
    return type(value).__name__, math.isinf(value) if isinstance(value, float) else None


def test_not_toml_names_tomllibs_line(tmp_path):
    with pytest.raises(NotToml) as refused:
        read_toml("a = 1\nb = \n", tmp_path / KEPT_NAME)
    assert refused.value.line == 2
    assert not (tmp_path / KEPT_NAME).exists()


def test_a_full_build_keeps_the_copy_of_the_settings(tmp_path):
    home = tmp_path / "index"
    (home / "g-0123456789abcdef").mkdir(parents=True)
    (home / "g-fedcba9876543210").mkdir()
    (home / KEPT_NAME).write_text("{}")
    (home / "current").write_text("g-0123456789abcdef")
    sweep(home, keep=home / "g-0123456789abcdef")
    assert sorted(p.name for p in home.iterdir()) == sorted(
        [KEPT_NAME, "current", "g-0123456789abcdef"]
    )
