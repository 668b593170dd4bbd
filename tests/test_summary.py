"""The gare centrale: SOMMAIRE.md and its pages, deterministic, linked, kept in step by commits."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import git

LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} +(.+?) *$", re.MULTILINE)


def forge_anchor(heading: str) -> str:
    """How GitHub, GitLab and Gitea name a heading's anchor: the heading as shown (Markdown
    escapes removed), lower-cased, without punctuation, spaces made hyphens."""
    shown = re.sub(r"\\(.)", r"\1", heading)
    return re.sub(r"[^\w\- ]", "", shown.strip().lower()).replace(" ", "-")


def generated(notebook: Path) -> dict[str, bytes]:
    pages = [notebook / "SOMMAIRE.md", *sorted((notebook / "sommaire").rglob("*.md"))]
    return {p.relative_to(notebook).as_posix(): p.read_bytes() for p in pages}


def broken_links(notebook: Path) -> list[str]:
    """Every relative link of every generated page that leads to no file, or to no heading."""
    broken = []
    for name, data in generated(notebook).items():
        page = notebook / name
        for href in LINK.findall(data.decode("utf-8")):
            target, _, fragment = href.partition("#")
            path = (page.parent / unquote(target)).resolve()
            if not path.is_file():
                broken.append(f"{name}: {href}")
            elif fragment:
                anchors = {forge_anchor(h) for h in HEADING.findall(path.read_text("utf-8"))}
                if unquote(fragment) not in anchors:
                    broken.append(f"{name}: {href} (no such heading)")
    return broken


def test_the_sommaire_is_deterministic_and_every_link_resolves(cli, demo_notebook):
    cli("-C", demo_notebook, "sommaire")
    first = generated(demo_notebook)
    assert first["SOMMAIRE.md"].startswith(b"<!-- Page g\xc3\xa9n\xc3\xa9r\xc3\xa9e par garefil")
    head = git(demo_notebook, "rev-parse", "HEAD")
    cli("-C", demo_notebook, "sommaire")
    assert generated(demo_notebook) == first
    assert git(demo_notebook, "rev-parse", "HEAD") == head  # nothing moved: nothing recorded
    assert git(demo_notebook, "status", "--porcelain") == ""
    assert broken_links(demo_notebook) == []
    assert len(first) > 20 and all(p.startswith(b"<!-- ") for p in first.values())


def test_the_sommaire_lists_every_pad_and_every_open_item(cli, demo_notebook):
    cli("-C", demo_notebook, "sommaire")
    text = (demo_notebook / "SOMMAIRE.md").read_text(encoding="utf-8")
    for pad in json.loads(cli("-C", demo_notebook, "pads", "--json").stdout):
        assert f"]({pad['path']})" in text and pad["url"] in text
    due = json.loads(cli("-C", demo_notebook, "suivi", "--json", code=None).stdout)
    everything = (demo_notebook / "sommaire/a-traiter.md").read_text(encoding="utf-8")
    assert due and f"](sommaire/a-traiter.md) ({len(due)})" in text
    for item in due:
        assert f"](../{item['path']})" in everything
        assert f" {item['kind']} : " not in everything  # each kind in words, never its key
    assert "action en retard : " in everything
    for name in ("À traiter", "Entrepreneurs", "Pads", "Réunions", "Décisions récentes"):
        assert f"\n## {name}\n" in text
    assert "echeancier-urssaf.pdf" in text


def test_generated_pages_are_not_notes(cli, demo_notebook):
    before = json.loads(cli("-C", demo_notebook, "list", "--json").stdout)
    cli("-C", demo_notebook, "sommaire")
    after = json.loads(cli("-C", demo_notebook, "list", "--json").stdout)
    assert after == before
    assert json.loads(cli("-C", demo_notebook, "search", "Sommaire", "--json").stdout) == []


def test_a_new_note_is_in_the_pages_in_the_same_commit(cli, demo_notebook):
    cli("-C", demo_notebook, "sommaire")
    out = cli(
        "-C", demo_notebook, "new", "cr", "-e", "Jean Dupont", "--title", "Point TVA", "--body", "x"
    ).stdout
    path = out.split("\t")[1].strip()
    page = (demo_notebook / "sommaire/entrepreneurs/jean-dupont.md").read_text(encoding="utf-8")
    assert f"]({'../../' + path})" in page
    shown = git(demo_notebook, "show", "--name-only", "--format=", "HEAD").split()
    assert path in shown and "sommaire/entrepreneurs/jean-dupont.md" in shown
    assert git(demo_notebook, "status", "--porcelain") == ""
    assert broken_links(demo_notebook) == []
    # Only the pages the note could move were made again: the same as making them all.
    head = git(demo_notebook, "rev-parse", "HEAD")
    assert "à jour" in cli("-C", demo_notebook, "sommaire").stderr
    assert git(demo_notebook, "rev-parse", "HEAD") == head


def test_a_deleted_note_leaves_no_page_behind(cli, notebook):
    out = cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--tag", "couture", "--body", "x")
    cli("-C", notebook, "sommaire")
    assert (notebook / "sommaire/entrepreneurs/lina-roy.md").is_file()
    cli("-C", notebook, "rm", out.stdout.split("\t")[0], "--oui")
    assert not (notebook / "sommaire/entrepreneurs/lina-roy.md").exists()
    assert not (notebook / "sommaire/etiquettes/couture.md").exists()
    assert git(notebook, "status", "--porcelain") == ""
    assert broken_links(notebook) == []


def test_without_a_sommaire_or_with_auto_off_commits_hold_the_note_only(cli, notebook):
    path = cli("-C", notebook, "new", "note", "--title", "Un", "--body", "x").stdout.split("\t")[1]
    assert not (notebook / "SOMMAIRE.md").exists()
    cli("-C", notebook, "sommaire")
    config = notebook / ".garefil" / "config.toml"
    config.write_text(config.read_text("utf-8").replace("# auto = true", "auto = false"), "utf-8")
    git(notebook, "commit", "-qam", "sans sommaire automatique")
    path = cli("-C", notebook, "new", "note", "--title", "Deux", "--body", "x").stdout
    shown = git(notebook, "show", "--name-only", "--format=", "HEAD").split()
    assert shown == [path.split("\t")[1].strip()]


def test_note_text_cannot_break_the_pages(cli, notebook):
    odd = notebook / "divers" / "Notes du séminaire (brouillon).md"
    odd.parent.mkdir(parents=True)
    odd.write_text(
        '---\ntitle: "[piège](http://x) | <!-- *gras* \\e[31m"\nentrepreneur: "Zoé [Z] | Roy"\n'
        "tags: [atelier]\n---\nTexte.\n",
        encoding="utf-8",
    )
    git(notebook, "add", "-A")
    git(notebook, "commit", "-qm", "note à la main")
    cli("-C", notebook, "sommaire")
    assert broken_links(notebook) == []
    text = (notebook / "sommaire/entrepreneurs/zoe-z-roy.md").read_text(encoding="utf-8")
    assert "\x1b" not in text and "<!-- *" not in text and "] | Roy" not in text
    assert "](../../divers/Notes%20du%20s%C3%A9minaire%20%28brouillon%29.md)" in text
    assert "\\[piège\\]" in text


def test_two_coaches_syncing_never_conflict_on_the_pages_and_end_equal(cli, team):
    cli("-C", team.awa, "sommaire")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")
    cli("-C", team.awa, "new", "cr", "-e", "Lina Roy", "--title", "Couture", "--body", "a")
    cli("-C", team.karim, "new", "cr", "-e", "Marc Petit", "--title", "Boulangerie", "--body", "b")
    cli("-C", team.awa, "sync")
    cli("-C", team.karim, "sync")  # merges Awa's work: pages regenerated, not merged
    cli("-C", team.awa, "sync")
    assert generated(team.awa) == generated(team.karim)
    text = (team.awa / "SOMMAIRE.md").read_text(encoding="utf-8")
    assert "Lina Roy" in text and "Marc Petit" in text
    for clone in (team.awa, team.karim):
        assert git(clone, "status", "--porcelain") == ""
        assert "conflit" not in git(clone, "log", "--format=%s").lower()
        assert broken_links(clone) == []


def test_meetings_show_roles_and_decisions_their_status(cli, notebook):
    for name in ("Awa Diallo", "Karim Benali", "Sophie Laurent"):
        cli("-C", notebook, "config", "membre", "ajouter", name)
    body = (
        "## Rôles\n\n- Animation : Karim Benali\n- Prise de notes : Awa Diallo\n\n"
        "## Décisions\n\n- Le tour de table dure deux minutes. ^d-22222\n"
        "- Le tour de table dure trois minutes (remplace d-22222). ^d-33333\n"
    )
    cli("-C", notebook, "new", "reunion", "--date", "2024-03-25", "--body", body)
    cli("-C", notebook, "sommaire")
    text = (notebook / "SOMMAIRE.md").read_text(encoding="utf-8")
    meetings = text.split("## Réunions")[1].split("## Décisions récentes")[0]
    assert "Animation : Karim Benali · Prise de notes : Awa Diallo" in meetings
    assert "- Prochaine : lundi " in meetings and "Rôles proposés" in meetings
    decisions = text.split("## Décisions récentes")[1].split("## Thèmes")[0]
    assert "deux minutes. (remplacée)" in decisions
    assert "trois minutes. —" in decisions
    assert broken_links(notebook) == []


def test_the_oldest_items_of_one_day_come_by_their_hour_as_in_suivi(cli, notebook):
    """Two requests of one day whose headers keep their hour, written under names in the other
    order (A before Z): the sommaire's oldest items come as `suivi` lists them."""
    cli("-C", notebook, "sommaire")
    for who, hour in (("Anna Bel", "14:00"), ("Zoé Vidal", "09:00")):
        cli(
            "-C",
            notebook,
            "new",
            "demande",
            "-e",
            who,
            "--date",
            f"2024-05-02T{hour}",
            "--body",
            "x",
        )
    listed = [d["entrepreneur"] for d in json.loads(cli("-C", notebook, "suivi", "--json").stdout)]
    assert listed == ["Zoé Vidal", "Anna Bel"]
    summary = (notebook / "SOMMAIRE.md").read_text(encoding="utf-8")
    oldest = summary.split("Les plus anciens")[1]
    assert oldest.index("Zoé Vidal") < oldest.index("Anna Bel"), oldest


def test_the_pages_say_states_as_fil_and_list_do(cli, demo_notebook):
    """« envoyé », « prévu », « annulé », « reporté »: the words the commands and docs use,
    whatever spelling the files keep."""
    cli("-C", demo_notebook, "sommaire")
    said = b"".join(generated(demo_notebook).values()).decode("utf-8")
    states = set(re.findall(r"· (envoy\w*|pr[eé]vu|annul\w*|report\w*)$", said, re.MULTILINE))
    assert states == {"envoyé", "prévu", "annulé", "reporté"}


@pytest.mark.parametrize(
    ("moment", "last", "coming"),
    [
        ("2024-03-25 13:30", "2024-03-18", "lundi 25 mars 2024 à 14h00"),
        ("2024-03-25 15:30", "2024-03-25", "lundi 1er avril 2024 à 14h00"),
    ],
)
def test_after_the_meeting_the_sommaire_and_home_screen_say_the_next_one(
    cli, notebook, monkeypatch, moment, last, coming
):
    """The team meets on Mondays 14h–15h: once the meeting is over, it is the last one
    everywhere, and the next one is a week later, as the home screen and `roles` say."""
    for day in ("2024-03-18", "2024-03-25"):
        cli("-C", notebook, "new", "reunion", "--date", day, "--no-edit")
    monkeypatch.setenv("GAREFIL_TODAY", moment)
    cli("-C", notebook, "sommaire")
    text = (notebook / "SOMMAIRE.md").read_text(encoding="utf-8")
    meetings = text.split("## Réunions")[1].split("## Décisions récentes")[0]
    assert f"- Prochaine : {coming}" in meetings, meetings
    [said_last] = [line for line in meetings.splitlines() if line.startswith("- Dernière")]
    assert said_last.endswith(f"({last})"), meetings
    assert f"Prochaine réunion d'équipe : {coming.split(' à ')[0]}" in cli("-C", notebook).stdout
    assert f"Prochaine réunion : {coming}" in cli("-C", notebook, "roles").stdout
