"""`sync` says which of the files it brought in no command can read, and which note is far too
large: at once, one line each, as `list` would say it later. Nothing is refused or lost for it:
it is the teammate's work, kept as it came.

Karim shares with plain git (another tool, no garefil check), under git's default configuration.
"""

from __future__ import annotations

import json

import pytest

from conftest import git
from test_sync_report import coaches

__all__ = ["coaches"]  # the fixture, used by name


pytestmark = pytest.mark.usefixtures("git_defaults")

HUGE = 11 * 1024 * 1024  # more than `import` takes (10 MB)


def test_sync_names_each_incoming_file_it_cannot_read_and_the_oversized_note(cli, coaches):
    folder = coaches.karim / "cr"
    (folder / "binaire.md").write_bytes(b"\x00\x01\x02binaire\xff\xfe")
    (folder / "casse.md").write_text("---\ntitle: [cassé\n---\nTexte\n", encoding="utf-8")
    line = "ligne de texte tapée par personne, mais collée là par un autre outil\n"
    body = line * (HUGE // len(line) + 1)
    (folder / "enorme.md").write_text(f"---\ntitle: Énorme\n---\n{body}", encoding="utf-8")
    git(coaches.karim, "add", "-A")
    git(coaches.karim, "commit", "-qm", "ajout")
    git(coaches.karim, "push", "-q", "origin", "HEAD")
    before = git(coaches.awa, "rev-parse", "HEAD").strip()
    said = cli("-C", coaches.awa, "sync").stderr
    warned = [line for line in said.splitlines() if line.startswith("⚠")]
    assert len(warned) == 3, said
    binary, broken, huge = warned
    assert "cr/binaire.md" in binary and "pas du texte" in binary, said
    assert "cr/casse.md:2" in broken and "corrigez son en-tête" in broken, said
    assert "cr/enorme.md fait 11 Mo" in huge and "Karim Benali" in huge, said
    for name in ("binaire.md", "casse.md", "enorme.md"):  # kept as they came
        assert (coaches.awa / "cr" / name).read_bytes() == (folder / name).read_bytes()
    # What is said at once is what `list` says each time after.
    listed = [line for line in cli("-C", coaches.awa, "list").stderr.splitlines() if "⚠" in line]
    assert listed == [binary, broken], listed
    # The same sync again, as JSON: the oversized note is in its report.
    git(coaches.awa, "reset", "-q", "--hard", before)
    report = json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)
    [huge] = report["oversized"]
    assert huge["path"] == "cr/enorme.md" and huge["bytes"] > HUGE, report
    assert huge["authors"] == ["Karim Benali"], report


def test_sync_json_lists_the_incoming_files_it_cannot_read(cli, coaches):
    folder = coaches.karim / "cr"
    (folder / "binaire.md").write_bytes(b"\x00\x01\x02binaire\xff\xfe")
    (folder / "casse.md").write_text("---\ntitle: [cassé\n---\nTexte\n", encoding="utf-8")
    (folder / "bonne.md").write_text("---\ntitle: Bonne\n---\nTexte\n", encoding="utf-8")
    git(coaches.karim, "add", "-A")
    git(coaches.karim, "commit", "-qm", "ajout")
    git(coaches.karim, "push", "-q", "origin", "HEAD")
    report = json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)
    binary, broken = report["unreadable"]
    assert (binary["path"], binary["line"], binary["authors"]) == (
        "cr/binaire.md",
        1,
        ["Karim Benali"],
    )
    assert binary["reason"] == "le fichier n'est pas du texte", binary
    assert (broken["path"], broken["line"], broken["authors"]) == (
        "cr/casse.md",
        2,
        ["Karim Benali"],
    )
    assert broken["reason"], broken
    # Nothing new next time: only the files this sync brought in are listed.
    assert json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)["unreadable"] == []


def test_sync_tells_the_author_of_a_note_it_shares_that_no_command_can_read_it(cli, coaches):
    (coaches.awa / "cr").mkdir(exist_ok=True)
    (coaches.awa / "cr" / "casse.md").write_text(
        "---\ntitle: Cassée\ntags: [a, b\n---\nTexte\n", encoding="utf-8"
    )
    (coaches.awa / "cr" / "bonne.md").write_text("---\ntitle: Bonne\n---\nTexte\n", "utf-8")
    done = cli("-C", coaches.awa, "sync")
    warned = [line for line in done.stderr.splitlines() if line.startswith("⚠")]
    assert len(warned) == 1 and "cr/casse.md:" in warned[0], done.stderr
    assert "corrigez son en-tête" in warned[0], done.stderr
    assert "2 notes partagées" in done.stderr  # shared all the same: nothing is held back
    # Its teammate is told the same, in the same words.
    said = cli("-C", coaches.karim, "sync").stderr
    assert [line for line in said.splitlines() if line.startswith("⚠")] == warned, said
    # As JSON, with the file's line.
    (coaches.awa / "cr" / "casse.md").write_text("---\ntitle: [x\n---\nAutre\n", "utf-8")
    report = json.loads(cli("-C", coaches.awa, "sync", "--json").stdout)
    [broken] = report["unreadable_sent"]
    assert broken["path"] == "cr/casse.md" and broken["line"] == 2, report
    assert report["unreadable"] == [], report
