"""`garefil site`: the static HTML site, without a browser (the browser tests are in
test_site_browser.py): every link resolves, nothing unsafe or personal is published, a rebuild
rewrites only what changed, and the preview serves on 127.0.0.1 only."""

from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import git

HOSTILE = """---
type: note
title: Piège
date: 2024-03-01
---
Avant <script>window.__garefilPwned = "script";</script> après.

<img src="x.png" onerror="window.__garefilPwned = 'img'">

[un lien piégé](javascript:window.__garefilPwned='lien')

<a href="javascript:window.__garefilPwned='a'" onclick="window.__garefilPwned='clic'">clic</a>
"""

FICHE = """---
type: fiche
title: Fiche de Lina Perret
entrepreneur: Lina Perret
referent: Inès Moreau
date: 2024-02-01
email: lina.perret@example.org
telephone: 06 12 34 56 78
activite: Boulangerie
---
Joignable au 07.98.76.54.32 ou par lina.perret@example.org, voir [le devis](devis.txt).
Voir aussi [la réunion](../reunions/absente.md).
"""


def build(cli, folder: Path, *args: str | Path):
    """`garefil site` in `folder`'s notebook, in French."""
    return cli("-C", folder, "site", *args)


def site_of(folder: Path) -> Path:
    return folder / ".garefil" / "site"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.targets.append(value)


def internal_links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return [t for t in parser.targets if not urlsplit(t).scheme and not t.startswith("#")]


def test_every_internal_link_of_the_demo_site_resolves(cli, demo_notebook: Path) -> None:
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 60
    broken = []
    for page in pages:
        for target in internal_links(page):
            path = unquote(urlsplit(target).path)
            if not (page.parent / path).resolve().is_file():
                broken.append(f"{page.relative_to(site)} → {target}")
    assert broken == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in home and 'type="search"' in home
    assert "Accueil" in home and "À faire" in home
    # The gare centrale's values: the last meeting held, each pad with its address.
    meetings = home.split('class="quai quai-meetings"', 1)[1].split("</section>", 1)[0]
    assert 'href="notes/reunions~' in meetings
    assert "https://pad.example.org/" in home.split('class="quai quai-pads"', 1)[1]


def test_the_site_is_never_shared_and_a_second_build_writes_nothing(cli, demo_notebook) -> None:
    first = build(cli, demo_notebook)
    assert "pages écrites" in first.stderr
    assert git(demo_notebook, "status", "--porcelain") == ""
    again = build(cli, demo_notebook)
    assert re.search(r": 0 page écrite sur \d+", again.stderr), again.stderr


def test_note_content_cannot_run_script(cli, notebook: Path) -> None:
    (notebook / "piege.md").write_text(HOSTILE, encoding="utf-8")
    build(cli, notebook)
    page = (site_of(notebook) / "notes" / "piege.html").read_text(encoding="utf-8")
    body = page.split('<section class="corps"', 1)[1]
    assert "<script" not in body and "onerror" not in body and "onclick" not in body
    assert not re.search(r"(?i)(href|src)\s*=\s*[\"']?\s*javascript", body)
    assert "Avant" in body and "clic" in body  # the text itself is kept


def test_personal_data_is_left_out_unless_asked(cli, notebook: Path) -> None:
    (notebook / "fiches").mkdir()
    (notebook / "fiches" / "lina.md").write_text(FICHE, encoding="utf-8")
    (notebook / "fiches" / "devis.txt").write_text("devis", encoding="utf-8")
    build(cli, notebook)
    site = site_of(notebook)
    page = (site / "notes" / "fiches~lina.html").read_text(encoding="utf-8")
    index = "".join(p.read_text(encoding="utf-8") for p in (site / "assets").rglob("*.js"))
    for published in (page, index):
        for secret in ("lina.perret@example.org", "06 12 34 56 78", "07.98.76.54.32"):
            assert secret not in published
    assert "Boulangerie" in page and "‹masqué›" in page
    assert (site / "documents" / "fiches" / "devis.txt").read_text() == "devis"
    build(cli, notebook, "--avec-donnees-personnelles")
    page = (site / "notes" / "fiches~lina.html").read_text(encoding="utf-8")
    assert "lina.perret@example.org" in page and "06 12 34 56 78" in page


def test_chosen_note_types_are_left_out(cli, demo_notebook: Path) -> None:
    build(cli, demo_notebook, "--sans-type", "fiche")
    site = site_of(demo_notebook)
    assert not [p for p in (site / "notes").iterdir() if "fiches~" in p.name]
    listed = (site / "pages" / "notes.html").read_text(encoding="utf-8")
    assert "fiches~" not in listed and "fiches~" not in (site / "index.html").read_text()
    with sqlite3.connect(site / ".garefil-site.sqlite") as manifest:
        assert manifest.execute("SELECT url FROM pages WHERE url LIKE '%fiches~%'").fetchall() == []


def test_nothing_outside_the_notebook_is_published(cli, notebook: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("mot de passe", encoding="utf-8")
    (notebook / "lien.txt").symlink_to(secret)
    (notebook / "note.md").write_text(
        "---\ntype: note\ntitle: Liens\n---\n[a](lien.txt) [b](../secret.txt)\n", encoding="utf-8"
    )
    build(cli, notebook)
    site = site_of(notebook)
    assert not (site / "documents").exists()
    assert not [p for p in site.rglob("*") if p.is_file() and b"mot de passe" in p.read_bytes()]


def test_a_folder_that_is_not_a_site_is_left_alone(cli, notebook: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "photos"
    theirs.mkdir()
    (theirs / "vacances.jpg").write_bytes(b"jpeg")
    refused = cli("-C", notebook, "site", "--sortie", theirs, code=6)
    assert "photos" in refused.stderr and "--sortie" in refused.stderr
    assert sorted(p.name for p in theirs.iterdir()) == ["vacances.jpg"]


def test_a_site_built_by_an_earlier_version_is_rebuilt_not_refused(cli, notebook) -> None:
    site = site_of(notebook)
    site.mkdir(parents=True)
    (site / ".garefil-site.json").write_text('{"version": "1", "pages": {}}', encoding="utf-8")
    (site / "index.html").write_text("ancienne page", encoding="utf-8")
    build(cli, notebook)
    assert not (site / ".garefil-site.json").exists()
    assert "ancienne page" not in (site / "index.html").read_text(encoding="utf-8")


def test_a_damaged_manifest_means_a_whole_rebuild(cli, demo_notebook: Path) -> None:
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    (site / ".garefil-site.sqlite").write_bytes(b"pas une base SQLite" * 100)
    rebuilt = build(cli, demo_notebook)
    written = re.search(r": (\d+) pages écrites sur (\d+)", rebuilt.stderr)
    assert written and written.group(1) == written.group(2), rebuilt.stderr


def test_a_second_build_at_the_same_time_is_told_to_wait(cli, notebook: Path) -> None:
    build(cli, notebook)
    manifest = site_of(notebook) / ".garefil-site.sqlite"
    other = sqlite3.connect(manifest, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another build holds the manifest
        refused = cli("-C", notebook, "site", code=10)
    finally:
        other.close()
    assert "en train" in refused.stderr and "site" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_build_in_another_language_rewrites_every_page(notebook: Path, run_garefil) -> None:
    (notebook / "note.md").write_text("---\ntitle: Une note\n---\nTexte\n", encoding="utf-8")
    for language in ("fr", "en"):
        run_garefil("-C", notebook, "site", env={"GAREFIL_LANG": language})
    page = (site_of(notebook) / "notes" / "note.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Go to the content" in page


def test_a_whole_rewrite_leaves_no_page_of_the_earlier_build(notebook, run_garefil) -> None:
    """Pages made by an earlier version at addresses this one no longer uses are removed."""
    run_garefil("-C", notebook, "site", env={"GAREFIL_LANG": "fr"})
    site = site_of(notebook)
    former = site / "referents" / "ines-moreau-000000.html"
    former.parent.mkdir(exist_ok=True)
    former.write_text("ancienne adresse", encoding="utf-8")
    (site / "mes-notes.txt").write_text("à moi", encoding="utf-8")
    run_garefil("-C", notebook, "site", env={"GAREFIL_LANG": "en"})
    assert not former.exists() and (site / "mes-notes.txt").read_text() == "à moi"


def _mtimes(site: Path) -> dict[str, int]:
    """When each file of the site was last written (the manifest aside)."""
    return {
        str(p.relative_to(site)): p.stat().st_mtime_ns
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith(".garefil-site")
    }


def test_a_rebuild_after_one_change_rewrites_only_what_depends_on_it(cli, demo_notebook) -> None:
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    before = _mtimes(site)
    note = next((demo_notebook / "pads").glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    rebuilt = build(cli, demo_notebook)
    after = _mtimes(site)
    changed = sorted(p for p in after if after[p] != before.get(p))
    # Its page and the one shard of the search index that holds its words.
    assert len(list((site / "assets" / "recherche").iterdir())) > 10
    shard, page = changed
    assert page == f"notes/pads~{note.stem}.html", rebuilt.stderr
    assert shard.startswith("assets/recherche/partie-"), changed
    for written in (page, shard):
        assert "Une ligne de plus" in (site / written).read_text(encoding="utf-8")


def test_a_name_written_two_ways_is_one_page_and_rebuilds_write_nothing(
    notebook: Path, run_garefil
) -> None:
    """ "Inès" with its accent composed or not: one person, one page, and a second build (in
    another process, where sets come out in another order) writes nothing."""
    for number, name in enumerate(("Inès Moreau", "Ine\u0300s Moreau", "Inès Moreau")):
        (notebook / f"n{number}.md").write_text(
            f"---\ntitle: Suivi {number}\nreferent: {name}\nentrepreneur: E{number}\n---\nTexte\n",
            encoding="utf-8",
        )
    for seed in ("1", "2"):
        done = run_garefil("-C", notebook, "site", env={"PYTHONHASHSEED": seed, "LANG": "C.UTF-8"})
    assert re.search(r": 0 page écrite sur \d+", done.stderr), done.stderr
    site = site_of(notebook)
    assert [p.name for p in (site / "referents").iterdir()] == ["ines-moreau-" + _six(site)]
    people = (site / "pages" / "personnes.html").read_text(encoding="utf-8")
    assert people.count("referents/ines-moreau-") == 1 and "Inès Moreau" in people


def _six(site: Path) -> str:
    return next((site / "referents").iterdir()).name.removeprefix("ines-moreau-")


def test_a_title_change_rewrites_the_lists_that_show_it(cli, demo_notebook) -> None:
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    before = _mtimes(site)
    note = next((demo_notebook / "pads").glob("*.md"))
    text = note.read_text(encoding="utf-8")
    note.write_text(re.sub(r"(?m)^title: .*$", "title: Pad renommé", text), encoding="utf-8")
    build(cli, demo_notebook)
    after = _mtimes(site)
    changed = {p for p in after if after[p] != before.get(p)}
    assert {"pages/pads.html", "pages/notes.html", f"notes/pads~{note.stem}.html"} <= changed
    assert len(changed) < len(after) / 4
    assert "Pad renommé" in (site / "pages" / "pads.html").read_text(encoding="utf-8")


def test_the_preview_serves_on_localhost_and_rebuilds(demo_notebook: Path) -> None:
    preview = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "garefil",
            "-C",
            str(demo_notebook),
            "site",
            "--servir",
            "--port",
            "0",
        ],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = _address(preview)
        assert address.startswith("http://127.0.0.1:")
        # Not on every interface: another address of this very computer is refused.
        port = int(address.rstrip("/").rsplit(":", 1)[1])
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.2", port), timeout=5)
        home = urllib.request.urlopen(address + "index.html", timeout=10).read().decode()
        assert 'lang="fr"' in home
        note = next((demo_notebook / "pads").glob("*.md"))
        note.write_text(note.read_text(encoding="utf-8") + "\nAjout vu en direct.\n")
        page = f"{address}notes/pads~{note.stem}.html"
        assert _eventually(
            lambda: "Ajout vu en direct" in urllib.request.urlopen(page).read().decode()
        )
    finally:
        preview.send_signal(signal.SIGINT)
        preview.wait(timeout=20)


def _address(process: subprocess.Popen) -> str:
    for line in process.stderr:
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            return found.group()
    raise AssertionError("no address said")


def _eventually(check, seconds: float = 20) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_site_help_is_french(cli) -> None:
    helped = cli("site", "--help")
    assert "--avec-donnees-personnelles" in helped.stdout and "Publier" in helped.stdout
    assert os.environ.get("LANG") == "C.UTF-8"


def _files_holding(site: Path, *secrets: str) -> list[str]:
    """The built files (every one, the manifest too) where any of `secrets` appears."""
    return sorted(
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file() and any(s.encode() in p.read_bytes() for s in secrets)
    )


def test_a_fiche_header_e_mail_and_phone_are_shown_only_when_asked(cli, demo_notebook) -> None:
    fiche = demo_notebook / "fiches" / "2024-01-10-fiche-jean-dupont-smb8x.md"
    text = fiche.read_text(encoding="utf-8")
    fiche.write_text(text.replace("status: actif\n", "status: actif\ntel: 06 98 12 34 56\n"))
    secrets = ("jean.dupont@exemple.org", "06 98 12 34 56")
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    assert _files_holding(site, *secrets) == []
    build(cli, demo_notebook, "--avec-donnees-personnelles")
    page = "notes/fiches~2024-01-10-fiche-jean-dupont-smb8x.html"
    card = (site / page).read_text(encoding="utf-8").split('<dl class="fiche">')[1]
    card = card.split("</dl>")[0]
    assert "<dd>jean.dupont@exemple.org</dd>" in card and "<dd>06 98 12 34 56</dd>" in card
    build(cli, demo_notebook)  # and back: gone again from every file
    assert _files_holding(site, *secrets) == []


def _items(page: Path) -> list[str]:
    """The text of each list item of `page`'s content, tags removed."""
    main = page.read_text(encoding="utf-8").split('<main id="contenu"', 1)[1]
    found = re.findall(r"<li>(.*?)</li>", main, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in found]


def test_the_site_shows_every_meeting_with_its_roles_and_the_open_actions(
    cli, demo_notebook, monkeypatch
) -> None:
    monkeypatch.setenv("GAREFIL_TODAY", "2024-04-02")
    build(cli, demo_notebook)
    pages = site_of(demo_notebook) / "pages"
    meetings = _items(pages / "reunions.html")
    held = json_of(cli, demo_notebook, "list", "--type", "reunion")
    assert len(meetings) == len(held) >= 12  # every meeting, not the last ten of the home page
    assert "2024-03-25 · Animation : Karim Benali · Prise de notes : Sophie Laurent" in meetings[0]
    actions = _items(pages / "actions.html")
    open_ones = json_of(cli, demo_notebook, "actions")
    assert len(actions) == len(open_ones) > 0
    first = open_ones[0]  # the earliest due first, as `actions` lists them
    assert actions[0].startswith(f"{first['who']} — {first['what']}"), actions[0]
    assert first["id"] in actions[0] and "(action en retard)" in actions[0], actions[0]
    # Every page leads to both; the note types are said in words, not as the files spell them.
    home = (site_of(demo_notebook) / "index.html").read_text(encoding="utf-8")
    assert 'href="pages/reunions.html"' in home and 'href="pages/actions.html"' in home
    listed = " ".join(_items(pages / "notes.html"))
    assert "· réunion" in listed and "· compte-rendu" in listed and "· reunion" not in listed


def json_of(cli, folder: Path, *args: str) -> list[dict]:
    import json

    return json.loads(cli("-C", folder, *args, "--json").stdout)


def test_items_only_in_a_conflict_copy_are_listed_by_the_site_as_by_the_commands(
    cli, notebook, monkeypatch
) -> None:
    """A decision and an action only the other version of a conflict holds are the team's
    until `resolve`: the site's registers list them, marked as `decisions` and `actions` mark
    them, leading to the note in conflict (the copy has no page of its own)."""
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-26")
    body = "## Décisions\n\n- Le tour de table dure deux minutes. ^d-11111\n"
    cli("-C", notebook, "new", "reunion", "--date", "2024-03-25", "--body", body)
    [note] = (notebook / "reunions").rglob("*.md")
    copy = note.with_name(note.stem + ".conflit-karim-benali.md")
    copy.write_text(
        note.read_text(encoding="utf-8")
        + "- Le bilan passe au dernier lundi du mois. ^d-22222\n\n"
        + "## Actions (qui / quoi / quand)\n\n"
        + "- [ ] Karim Benali — préparer le bilan — 2024-04-01 ^a-33333\n",
        encoding="utf-8",
    )
    assert "(copie de conflit)" in cli("-C", notebook, "decisions").stdout  # what the site follows
    build(cli, notebook)
    pages = site_of(notebook) / "pages"
    decisions = _items(pages / "decisions.html")
    assert any(d.startswith("Le bilan passe") and "(copie de conflit)" in d for d in decisions)
    assert not any("deux minutes" in d and "copie de conflit" in d for d in decisions), decisions
    [action] = _items(pages / "actions.html")
    assert action.startswith("Karim Benali — préparer le bilan (copie de conflit)"), action
    page = "../notes/" + note.relative_to(notebook).as_posix()[:-3].replace("/", "~") + ".html"
    html = (pages / "actions.html").read_text(encoding="utf-8")
    assert f'href="{page}"' in html and ".conflit-" not in html, html


def test_the_site_built_again_after_the_meeting_shows_it_held(cli, notebook, monkeypatch):
    """The team meets on Mondays 14h–15h: a site built again at 15:30, nothing changed since
    13:30, says the meeting of the day is the last one, as the sommaire and home screen do."""
    for day in ("2024-03-18", "2024-03-25"):
        cli("-C", notebook, "new", "reunion", "--date", day, "--no-edit")
    home = site_of(notebook) / "index.html"
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-25 13:30")
    build(cli, notebook)
    before = [item for item in _items(home) if "· réunion" in item]
    assert len(before) == 2 and "2024-03-18" in " ".join(before), before
    monkeypatch.setenv("GAREFIL_TODAY", "2024-03-25 15:30")
    build(cli, notebook)
    [after] = [item for item in _items(home) if "· réunion" in item]
    assert "2024-03-25" in after, after  # the last one held; the next has no note yet
