"""The promises of the command line: language, errors, exit codes, help, documentation."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer.main

from conftest import PROJECT, run_tool_check
from garefil.cli import lazy
from garefil.cli.app import COMMANDS, app
from garefil.core import errors
from garefil.i18n import _, choose_language


def _commands(group, prefix: str = ""):
    for name in group.list_commands(None):  # asked by name: the root group loads them lazily
        command = group.get_command(None, name)
        yield f"{prefix}{name}", command
        if hasattr(command, "commands"):
            yield from _commands(command, f"{prefix}{name} ")


def test_every_command_has_help_and_is_documented():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    reference = (PROJECT / "docs" / "commands.md").read_text(encoding="utf-8")
    names = []
    for name, command in _commands(typer.main.get_command(app)):
        names.append(name)
        assert command.help and command.help.strip(), name
        assert f"garefil {name}" in readme + reference, f"'garefil {name}' is not documented"
        for param in command.params:
            if param.param_type_name == "option" and param.name != "help":
                assert param.help, f"{name} {param.opts} has no help"
    assert {"list", "search", "suivi", "config membre ajouter"} <= set(names)


def test_the_table_of_commands_agrees_with_the_commands_the_modules_register():
    root = typer.main.get_command(app)
    for entry in COMMANDS:
        command = root.get_command(None, entry.name)
        assert command is not None, f"{entry.name}: no module of {entry.modules} registers it"
        assert command.help == _(entry.help), f"{entry.name}: help differs from the table"
        assert command.hidden == entry.hidden, entry.name
    assert set(lazy.registered()) == {e.name for e in COMMANDS}, "a command missing from COMMANDS"
    modules = {m for e in COMMANDS for m in e.modules}
    folder = PROJECT / "src" / "garefil" / "cli"
    on_disk = {p.stem for p in folder.glob("*_cmd.py")}
    assert on_disk <= modules, "every command module is named in COMMANDS (cli/app.py)"
    # A command's writing half may live apart (register_write.py), imported only when used.
    assert all((folder / f"{m}.py").is_file() for m in modules)
    context = root.make_context("garefil", ["suivi"], resilient_parsing=True)
    assert [c.value for c in root.shell_complete(context, "dem")] == ["demandes", "demande"]


def test_help_lists_the_commands_without_importing_their_modules():
    script = (
        "import sys\n"
        "sys.argv = ['garefil', '--help']\n"
        "from garefil.cli.app import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.endswith('_cmd')), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert "suivi" in done.stdout and "demandes" in done.stdout
    assert done.stderr.strip() == "[]", done.stderr


def test_help_says_what_each_command_is_for_in_whole_words(cli):
    """Each command's first sentence, whole and wrapped: Click's cut left most of them ending
    in « … » before the words that said what the command is for."""
    shown = cli("--help").stdout
    commands = shown.split("Commandes :", 1)[1]
    assert "…" not in commands, commands
    assert "fil " in commands and "l'équipe, envoyer les vôtres." in " ".join(commands.split())
    for line in commands.splitlines():
        assert len(line) <= 80, line


def test_exit_code_table_in_readme_matches_the_code():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    documented = {int(code) for code in re.findall(r"^\|\s*(\d+)\s*\|", readme, re.MULTILINE)}
    assert documented == set(errors.EXIT_CODES)
    used = {cls.exit_code for cls in _subclasses(errors.GarefilError)}
    assert used <= set(errors.EXIT_CODES)


def _subclasses(cls):
    return [cls, *(s for sub in cls.__subclasses__() for s in _subclasses(sub))]


def test_french_catalogue_is_complete_and_compiled():
    done = run_tool_check("catalogue.py")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_catalogue_read_where_it_lies_translates_as_pythons_own_reader():
    """Every message of the French catalogue, looked up by binary search in the .mo, reads as
    gettext's full parse reads it, plural forms included; an unknown one is left as written."""
    import gettext

    from babel.messages.pofile import read_po

    from garefil.i18n import DOMAIN, LOCALE_DIR, SortedCatalogue, load

    full = gettext.translation(DOMAIN, LOCALE_DIR, languages=["fr"])
    lazy = load("fr")
    assert isinstance(lazy, SortedCatalogue) and hasattr(lazy, "_data")
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        messages = [m.id for m in read_po(po) if m.id]
    singular = [m for m in messages if isinstance(m, str)]
    plural = [m for m in messages if isinstance(m, tuple)]
    assert len(singular) > 500 and len(plural) > 20
    assert [lazy.gettext(m) for m in singular] == [full.gettext(m) for m in singular]
    for n in (0, 1, 2, 7, 1_000_000, 1_000_001, 3_000_000):  # its own rule for French
        assert [lazy.ngettext(*m, n) for m in plural] == [full.ngettext(*m, n) for m in plural]
    assert lazy.gettext("Not a message of garefil") == "Not a message of garefil"
    assert lazy.ngettext("{n} thing", "{n} things", 3) == "{n} things"


def test_a_catalogue_of_another_kind_is_read_by_pythons_own_reader():
    """A big-endian .mo (as some tools write it) is not the sorted reader's: gettext reads it,
    and it translates as the catalogue does."""
    import struct

    from garefil.i18n import DOMAIN, LOCALE_DIR, SortedCatalogue, _read_by_python, load

    data = (LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    _magic, _version, count, ids, texts, _size, hashes = struct.unpack_from("<7I", data)
    swapped = bytearray(data)
    numbers = [0, 4, 8, 12, 16, 20, 24]
    numbers += [table + 4 * i for table in (ids, texts) for i in range(2 * count)]
    for at in numbers:
        swapped[at : at + 4] = swapped[at : at + 4][::-1]  # each number big-endian
    assert SortedCatalogue.of(bytes(swapped)) is None and SortedCatalogue.of(b"") is None
    other = _read_by_python(bytes(swapped))
    ours = load("fr")
    for message in ("title", "Interrupted: nothing was changed."):
        assert other.gettext(message) == ours.gettext(message) != message
    assert other.ngettext("{n} note", "{n} notes", 2) == ours.ngettext("{n} note", "{n} notes", 2)


def test_language_choice():
    assert choose_language({}) == "fr"
    assert choose_language({"LANG": "C.UTF-8"}) == "fr"
    assert choose_language({"LANG": "de_DE.UTF-8"}) == "en"
    assert choose_language({"LANG": "fr_BE.UTF-8"}) == "fr"
    assert choose_language({"GAREFIL_LANG": "en", "LANG": "fr_FR.UTF-8"}) == "en"


def test_version_is_the_projects_and_reads_no_notebook(run_garefil, tmp_path):
    """`garefil --version` says the version pyproject.toml gives, anywhere, and stops there."""
    import tomllib

    wanted = tomllib.loads((PROJECT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    done = run_garefil("--version", cwd=tmp_path)  # no notebook here: none is looked for
    assert (done.returncode, done.stdout, done.stderr) == (0, f"garefil {wanted}\n", "")


def test_messages_are_french_by_default_and_english_on_request(run_garefil, tmp_path):
    french = run_garefil("list", cwd=tmp_path)
    assert french.returncode == 3
    assert (
        french.stderr.splitlines()[0].startswith("erreur : Aucun carnet garefil dans")
        or "Aucun carnet garefil" in french.stderr
    )
    english = run_garefil("list", cwd=tmp_path, env={"GAREFIL_LANG": "en"})
    assert "No garefil notebook" in english.stderr and english.returncode == 3
    french_help = run_garefil("--help").stdout
    assert "Lister les notes" in french_help and "Commandes" in french_help
    assert "Afficher cette aide" in run_garefil("list", "--help").stdout
    assert "List notes" in run_garefil("--help", env={"GAREFIL_LANG": "en"}).stdout


def test_errors_are_one_line_without_traceback_unless_debug(run_garefil, tmp_path):
    quiet = run_garefil("show", "x", cwd=tmp_path)
    assert "Traceback" not in quiet.stderr and len(quiet.stderr.strip().splitlines()) == 2
    loud = run_garefil("--debug", "show", "x", cwd=tmp_path)
    assert "Traceback" in loud.stderr and "NotebookNotFound" in loud.stderr


def test_debug_adds_the_traceback_but_keeps_the_french_message_and_exit_code(run_garefil, notebook):
    for args, code in ((("list", "--type", "foo"), 5), (("show", "zzz"), 4)):
        loud = run_garefil("--debug", "-C", notebook, *args)
        assert loud.returncode == code, loud.stderr
        lines = loud.stderr.splitlines()
        assert "Traceback (most recent call last):" in lines  # the detail for the team…
        assert lines.index("Traceback (most recent call last):") < len(lines) - 2
        assert lines[-2].startswith("erreur : ") and lines[-1].startswith("  conseil : ")  # …then


def test_usage_errors_keep_exit_code_2_and_speak_french(run_garefil, cli):
    unknown = run_garefil("list", "--pas-une-option")
    assert unknown.returncode == 2
    assert unknown.stderr.splitlines() == [
        "erreur : Option inconnue : --pas-une-option.",
        "  conseil : `garefil list --help` montre comment l'utiliser",
    ]
    missing = cli("new", code=2)
    assert "Il manque TYPE." in missing.stderr
    assert (
        "Valeur invalide pour --limit : un nombre entier est attendu."
        in cli("list", "--limit", "x", code=2).stderr
    )
    assert "Commande inconnue" in cli("listes", code=2).stderr
    assert "Utilisation : garefil list" in cli("list", "--help").stdout


# What Typer's own (vendored Click) English looks like when it leaks into French output.
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Arguments:|Error|Try '|Did you mean|[Dd]efault|[Rr]equired|"
    r"\bCOMMAND\b|\bARGS\b|Show this|Missing|Invalid|No such|[Uu]nexpected|requires|does not|"
    r"is not|range|Choose from|x[<>]=|\b(?:INTEGER|TEXT|PATH|BOOLEAN|FLOAT)\b|Abort"
)
USAGE_ERRORS = [  # `garefil` alone is the home screen (the help outside a notebook)
    ("lsit",),
    ("config", "set", "nom"),
    ("config", "usr"),
    ("-C",),
    ("new",),
    ("show",),
    ("show", "a", "b"),
    ("list", "--limt", "3"),
    ("list", "--limit"),
    ("list", "--limit", "x"),
    ("list", "--limit", "0"),
    ("list", "--json=3"),
    ("search", "--since"),
    ("search", "-n", "-1", "acre"),
]


def test_help_of_every_command_is_french_through_and_through(cli):
    for name, _command in _commands(typer.main.get_command(app)):  # hidden ones too
        shown = cli(*name.split(), "--help").stdout
        assert not ENGLISH.search(shown), f"garefil {name} --help: {ENGLISH.search(shown)}"
    top = cli("--help").stdout
    assert "COMMANDE [ARGUMENTS]…" in top and "Options :" in top and "Commandes :" in top
    assert re.search(r"\[par\s+défaut\s:\s+20\]", cli("search", "--help").stdout)  # may wrap


def test_usage_errors_are_french_through_and_through(cli):
    for args in USAGE_ERRORS:
        result = cli(*args, code=2)
        said = result.stdout + result.stderr
        assert not ENGLISH.search(said), f"garefil {' '.join(args)}: {said}"
    assert "vouliez-vous dire list" in cli("lsit", code=2).stderr  # list, and site
    assert "L'option --limit demande une valeur." in cli("list", "--limit", code=2).stderr
    assert "`garefil list --help`" in cli("list", "--limit", code=2).stderr


@pytest.mark.parametrize("width", ["60", "80", "100"])
def test_a_french_colon_never_starts_a_wrapped_line_of_help(run_garefil, width):
    for command in ((), ("new",)):  # `new --rdv` wrapped before « : » in 80 columns
        shown = run_garefil(*command, "--help", env={"COLUMNS": width}).stdout
        assert not [line for line in shown.splitlines() if line.strip()[:1] in (":", ";")], shown
