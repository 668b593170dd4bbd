"""Values other tools and hands write in front-matter: one bad note never stops the others.

Impossible dates, huge numbers, alias bombs and time zones are read as the world writes them;
a note garefil cannot read is reported with its file and line, in French, and the rest is listed.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from conftest import git

GOOD = "---\ntitle: Bonne note\ndate: 2024-02-01\ntags: [urssaf]\n---\nTexte cotisations.\n"

BAD_VALUES = {
    "month-13": "date: 2024-13-45",
    "year-0": "date: 0000-01-01",
    "action-due": "actions:\n  - what: relancer\n    due: 2024-99-99",
    "huge-number": "montant: " + "7" * 5001,
}


def write(notebook: Path, relative: str, text: str | bytes) -> Path:
    path = notebook / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_bytes(text.encode("utf-8"))
    return path


def commit_all(notebook: Path) -> None:
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "notes d'un autre outil")


def test_bad_values_are_reported_with_their_line_and_the_others_are_listed(cli, notebook):
    write(notebook, "divers/bonne.md", GOOD)
    lines = {}
    for name, value in BAD_VALUES.items():
        write(notebook, f"divers/{name}.md", f"---\ntitle: Mauvaise\n{value}\n---\ncotisations\n")
        lines[name] = 3 + (2 if "due" in value else 0)
    commit_all(notebook)
    listed = cli("-C", notebook, "list", "--json")
    assert [n["title"] for n in json.loads(listed.stdout)] == ["Bonne note"]
    for name, line in lines.items():
        assert f"divers/{name}.md:{line}:" in listed.stderr
    assert "Erreur inattendue" not in listed.stderr
    for command in (["search", "cotisations"], ["tags"], ["index"], ["history", "divers/bonne"]):
        result = cli("-C", notebook, *command)
        assert "Erreur inattendue" not in result.stderr, command
    cli("-C", notebook, "tag", "divers/bonne", "cpam")
    for name, line in lines.items():
        shown = cli("-C", notebook, "show", f"divers/{name}.md")  # shown as written
        assert f"divers/{name}.md:{line}: " in shown.stderr
        assert "Erreur inattendue" not in shown.stderr


def test_zoned_and_plain_dates_sort_together_by_the_time_written(cli, notebook):
    write(notebook, "divers/zone.md", "---\ntitle: Zone\ndate: 2024-01-01T10:00:00+05:00\n---\n")
    write(notebook, "divers/utc.md", "---\ntitle: UTC\ndate: 2024-01-01T09:30:00Z\n---\n")
    write(notebook, "divers/jour.md", "---\ntitle: Jour\ndate: 2024-01-02\n---\n")
    write(notebook, "divers/heure.md", "---\ntitle: Heure\ndate: 2024-01-01 08:00\n---\n")
    listed = json.loads(cli("-C", notebook, "list", "--json").stdout)
    # The rule (docs/notebook.md): the time as written, the zone set aside.
    assert [(n["title"], n["date"]) for n in listed] == [
        ("Jour", "2024-01-02"),
        ("Zone", "2024-01-01T10:00"),
        ("UTC", "2024-01-01T09:30"),
        ("Heure", "2024-01-01T08:00"),
    ]
    since = cli("-C", notebook, "list", "--since", "2024-01-01", "--until", "2024-01-01", "--json")
    assert len(json.loads(since.stdout)) == 3
    assert cli("-C", notebook, "search", "--json", "zone").exit_code == 0


BOMB = (
    "---\ntitle: Bombe\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + "tags: *i\n---\nboum\n"
)


def test_an_alias_bomb_is_reported_within_a_second_and_the_others_listed(cli, notebook):
    assert len(BOMB) < 800
    write(notebook, "divers/bonne.md", GOOD)
    write(notebook, "divers/bombe.md", BOMB)
    started = time.monotonic()
    listed = cli("-C", notebook, "list", "--json")
    assert time.monotonic() - started < 2
    assert [n["title"] for n in json.loads(listed.stdout)] == ["Bonne note"]
    assert "divers/bombe.md:4: les ancres et alias" in listed.stderr


def test_a_self_referencing_alias_is_refused(cli, notebook):
    write(notebook, "divers/boucle.md", "---\ntitle: Boucle\ntags: &t [*t]\n---\n")
    assert "divers/boucle.md:3:" in cli("-C", notebook, "list").stderr


YAML_PROBLEMS = {
    "title: a: b": ("2", "il manque un « : », ou une valeur qui contient « : »"),
    "title: 'ouverte": ("2", "un guillemet ou un crochet n'est pas fermé"),
    "tags: [a, b": ("2", "il manque une virgule ou un crochet fermant"),  # where it opens
    "a: &x 1\nb: &x 2": ("3", "une ancre (&nom) est définie deux fois"),
    "title: x\n\tdate: 2024-01-01": ("3", "une tabulation ne peut pas indenter le YAML"),
    "title: @moi": ("2", "un caractère qui demande des guillemets"),
    "title: x\nligne sans deux-points\ndate: 2024-01-01": (
        "3",
        "il manque un « : » après un champ",
    ),
}


def test_yaml_problems_are_french_sentences_with_the_line(cli, notebook):
    for number, header in enumerate(YAML_PROBLEMS):
        write(notebook, f"divers/casse-{number}.md", f"---\n{header}\n---\ntexte\n")
    listed = cli("-C", notebook, "list")
    for number, (line, words) in enumerate(YAML_PROBLEMS.values()):
        path = f"divers/casse-{number}.md"
        said = [entry for entry in listed.stderr.splitlines() if f"{path}:{line}: " in entry]
        assert len(said) == 1 and words in said[0]
        shown = cli("-C", notebook, "show", path)  # shown as written, the problem said
        assert f"{path}:{line}: " in shown.stderr and words in shown.stderr
        assert "mapping values" not in shown.stderr and "scanning" not in shown.stderr


def test_an_unknown_yaml_problem_is_generic_and_english_only_under_debug(cli, notebook):
    write(notebook, "divers/tag.md", "---\ntitle: !inconnu x\n---\n")
    shown = cli("-C", notebook, "show", "divers/tag.md")
    assert "étiquette YAML inconnue" in shown.stderr
    assert "constructor" not in shown.stderr
    debug = cli("--debug", "-C", notebook, "tag", "divers/tag.md", "x", code=5)
    assert "could not determine a constructor" in debug.stderr


def test_aliases_repeating_a_long_text_are_refused_too(cli, notebook):
    repeat = ",".join
    header = (
        f'a: &a "{"x" * 5000}"\n'
        f"b: &b [{repeat(['*a'] * 30)}]\n"
        f"c: &c [{repeat(['*b'] * 30)}]\n"
        f"tags: [{repeat(['*c'] * 30)}]\n"
    )
    write(notebook, "divers/texte.md", f"---\ntitle: Texte\n{header}---\n")
    write(notebook, "divers/sans-alias.md", f'---\ntitle: Long\nresume: "{"y" * 200_000}"\n---\n')
    listed = cli("-C", notebook, "list", "--json")
    assert [n["title"] for n in json.loads(listed.stdout)] == ["Long"]
    assert "divers/texte.md:4: les ancres et alias" in listed.stderr
