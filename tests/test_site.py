"""`garefil site`: the static HTML site, without a browser (the browser tests are in
test_site_browser.py): every link resolves, nothing unsafe or personal is published, a rebuild
rewrites only what changed, and the preview serves on 127.0.0.1 only."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    index = (site / "assets" / "index-recherche.js").read_text(encoding="utf-8")
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
    assert not [
        u for u in json.loads((site / ".garefil-site.json").read_text())["pages"] if "fiches~" in u
    ]


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
    assert not [p for p in site.rglob("*") if p.is_file() and "mot de passe" in p.read_text()]


def test_a_folder_that_is_not_a_site_is_left_alone(cli, notebook: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "photos"
    theirs.mkdir()
    (theirs / "vacances.jpg").write_bytes(b"jpeg")
    refused = cli("-C", notebook, "site", "--sortie", theirs, code=6)
    assert "photos" in refused.stderr and "--sortie" in refused.stderr
    assert sorted(p.name for p in theirs.iterdir()) == ["vacances.jpg"]


def _mtimes(site: Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_a_rebuild_after_one_change_rewrites_only_what_depends_on_it(cli, demo_notebook) -> None:
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    before = _mtimes(site)
    note = next((demo_notebook / "pads").glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8") + "\nUne ligne de plus.\n", encoding="utf-8")
    rebuilt = build(cli, demo_notebook)
    after = _mtimes(site)
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert changed == [f"notes/pads~{note.stem}.html"], rebuilt.stderr
    assert "Une ligne de plus" in (site / changed[0]).read_text(encoding="utf-8")


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
