"""What reaches a terminal: never a note's control characters, and tables that fit its width.

The terminal tests run garefil in a real pseudo-terminal (the pty module), the way a coach's
terminal runs it, with the window size set on the terminal itself.
"""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from conftest import git

HOSTILE_TITLE = "\x1b]0;PWNED\x07\x1b[2J\x9b31mRouge\x7f"
# Sequences a terminal obeys: retitle the window, ring, clear the screen, C1 CSI, DEL.
ATTACKS = ("\x1b]0;", "\x07", "\x1b[2J", "\x9b", "\x7f")


def in_terminal(*args: str | Path, cwd: Path, columns: int = 100, **env: str) -> str:
    """Run `garefil ARGS` with stdin, stdout and stderr on a pseudo-terminal; its output."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    inherited = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ = {**inherited, "COLUMNS": str(columns), "TERM": "xterm-256color"}
    environ |= {"GAREFIL_PAGER": "cat", **env}  # the drawing, not the pager (test_pager.py)
    process = subprocess.Popen(
        [sys.executable, "-m", "garefil", *map(str, args)],
        cwd=cwd,
        env=environ,
        stdin=slave,
        stdout=slave,
        stderr=slave,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side is closed, garefil is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=60) == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.fixture
def hostile(notebook: Path) -> Path:
    """A teammate's note whose fields and body carry terminal escape sequences."""
    note = notebook / "cr" / "2024" / "piege.md"
    note.parent.mkdir(parents=True)
    note.write_text(
        '---\ntype: cr\nid: "2024-05-02-cr-\\e[2Jx"\n'
        'title: "\\e]0;PWNED\\a\\e[2J\\x9b31mRouge\\x7f"\n'
        'date: 2024-05-02\nentrepreneur: "Jean\\e]0;PWNED\\a Dupont"\n'
        "tags: [urssaf]\n---\n\n# Piège\n\nUrssaf \x1b]0;PWNED\x07 et \x1b[2J cotisations.\n",
        encoding="utf-8",
    )
    git(notebook, "add", "-A")
    git(notebook, "-c", "user.name=Ève\x1b[2J", "commit", "-qm", "cr: \x1b]0;PWNED\x07")
    return notebook


def assert_harmless(text: str) -> None:
    for attack in ATTACKS:
        assert attack not in text, f"{attack!r} reached the output:\n{text!r}"


def test_control_characters_never_reach_a_terminal(hostile):
    """Tables (list's, and history's), snippets, show's header and Markdown, and show's plain
    text at a terminal with NO_COLOR."""
    for command in (("list",), ("search", "urssaf"), ("show", "2024-05-02"), ("history", "2024")):
        shown = in_terminal(*command, cwd=hostile)
        assert_harmless(shown)
        assert "PWNED" in shown  # shown, visibly, not dropped
    plain = in_terminal("show", "2024-05-02", cwd=hostile, NO_COLOR="1")
    assert_harmless(plain)
    assert "␛]0;PWNED␇" in plain


def test_piped_lines_show_control_characters_visibly(cli, hostile):
    for command in (("list",), ("search", "urssaf"), ("history", "2024-05-02")):
        result = cli("-C", hostile, *command)
        assert_harmless(result.stdout)
        assert "␛]0;PWNED␇" in result.stdout


def test_json_escapes_every_control_character(cli, hostile):
    for command in (
        ("list", "--json"),
        ("search", "urssaf", "--json"),
        ("show", "2024-05", "--json"),
    ):
        text = cli("-C", hostile, *command).stdout
        assert_harmless(text)
        data = json.loads(text)
        title = (data[0] if isinstance(data, list) else data)["title"]
        assert title == HOSTILE_TITLE  # escaped in the text, exact once read back


def test_messages_quoting_note_fields_are_harmless(cli, hostile):
    twin = hostile / "cr" / "2024" / "piege.md"
    (twin.parent / "piege-2.md").write_text(
        twin.read_text(encoding="utf-8").replace("\\e[2Jx", "\\e[2Jy"), encoding="utf-8"
    )
    ambiguous = cli("-C", hostile, "show", "2024-05-02-cr", code=4)
    assert_harmless(ambiguous.stderr)
    assert "␛[2Jx" in ambiguous.stderr


def test_show_piped_gives_the_note_file_unchanged(cli, hostile):
    """Piped, `show` is how a coach copies a note to a file: its bytes, exactly."""
    piped = cli("-C", hostile, "show", "2024-05-02").stdout
    assert piped == (hostile / "cr" / "2024" / "piege.md").read_text(encoding="utf-8")


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.parametrize("columns", [80, 120])
def test_list_fits_the_terminal_without_splitting_ids_or_dates(cli, demo_notebook, columns):
    notes = json.loads(cli("-C", demo_notebook, "list", "--json").stdout)
    shown = ANSI.sub("", in_terminal("list", cwd=demo_notebook, columns=columns))
    lines = shown.replace("\r\n", "\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    by_id = {line.split()[0]: line for line in lines if line.strip()}
    for note in notes:
        assert note["id"] in by_id, f"{note['id']} split or missing at {columns} columns"
        date = (note["date"] or "") if columns >= 120 else (note["date"] or "")[:10]
        assert f"  {date}  " in by_id[note["id"]], f"{date} split at {columns} columns"
    header = next(line for line in lines if line.startswith("id "))
    assert ("étiquettes" in header) is (columns >= 120)  # tags give way first at 80


def test_columns_give_way_in_order_and_a_tiny_terminal_gets_lines():
    from garefil.cli.layout import note_layout

    row = {"id": "2024-03-25-reunion-5pwnq", "date": "2024-03-25T09:00", "type": "reunion"}
    row |= {"title": "Réunion d'équipe du mardi matin", "entrepreneur": "Chloé Marchand"}
    row["tags"] = "are, pole-emploi, urssaf"
    headers = {field: field for field in row}
    shown = {
        width: [c.field for c in layout.columns]
        if (layout := note_layout([row], headers, width))
        else None
        for width in (120, 100, 80, 60, 40)
    }
    assert shown[120] == list(row)
    assert shown[100] == ["id", "date", "title", "entrepreneur", "tags"]
    assert shown[80] == ["id", "date", "title", "entrepreneur"]
    assert shown[60] == ["id", "date", "title"] and shown[40] is None


def test_status_shows_teammates_file_names_harmlessly(cli, hostile):
    (hostile / "cr" / "2024" / "\x1b]0;PWNED\x07.md").write_text("# x\n", encoding="utf-8")
    shown = cli("-C", hostile, "status").stdout
    assert_harmless(shown)
    assert "␛]0;PWNED␇" in shown


LONG_NAME = "Marie-Christine de La Fontaine-Dubois"
HYPHENS = "Anne-Sophie-Fontaine-Lefebvre"  # wider than the column: it breaks at a hyphen
LONG_TAGS = ("accompagnement-renforce", "pole-emploi", "formation-continue", "urssaf")


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_list_wraps_names_titles_and_tags_between_words_never_inside(cli, notebook, columns):
    """A hyphenated name may break at its hyphens; a word, a tag or a header never breaks."""
    title = "Point d'étape sur l'accompagnement"
    tags = [option for tag in LONG_TAGS for option in ("--tag", tag)]
    cli(
        "-C",
        notebook,
        "new",
        "cr",
        "--title",
        title,
        "--entrepreneur",
        LONG_NAME,
        *tags,
        "--no-edit",
    )
    cli("-C", notebook, "new", "cr", "--title", "court", "--entrepreneur", HYPHENS, "--no-edit")
    shown = ANSI.sub("", in_terminal("list", cwd=notebook, columns=columns))
    lines = shown.replace("\r\n", "\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= columns
    words = re.findall(r"[^\s-]+-?", shown)  # what is on screen, cut at spaces and after hyphens
    for word in re.findall(r"[^\s-]+-?", f"{title} {LONG_NAME} {HYPHENS}"):
        assert word in words, f"{word!r} broken at {columns} columns:\n{shown}"
    header = next(line for line in lines if line.startswith("id "))
    assert set(header.split()) <= {"id", "date", "type", "titre", "entrepreneur·e", "étiquettes"}
    if "étiquettes" in header:
        assert all(re.search(rf"(?<![\w-]){tag}(?![\w-])", shown) for tag in LONG_TAGS)
    else:
        assert not any(tag in shown for tag in LONG_TAGS[:3])  # the column left out, not cut


COLOURED = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (("list",), r"^id\s+date\s+type\s+titre"),
        (("decisions",), r"^id\s+date\s+état\s+décision\s+note"),
        (("search", "urssaf"), r"^\S+-cr-\S+\s+20\d\d-\d\d-\d\d\s"),
        ((), r"^Bonjour "),  # the home screen
    ],
)
def test_no_color_drops_every_colour_and_keeps_the_tables(demo_notebook, args, header):
    """NO_COLOR, even empty, used to turn a terminal's tables into tab-separated lines."""
    shown = in_terminal(*args, cwd=demo_notebook, columns=200, NO_COLOR="")
    assert not COLOURED.search(shown), shown[:400]
    assert re.search(header, shown.replace("\r\n", "\n"), re.MULTILINE), shown[:400]
    assert "\t" not in shown


def test_suivi_at_80_columns_cuts_times_of_day_before_it_splits_a_word(demo_notebook):
    """The rendez-vous' times of day go first when the table is too wide: « rendez-vous »,
    « référent·e » and the ids stay whole words, each line within the terminal."""
    shown = ANSI.sub(
        "", in_terminal("suivi", cwd=demo_notebook, columns=80, GAREFIL_TODAY="2024-04-02")
    )
    lines = shown.replace("\r\n", "\n").splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80, shown
    words = {word for line in lines for word in line.split()}
    assert {"rendez-vous", "référent·e", "retard"} <= words, shown
    assert not re.search(r"T\d\d:\d\d", shown), shown  # the day alone
    wide = ANSI.sub(
        "", in_terminal("suivi", cwd=demo_notebook, columns=160, GAREFIL_TODAY="2024-04-02")
    )
    assert re.search(r"2024-03-22T10:30", wide), wide  # room enough: the time is kept
