"""What keeps read commands fast, checked on the real process (figures: docs/performance.md).

Durations are never asserted (the machine is shared); what is checked is what makes them: the
modules a command imports, and whether it runs with the cyclic garbage collector.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Run as `python -m garefil` runs: through cli/process.py, which ends with os._exit after the
# exit handlers, so the handler below sees the process as the command left it.
# Each process it starts is recorded through Python's audit hooks (no garefil code is touched),
# with whether the command line's framework was imported yet.
PROBE = """
import atexit, gc, json, sys
started = []
collecting = []
COMMAND_LINE = "garefil.cli.context"  # imported with the command, by Typer's path or quick.py
def audit(event, args):
    if event == "subprocess.Popen":
        started.append([[str(a) for a in args[1]], COMMAND_LINE in sys.modules])
    elif event == "import" and args[0] == COMMAND_LINE and not collecting:
        collecting.append(gc.isenabled())
sys.addaudithook(audit)
atexit.register(lambda: sys.stderr.write("\\nPROBE " + json.dumps(
    {"modules": sorted(sys.modules), "gc": gc.isenabled(), "started": started,
     "gc_while_importing": collecting[0]}) + "\\n"))
sys.argv = ["garefil", *sys.argv[1:]]
from garefil.cli.process import main
main()
"""
# Modules that no read command below needs: the site, the bilan, the sommaire, the jardin,
# the terminal library, YAML and GitPython.
NEVER_FOR_READING = (
    "garefil.core.site",
    "garefil.core.bilan",
    "garefil.core.summary",
    "garefil.core.review",
    "rich",
    "yaml",
    "git",
)


def probe(folder: Path, *args: str, env: dict[str, str] | None = None, code: int = 0) -> dict:
    """The modules loaded, the collector's state and the processes started by `garefil ARGS`
    in `folder`."""
    return probed(folder, PROBE, "PROBE", args, env, code)


def probed(
    folder: Path, script: str, mark: str, args, env: dict[str, str] | None = None, code: int = 0
) -> dict:
    """What `script` (garefil run with ARGS, and a handler writing `mark` then JSON to stderr
    at exit) found."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == code, done.stderr
    line = next(x for x in done.stderr.splitlines() if x.startswith(f"{mark} "))
    return json.loads(line.removeprefix(f"{mark} "))


READ_COMMANDS = [
    ("list", "--tag", "urssaf"),
    ("show", "2024-01-10-rdv-2t9tj"),
    ("tags",),
    ("decisions",),
    ("actions", "--en-retard"),
    ("suivi",),
    ("roles",),
    ("index",),  # nothing changed since the last one
    (),  # the home screen
]


def test_read_commands_import_only_their_own_modules_and_skip_the_collector(demo_notebook, cli):
    cli("-C", demo_notebook, "index")  # as a coach's notebook mostly is: indexed already
    for args in READ_COMMANDS:
        seen = probe(demo_notebook, *args)
        loaded = set(seen["modules"])
        # `show` reads the note's file itself, front-matter included: YAML is needed there.
        never = [m for m in NEVER_FOR_READING if args[:1] != ("show",) or m != "yaml"]
        assert [m for m in never if m in loaded] == [], args
        assert "whoosh" not in loaded, args  # the full text is for `search` only
        assert args == () or "garefil.core.home" not in loaded, args
        assert seen["gc"] is (args[:1] == ("index",)), args  # `index` writes: it keeps it
        assert seen["gc_while_importing"] is seen["gc"], args  # off from the first import
        kept_out = [m for m, needed_by in LEFT_TO_OTHERS.items() if args[:1] not in needed_by]
        if args == ("index",):  # finding the index fresh reads no note and lists nothing
            kept_out += ["garefil.core.register", "garefil.core.notes"]
        assert [m for m in kept_out if m in loaded] == [], args
        # The `git status` the index's freshness asks, started before the imports, and run
        # once (the home screen asks git another question too, with other options).
        assert statuses(seen)[: 1 if args else 2] == ([False] if args else [False, True]), args


# What a read command leaves to the commands that need it: sync's reports and states, the
# search, the documents, temporary files, CSV, the pager's command line, the meeting's
# preparation, the settings' classes (by command: those that do import it).
LEFT_TO_OTHERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "garefil.core.sharing": (),
    "garefil.core.sharing_model": (),
    "garefil.core.conflicts": (),
    "garefil.core.incoming": (),
    "garefil.core.notebook_branch": (),
    "garefil.core.search": (("search",),),
    "garefil.core.documents": (),
    "tempfile": (),
    # Removing a folder; it loads bz2 and lzma. Typer imports it: the commands read without
    # Typer (cli/quick.py) go without it.
    "shutil": (("decisions",), ("actions",), ("suivi",), ("roles",), ()),
    "secrets": (),
    "csv": (),
    "shlex": (),
    "garefil.adapters.editor": (),  # the home screen asks who is at the keyboard, not the editor
    "garefil.core.agenda": (),
    "garefil.core.meeting_note": (),
    "garefil.core.settings": ((),),  # the home screen knows who is at the keyboard
    "garefil.cli.register_write": (),
    "garefil.cli.new_cmd": (),  # writing a note: `new`, `edit`, the meeting's note, `pad`…
    "_hashlib": (),  # OpenSSL's library: to hash a note that changed, or to draw an id
    "garefil.core.entrepreneurs": (("suivi",), ()),
    "garefil.core.notes": (
        ("list",),
        ("show",),
        ("tags",),
        ("decisions",),
        ("actions",),
        ("suivi",),
        (),
    ),
}


def statuses(seen: dict) -> list[bool]:
    """For each `git status` the command started: whether the command was imported already."""
    return [after for argv, after in seen["started"] if "status" in argv]


def test_help_imports_no_notes_settings_or_dates(tmp_path):
    loaded = set(probe(tmp_path, "--help")["modules"])
    later = ["garefil.core.model", "garefil.core.notebook", "garefil.core.settings", "tomllib"]
    assert [m for m in [*later, "garefil.cli.shown_dates"] if m in loaded] == []


def test_git_status_starts_early_only_for_the_notebook_the_command_reads(demo_notebook, cli):
    cli("-C", demo_notebook, "index")
    inside = demo_notebook / "rdv"
    assert statuses(probe(inside, "tags")) == [False]  # the notebook above the current folder
    elsewhere = probe(inside.parent.parent, "tags", env={"GAREFIL_NOTEBOOK": str(demo_notebook)})
    assert statuses(elsewhere) == [False]
    assert statuses(probe(inside.parent.parent, "-C", demo_notebook, "list")) == [False]
    assert statuses(probe(inside.parent.parent, f"-C{demo_notebook}", "tags")) == [False]
    assert statuses(probe(demo_notebook, "list", "--help")) == []  # nothing will be read
    assert statuses(probe(demo_notebook.parent, "list", code=3)) == []  # no notebook here
    # A command that writes asks git later, as it always did.
    written = probe(demo_notebook, "new", "note", "--title", "Essai", "--body", "x")
    assert False not in statuses(written)


def test_a_writing_command_keeps_the_collector(demo_notebook):
    seen = probe(demo_notebook, "new", "note", "--title", "Essai", "--body", "x")
    assert seen["gc"] is True
    assert seen["gc_while_importing"] is True


def test_an_index_update_leaves_the_query_language_and_the_ranking_to_search(demo_notebook, cli):
    cli("-C", demo_notebook, "index")
    note = next((demo_notebook / "cr").rglob("*.md"))
    note.write_text(note.read_text(encoding="utf-8") + "\nRelu.\n", encoding="utf-8")
    loaded = set(probe(demo_notebook, "index")["modules"])
    assert "whoosh.index" in loaded  # the update did write the full text
    unwanted = ("garefil.core.search", "garefil.adapters.whoosh_ranking", "whoosh.qparser")
    assert [m for m in unwanted if m in loaded] == []
    assert "yaml" in loaded and "frontmatter" not in loaded  # it writes notes; reading needs YAML


def test_an_update_after_meeting_notes_change_reads_their_register_without_markdown_it(
    demo_notebook, cli
):
    cli("-C", demo_notebook, "index")
    meetings = sorted((demo_notebook / "reunions").rglob("*.md"))[:3]
    for note in meetings:  # decisions, actions, roles, bold names, a numbered agenda
        note.write_text(note.read_text(encoding="utf-8") + "\n- [ ] Relire.\n", encoding="utf-8")
    loaded = set(probe(demo_notebook, "index")["modules"])
    assert "garefil.core.register_blocks" in loaded and "markdown_it" not in loaded
    actions = cli("-C", demo_notebook, "actions", "--json").stdout
    assert actions.count('"Relire."') == 3  # each note's new last action, read all the same
    meetings[0].write_text(
        meetings[0].read_text(encoding="utf-8") + "\n> Une citation.\n", encoding="utf-8"
    )
    assert "markdown_it" in set(probe(demo_notebook, "index")["modules"])  # not plain: parsed


def test_status_and_history_leave_the_sommaire_to_the_commands_that_commit(demo_notebook, cli):
    for args in (("status",), ("history", "2024-01-10-rdv-2t9tj")):
        loaded = set(probe(demo_notebook, *args)["modules"])
        assert "garefil.core.summary" not in loaded, args
        assert "garefil.adapters.pages.markdown" not in loaded, args


def test_commands_leave_the_deferred_modules_unloaded_until_asked(demo_notebook, cli):
    cli("-C", demo_notebook, "index")
    for args in (("search", "pôle emploi"), ("list", "--tag", "urssaf"), ("tags",)):
        states = probed(demo_notebook, PROBE_DEFERRED, "DEFERRED", args)
        # Whoosh's English forms: a stand-in from no file; `inspect` (which `dataclasses`
        # imports) and Whoosh's highlighter (when Whoosh is imported at all): lazy, never run.
        assert states["whoosh.lang.morph_en"] == "stand-in", args
        assert states["whoosh.lang.porter"] == states["whoosh.lang.dmetaphone"] == "stand-in"
        # `hashlib`: Python's own md5 for Whoosh's term tables, without OpenSSL's library
        assert states["hashlib"] == "stand-in" and states["_hashlib"] == "absent", args
        assert states["inspect"] == "lazy", args
        assert states["whoosh.highlight"] == ("lazy" if args[0] == "search" else "absent"), args
        assert states["ipaddress"] == "lazy", args  # imported by pathlib's urllib.parse
        if args[0] == "search":  # imported by shutil, which Whoosh's storage imports
            assert states["bz2"] == states["lzma"] == "lazy", args
        # Whoosh's Snowball package, for its French stemmer alone: the other languages' absent
        whoosh = args[0] == "search"
        assert states["whoosh.lang.snowball"] == ("lazy" if whoosh else "absent"), args
        assert states["whoosh.lang.snowball.french"] == ("loaded" if whoosh else "absent"), args
        assert states["whoosh.lang.snowball.danish"] == "absent", args
    # They answer as the real modules do, for any code that asks them, however it asks.
    asked = subprocess.run(
        [sys.executable, "-c", ASK_DEFERRED], capture_output=True, text=True, timeout=60
    )
    assert asked.stdout.split() == ["True"] * 24, asked.stderr


PROBE_DEFERRED = """
import atexit, json, sys
def state(module):
    if module is None:
        return "absent"
    if type(module).__name__ in ("_LazyModule", "_UnrunPackage"):  # type() asks it nothing
        return "lazy"
    return "stand-in" if module.__dict__.get("__file__") is None else "loaded"  # asks nothing
atexit.register(lambda: sys.stderr.write("\\nDEFERRED " + json.dumps({name: state(
    sys.modules.get(name)) for name in ("whoosh.lang.morph_en", "whoosh.highlight", "inspect",
    "whoosh.lang.porter", "whoosh.lang.dmetaphone", "hashlib", "_hashlib",
    "ipaddress", "bz2", "lzma", "whoosh.lang.snowball", "whoosh.lang.snowball.french",
    "whoosh.lang.snowball.danish")})))
sys.argv = ["garefil", *sys.argv[1:]]
from garefil.cli.process import main
main()
"""
ASK_DEFERRED = """
from garefil.cli.process import defer_modules
defer_modules()
import dataclasses, importlib.util, sys
import whoosh.highlight
from whoosh.query import terms
from whoosh.highlight import Highlighter
found = terms.variations("render")
print("renders" in found and "rendering" in found)
print(terms.variations("render") == found)
@dataclasses.dataclass
class Undocumented:  # its doc is made from its signature, by `inspect`
    value: int
print(Undocumented.__doc__ == "Undocumented(value: int)")
print(sys.modules["inspect"].__file__.endswith("inspect.py"))  # the real one, now loaded
print(Highlighter.__module__ == "whoosh.highlight")
print(whoosh.highlight.Highlighter is Highlighter)  # as an attribute of its package too
print(importlib.util.find_spec("inspect").name == "inspect")
from urllib.parse import urlsplit
print(urlsplit("http://[::1]:8080/").hostname == "::1")  # checked by ipaddress
import ipaddress
print(ipaddress.ip_address("::1").version == 6)
import bz2, lzma, shutil
print(lzma.decompress(lzma.compress(b"x")) == bz2.decompress(bz2.compress(b"x")) == b"x")
print("bztar" in dict(shutil.get_archive_formats()))  # shutil saw bz2 all the same
from whoosh.lang.snowball.french import FrenchStemmer
import whoosh.lang.snowball
print(whoosh.lang.snowball.__path__[0].endswith("snowball"))  # a package before its code runs
import threading
asking, errors = threading.Barrier(8), []
def ask():  # eight threads ask at once: each waits for the package's code to have run
    asking.wait()
    try:
        whoosh.lang.snowball.classes["fr"]
    except Exception as error:
        errors.append(error)
threads = [threading.Thread(target=ask) for _ in range(8)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(errors == [])
from whoosh.lang.snowball import classes
print(classes["fr"] is FrenchStemmer and classes["da"].__name__ == "DanishStemmer")
print(whoosh.lang.snowball.classes is classes and "whoosh.lang.snowball.danish" in sys.modules)
from whoosh.analysis import StemmingAnalyzer, DoubleMetaphoneFilter, RegexTokenizer
print([t.text for t in StemmingAnalyzer()("connected fishes")] == ["connect", "fish"])
print(len([t.text for t in (RegexTokenizer() | DoubleMetaphoneFilter())("Smith")]) > 0)
from whoosh.lang.porter import stem
import pickle
print(pickle.loads(pickle.dumps(stem)) is stem)  # a stand-in's function pickles by its name
print(stem("fishes") == "fish" and sys.modules["whoosh.lang.porter"].__file__.endswith("porter.py"))
from hashlib import md5
import hashlib
print("_hashlib" not in sys.modules and md5("mise en œuvre".encode()).digest_size == 16)
print(importlib.util.find_spec("hashlib").name == "hashlib" and "_hashlib" not in sys.modules)
digests = [md5(b"pole", usedforsecurity=False).hexdigest(), hashlib.sha256(b"").hexdigest()]
print("_hashlib" in sys.modules and sys.modules["hashlib"].__file__.endswith("hashlib.py"))
print(digests == [sys.modules["hashlib"].md5(b"pole").hexdigest(),  # OpenSSL's, now loaded
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"])
print(hashlib.__file__ == sys.modules["hashlib"].__file__ and callable(hashlib.blake2b))
"""


def test_plain_words_are_searched_without_whooshs_query_parser(demo_notebook, cli):
    cli("-C", demo_notebook, "index")
    for query in ("cotisations urssaf", "pôle emploi", '"arrêt maladie"'):  # with synonyms
        assert "whoosh.qparser" not in probe(demo_notebook, "search", query)["modules"], query
    # nor the notes' creation and editing, nor the entrepreneurs' fiches, nor how a reference
    # names a note: it filters and orders; nor, the index being fresh, Whoosh's writing
    # (temporary files, sorting)
    loaded = probe(demo_notebook, "search", "emploi", "--type", "cr")["modules"]
    assert {"garefil.core.notes", "garefil.core.entrepreneurs"}.isdisjoint(loaded)
    assert "garefil.core.references" not in loaded
    assert {"whoosh.writing", "whoosh.externalsort", "tempfile"}.isdisjoint(loaded)
    # anything else is read by the parser: a field, a prefix, an operator
    for query in ("tag:urssaf", "urss*", "urssaf OU caf"):
        assert "whoosh.qparser" in probe(demo_notebook, "search", query)["modules"], query


def terminal_probe(folder: Path, *args: str) -> set[str]:
    """The modules `garefil ARGS` loads when its output goes to a terminal (a pseudo-terminal
    of 100 columns, as in test_terminal_output.py); the probe's report comes on stderr."""
    import pty

    master, slave = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    environ |= {"COLUMNS": "100", "TERM": "xterm-256color", "GAREFIL_PAGER": "cat"}
    report = folder.parent / "probe-report.txt"
    with report.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-c", PROBE, *args],
            cwd=folder,
            env=environ,
            stdin=slave,
            stdout=slave,
            stderr=stderr,
        )
        os.close(slave)
        while True:  # read what is drawn, so that a long drawing never blocks it
            try:
                if not os.read(master, 65536):
                    break
            except OSError:  # EIO: garefil is done
                break
        os.close(master)
        assert process.wait(timeout=60) == 0, report.read_text()
    line = next(x for x in report.read_text().splitlines() if x.startswith("PROBE "))
    return set(json.loads(line.removeprefix("PROBE "))["modules"])


# Rich's Markdown and what it imports: markdown-it, Pygments (through rich.syntax), rich.table.
RICH_MARKDOWN = ("rich.markdown", "markdown_it", "pygments", "rich.syntax", "rich.table")


def test_show_at_a_terminal_draws_a_plain_note_without_rich_markdown(demo_notebook, cli):
    cli("-C", demo_notebook, "index")
    loaded = terminal_probe(demo_notebook, "show", "2024-01-10-rdv-2t9tj")
    assert [m for m in RICH_MARKDOWN if m in loaded] == []
    assert "garefil.cli.markdown_view" in loaded  # drawn for a terminal indeed
    # A meeting note's decisions are not read (core/register.py, with markdown-it) to show it.
    loaded = terminal_probe(demo_notebook, "show", "2024-01-08-reunion-983s9")
    assert [m for m in RICH_MARKDOWN if m in loaded] == []
    assert "markdown_it" not in probe(demo_notebook, "show", "2024-01-08-reunion-983s9")["modules"]
    shown = json.loads(
        cli("-C", demo_notebook, "show", "2024-01-08-reunion-983s9", "--json").stdout
    )
    assert shown["decisions"] and shown["actions"]  # --json shows them: read for it
    table = demo_notebook / "divers" / "tableau.md"
    table.write_text(
        "---\nid: 2024-05-02-note-t4b1e\ntype: note\ntitle: Tableau\ndate: 2024-05-02\n---\n\n"
        "| qui | quoi |\n|---|---|\n| Awa | relance |\n",
        encoding="utf-8",
    )
    loaded = terminal_probe(demo_notebook, "show", "2024-05-02-note-t4b1e")
    assert "rich.markdown" in loaded  # a table: Rich's Markdown draws it, as before


def test_read_commands_ask_git_no_times_the_index_keeps(notebook, cli, monkeypatch):
    """Requests of one day come in the order git first recorded them: the index keeps those
    times, so that reading them (`list`, `suivi`, `demandes`, `fil`, the home screen) starts no
    `git log`, whose cost grows with the history."""
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")  # the git identity's name
    for moment, who in (("09:00:00", "Zoé Vidal"), ("11:00:00", "Anna Bel")):
        monkeypatch.setenv("GIT_AUTHOR_DATE", f"2024-05-02T{moment}")
        monkeypatch.setenv("GIT_COMMITTER_DATE", f"2024-05-02T{moment}")
        request = ("new", "demande", "--date", "2024-05-02", "-e", who, "-r", "Awa Diallo")
        cli("-C", notebook, *request, "--body", "x")
    logs = {}
    for args in (("list",), ("suivi",), ("demandes",), ("fil", "Zoé Vidal"), ()):
        started = [argv for argv, _imported in probe(notebook, *args)["started"]]
        logs[args] = [argv for argv in started if argv[:1] == ["git"] and "log" in argv]
    assert logs == {args: [] for args in logs}
