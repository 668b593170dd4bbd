"""The e-mail of a report is a letter fit for the entrepreneur: no ids, no raw checkboxes, no
template comments or empty headings, headings rendered in HTML and underlined in the text part,
a greeting and a signature (settings mail.salutation, mail.signature). Read back from a real
SMTP server on 127.0.0.1."""

from __future__ import annotations

import re
from email import message_from_bytes, policy

from test_mail_documents import inbox

__all__ = ["inbox"]  # the fixture (a real SMTP server on 127.0.0.1), used by name

BODY = "Devis relu, **bien reçu**.\n\n## Décisions\n\n## Actions\n\n## Prochain rendez-vous\n"


def sent_report(cli, notebook, inbox, *sending: str):
    """A report with a decision and an action written by garefil, sent; the message received."""
    cli("-C", notebook, "config", "membre", "ajouter", "Awa Diallo")
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--email", "lina@exemple.org")
    out = cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--title", "Devis", "--body", BODY)
    cr = out.stdout.split("\t")[0]
    cli("-C", notebook, "decision", "ajouter", "Lina passe en franchise de TVA.", "--dans", cr)
    cli("-C", notebook, "action", "ajouter", "awa", "relancer la banque", "--pour", "2030-01-15",
        "--dans", cr)  # fmt: skip
    cli("-C", notebook, "cr", "envoyer", cr, *sending)
    return inbox.received[-1].message()


def test_the_text_part_is_a_letter_without_the_team_s_marks(cli, notebook, inbox):
    message = sent_report(cli, notebook, inbox)
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert not re.search(r"\^[da]-|\[ \]|\[x\]|##|<!--|\*\*", plain), plain
    assert plain.startswith("Bonjour Lina,\n\nDevis relu, bien reçu.\n")
    assert "\nDécisions\n---------\n\n- Lina passe en franchise de TVA.\n" in plain
    assert "- ☐ Awa Diallo — relancer la banque — pour le mardi 15 janvier 2030\n" in plain
    assert "Prochain rendez-vous" not in plain  # a heading nothing follows
    assert plain.rstrip().endswith("Bien cordialement,\nAwa Diallo")


def test_the_html_part_renders_the_headings_and_boxes(cli, notebook, inbox):
    html = sent_report(cli, notebook, inbox).get_body(("html",)).get_content()
    html = html.replace("\r\n", "\n")
    assert "<h2>Décisions</h2>" in html and "<h2>Actions</h2>" in html
    assert "<strong>bien reçu</strong>" in html and "<p>Bonjour Lina,</p>" in html
    assert "☐ Awa Diallo — relancer la banque" in html
    assert not re.search(r"\^[da]-|\[ \]|##|&lt;!--", html), html
    assert "Bien cordialement,<br />\nAwa Diallo" in html


def test_the_greeting_and_signature_are_the_coach_s_settings(cli, notebook, inbox):
    cli("config", "set", "mail.salutation", "Chère {prenom},")
    cli("config", "set", "mail.signature", r"Awa\nCoopérative Oxalis — 04 00 00 00 00")
    plain = sent_report(cli, notebook, inbox).get_body(("plain",)).get_content()
    plain = plain.replace("\r\n", "\n")
    assert plain.startswith("Chère Lina,\n")
    assert plain.rstrip().endswith("Awa\nCoopérative Oxalis — 04 00 00 00 00")


def test_a_report_written_by_another_tool_reads_as_a_letter_too(cli, notebook, tmp_path):
    """CRLF line ends, a name written surname first, no settings: the draft is the same letter."""
    (notebook / "cr").mkdir()
    (notebook / "cr" / "point.md").write_bytes(
        "---\r\nid: cr-windows\r\ntype: cr\r\ntitle: Point\r\nentrepreneur: DUPONT Jean\r\n"
        "---\r\n# Point\r\n\r\n## Actions\r\n<!-- modèle -->\r\n"
        "- [x] Jean — envoyer le Kbis — 2026-11-02 ^a-k7m3q\r\n".encode()
    )
    eml = tmp_path / "cr.eml"
    cli("-C", notebook, "cr", "envoyer", "cr-windows", "--brouillon-eml", eml)
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert plain.startswith(
        "Bonjour Jean,\n\nActions\n-------\n- ☑ Jean — envoyer le Kbis — pour le lundi 2"
    )
    assert "^a-" not in plain and "Point" not in plain and "modèle" not in plain
    assert plain.rstrip().endswith("Bien cordialement,\nAwa Diallo")  # git's name
