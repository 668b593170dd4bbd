"""What a note's card and the pads list show of header values on the site: web addresses,
notes and documents as links (and nothing but http and https as a link), states in words."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from test_site import build, site_of

OTHER_TOOL = """---
type: note
title: Écrite par un autre outil
date: 2024-03-02
url: https://exemple.org/guide?page=2
pad: javascript:alert(1)
piege: JavaScript:alert(2)
donnees: data:text/html,<script>alert(3)</script>
rdv: 2024-02-05-rdv-7hcas
---
Texte.
"""


def _card(page: Path) -> str:
    return page.read_text(encoding="utf-8").split('<dl class="fiche">')[1].split("</dl>")[0]


def _page_of(site: Path, stem: str) -> Path:
    return next((site / "notes").glob(f"*{stem}.html"))


def test_pad_addresses_are_links_to_the_pads(cli, demo_notebook):
    build(cli, demo_notebook)
    pads = (site_of(demo_notebook) / "pages" / "pads.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="https://[^"]+" rel="noopener">https://', pads), pads
    card = _card(_page_of(site_of(demo_notebook), "pad-des-reunions-du-lundi-a7jux"))
    assert re.search(r'<a href="https://[^"]+" rel="noopener">', card), card


def test_only_web_addresses_become_links_and_note_ids_lead_to_their_page(cli, demo_notebook):
    (demo_notebook / "divers" / "autre-outil.md").write_text(OTHER_TOOL, encoding="utf-8")
    build(cli, demo_notebook)
    card = _card(_page_of(site_of(demo_notebook), "autre-outil"))
    assert '<a href="https://exemple.org/guide?page=2" rel="noopener">' in card
    hrefs = re.findall(r'href="([^"]*)"', card)
    assert not [h for h in hrefs if re.match(r"\s*(javascript|file|data):", h, re.I)], hrefs
    assert "javascript:alert(1)" in card and "JavaScript:alert(2)" in card  # shown as text
    assert '<a href="../notes/rdv~2024~2024-02-05-rendez-vous-jean-dupont-7hcas.html">' in card


def test_a_report_s_card_names_its_documents_links_its_appointment_and_says_its_state(
    cli, demo_notebook
):
    build(cli, demo_notebook)
    site = site_of(demo_notebook)
    card = _card(_page_of(site, "jean-dupont-cotisations-urssaf-vruv8"))
    document = "documents/jean-dupont/2024-02-05-echeancier-urssaf.pdf"
    assert f'<a href="../documents/{document}">2024-02-05-echeancier-urssaf.pdf</a>' in card
    assert "7798b4a3" not in card
    assert (site / "documents" / document).read_bytes() == (demo_notebook / document).read_bytes()
    assert '<a href="../notes/rdv~2024~2024-02-05-rendez-vous-jean-dupont-7hcas.html">' in card
    assert "<dd>envoyé</dd>" in card and "envoye<" not in card


def test_a_busy_port_is_said_and_another_one_used(demo_notebook):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = ["-C", str(demo_notebook), "site", "--servir", "--port", str(port)]
        preview = subprocess.Popen(
            [sys.executable, "-m", "garefil", *command],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        try:
            said = _said_until_address(preview)
        finally:
            preview.send_signal(signal.SIGINT)
            preview.wait(timeout=20)
    used = re.search(r"http://127\.0\.0\.1:(\d+)/", said).group(1)
    assert int(used) != port
    assert f"Le port {port} est déjà pris" in said and f"le port {used}" in said, said


def _said_until_address(process: subprocess.Popen) -> str:
    said = ""
    for line in process.stderr:
        said += line
        if re.search(r"http://127\.0\.0\.1:\d+/", line):
            return said
    raise AssertionError(f"no address said: {said}")
