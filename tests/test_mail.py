"""`cr envoyer`: a multipart e-mail through a real SMTP server on 127.0.0.1, read back whole."""

from __future__ import annotations

from email import message_from_bytes, policy

import frontmatter
import pytest

from conftest import git
from smtp_servers import LOGIN, PASSWORD, Inbox, self_signed, start, starttls_options


@pytest.fixture
def inbox():
    received = Inbox()
    controller = start(received)
    received.port = controller.port
    yield received
    controller.stop()


def settings(monkeypatch, tmp_path, port: int, *lines: str) -> None:
    """The coach's own settings file (never the notebook's), found through XDG_CONFIG_HOME."""
    folder = tmp_path / "xdg"
    (folder / "garefil").mkdir(parents=True, exist_ok=True)
    if not any(line.startswith("expediteur") for line in lines):
        lines = (*lines, 'expediteur = "Awa Diallo <awa@example.org>"')
    text = "\n".join(["[smtp]", 'serveur = "127.0.0.1"', f"port = {port}", *lines]) + "\n"
    (folder / "garefil" / "config.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))


def report(cli, notebook, email: str | None = "jean.dupont@exemple.fr") -> tuple[str, str]:
    options = ["--email", email] if email else []
    cli("-C", notebook, "entrepreneur", "ajouter", "Jéan Dupont", *options)
    (notebook / "documents").mkdir()
    (notebook / "documents" / "devis signé.pdf").write_bytes(b"%PDF-1.4 devis")
    (notebook.parent / "secret.txt").write_text("hors du carnet", encoding="utf-8")
    (notebook / "documents" / "lien.pdf").symlink_to(notebook.parent / "secret.txt")
    with open(notebook / "documents" / "enorme.pdf", "wb") as huge:
        huge.truncate(16 * 1024 * 1024)  # a teammate's huge file: not sent, not even read
    body = (
        "## Échanges\n\nLe **prêt d'honneur** est accordé.\n\n"
        "- [devis](<../../documents/devis signé.pdf>)\n- [secret](../../../secret.txt)\n"
        "- [lien](../../documents/lien.pdf) [gros](../../documents/enorme.pdf)\n"
        "- [site](https://exemple.org) [autre note](autre.md)\n"
    )
    out = cli(
        "-C",
        notebook,
        "new",
        "cr",
        "-e",
        "Jéan Dupont",
        "--date",
        "2024-05-02",
        "--title",
        "Compte-rendu — prêt d'honneur",
        "--body",
        body,
    )
    note_id, path = out.stdout.strip().split("\t")
    return note_id, path


def test_a_report_is_sent_as_text_and_html_with_its_attachment_then_recorded(
    cli, notebook, inbox, monkeypatch, tmp_path
):
    settings(monkeypatch, tmp_path, inbox.port, 'securite = "aucune"')
    cr, path = report(cli, notebook)
    result = cli("-C", notebook, "cr", "envoyer", cr)
    left_out = result.stderr.split("\n")[0]  # outside the notebook, or too big: said
    assert "secret.txt" in left_out and "lien.pdf" in left_out and "enorme.pdf" in left_out
    [mail] = inbox.received
    assert mail.recipients == ["jean.dupont@exemple.fr"] and mail.sender == "awa@example.org"
    message = mail.message()
    assert message["Subject"] == "Compte-rendu — prêt d'honneur"
    assert message["To"] == "Jéan Dupont <jean.dupont@exemple.fr>"
    assert message["From"] == "Awa Diallo <awa@example.org>"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Le prêt d'honneur est accordé." in plain
    assert "<strong>prêt d" in html and "honneur</strong> est accordé" in html
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "devis signé.pdf"
    assert attached.get_content() == b"%PDF-1.4 devis"
    meta = frontmatter.load(notebook / path).metadata
    assert meta["status"] == "envoye" and meta["destinataires"] == ["jean.dupont@exemple.fr"]
    assert "envoye_le" in meta and path not in git(notebook, "status", "--porcelain")
    again = cli("-C", notebook, "cr", "envoyer", cr, code=6)  # sent already: not twice by mistake
    assert "--encore pour l'envoyer à nouveau" in again.stderr  # it sends, not just notes
    assert "noter un nouvel envoi" not in again.stderr
    cli("-C", notebook, "cr", "envoyer", cr, "--encore")
    assert len(inbox.received) == 2


def test_a_draft_eml_is_the_same_message_and_records_nothing(cli, notebook, tmp_path):
    cr, path = report(cli, notebook)
    eml = tmp_path / "cr.eml"
    cli("-C", notebook, "cr", "envoyer", cr, "--brouillon-eml", eml)
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "Jéan Dupont <jean.dupont@exemple.fr>"
    assert message.get_body(("html",)) is not None
    assert frontmatter.load(notebook / path).metadata["status"] == "brouillon"
    cli("-C", notebook, "cr", "envoyer", cr, "--brouillon-eml", eml, code=6)


def test_no_address_no_server_or_a_refusal_record_nothing(
    cli, notebook, inbox, monkeypatch, tmp_path
):
    cr, path = report(cli, notebook, email=None)
    head = git(notebook, "rev-parse", "HEAD").strip()
    assert "fiche" in cli("-C", notebook, "cr", "envoyer", cr, code=5).stderr
    cli("-C", notebook, "entrepreneur", "ajouter", "Paul Martin", "--email", "paul@exemple.fr")
    other = cli("-C", notebook, "new", "cr", "-e", "Paul Martin", "--body", "x").stdout
    other = other.split("\t")[0]
    assert "smtp.serveur" in cli("-C", notebook, "cr", "envoyer", other, code=5).stderr
    settings(monkeypatch, tmp_path, inbox.port, 'securite = "aucune"')
    inbox.refuse.add("paul@exemple.fr")
    refused = cli("-C", notebook, "cr", "envoyer", other, code=8)
    assert "paul@exemple.fr" in refused.stderr
    settings(monkeypatch, tmp_path, free_port_closed(), 'securite = "aucune"')
    assert "127.0.0.1" in cli("-C", notebook, "cr", "envoyer", other, code=8).stderr
    assert inbox.received == []
    assert {
        frontmatter.load(notebook / p).metadata["status"]
        for p in git(notebook, "ls-files", "cr").split()
    } == {"brouillon"}
    assert git(notebook, "rev-list", "--count", f"{head}..HEAD").strip() == "2"  # fiche, cr


def free_port_closed() -> int:
    from ports import refused_port

    return refused_port()


def test_starttls_with_a_login_and_every_way_it_can_fail(
    cli, notebook, monkeypatch, tmp_path, run_garefil
):
    cert, key = self_signed(tmp_path)
    inbox = Inbox()
    controller = start(inbox, **starttls_options(cert, key))
    try:
        settings(
            monkeypatch,
            tmp_path,
            controller.port,
            f'identifiant = "{LOGIN}"',
            'expediteur = "awa.diallo@exemple.org"',
        )
        cr, path = report(cli, notebook)
        # Without a terminal and without the variable, the password is not asked: refused.
        no_password = run_garefil("-C", notebook, "cr", "envoyer", cr, input="")
        assert no_password.returncode == 5 and "GAREFIL_SMTP_PASSWORD" in no_password.stderr
        monkeypatch.setenv("GAREFIL_SMTP_PASSWORD", PASSWORD)
        untrusted = cli("-C", notebook, "cr", "envoyer", cr, code=8)  # self-signed, not trusted
        assert "sécurisée" in untrusted.stderr
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))
        monkeypatch.setenv("GAREFIL_SMTP_PASSWORD", "faux")
        assert LOGIN in cli("-C", notebook, "cr", "envoyer", cr, code=8).stderr
        assert frontmatter.load(notebook / path).metadata["status"] == "brouillon"
        monkeypatch.setenv("GAREFIL_SMTP_PASSWORD", PASSWORD)
        cli("-C", notebook, "cr", "envoyer", cr)
    finally:
        controller.stop()
    [mail] = inbox.received
    assert mail.sender == "awa.diallo@exemple.org"
    assert PASSWORD not in (notebook / path).read_text(encoding="utf-8")
    assert frontmatter.load(notebook / path).metadata["status"] == "envoye"


def test_a_wrong_mail_setting_is_refused_and_no_password_crosses_in_clear(
    cli, notebook, monkeypatch, tmp_path
):
    out = cli("-C", notebook, "new", "cr", "-e", "Jean Dupont", "--body", "x").stdout
    cr = out.split("\t")[0]
    settings(monkeypatch, tmp_path, 25, 'securite = "aucune"', 'identifiant = "awa"')
    (tmp_path / "xdg" / "garefil" / "config.toml").write_text(
        '[smtp]\nserveur = "smtp.exemple.org"\nport = 25\nsecurite = "aucune"\n'
        'identifiant = "awa"\nexpediteur = "awa@exemple.org"\n',
        encoding="utf-8",
    )
    refused = cli("-C", notebook, "cr", "envoyer", cr, code=5).stderr
    assert "smtp.securite" in refused and "ordinateur" in refused
    (tmp_path / "xdg" / "garefil" / "config.toml").write_text(
        '[smtp]\nserveur = "127.0.0.1"\nport = "vingt-cinq"\nexpediteur = "a@exemple.org"\n',
        encoding="utf-8",
    )
    assert "config.toml" in cli("-C", notebook, "cr", "envoyer", cr, code=5).stderr
