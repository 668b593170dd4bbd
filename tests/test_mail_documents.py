"""`cr envoyer` sends the documents filed on the report (`doc ajouter FILE --note CR`) as
attachments, read back from a real SMTP server on 127.0.0.1; a document that cannot go (missing,
too big, a symbolic link, outside the notebook) stops the sending, and nothing is recorded."""

from __future__ import annotations

import frontmatter
import pytest

from conftest import git
from smtp_servers import Inbox, start
from test_mail import settings


@pytest.fixture
def inbox(monkeypatch, tmp_path):
    received = Inbox()
    controller = start(received)
    settings(monkeypatch, tmp_path, controller.port, 'securite = "aucune"')
    yield received
    controller.stop()


def lina_report(cli, notebook, body: str = "Voir le devis.") -> tuple[str, str]:
    cli("-C", notebook, "entrepreneur", "ajouter", "Lina Roy", "--email", "lina@exemple.org")
    out = cli("-C", notebook, "new", "cr", "-e", "Lina Roy", "--title", "Devis", "--body", body)
    note_id, path = out.stdout.strip().split("\t")
    return note_id, path


def test_a_document_filed_on_a_report_goes_with_it_and_is_named(cli, notebook, inbox, tmp_path):
    cr, path = lina_report(cli, notebook)
    (tmp_path / "devis.pdf").write_bytes(b"%PDF-1.4 devis de Lina")
    cli("-C", notebook, "doc", "ajouter", tmp_path / "devis.pdf", "--note", cr)
    [filed] = frontmatter.load(notebook / path).metadata["documents"]
    sent = cli("-C", notebook, "cr", "envoyer", cr)
    name = filed["fichier"].rsplit("/", 1)[1]
    assert f"Pièces jointes : {name} (1 ko)" in sent.stderr
    [mail] = inbox.received
    [attached] = list(mail.message().iter_attachments())
    assert attached.get_filename() == name and attached.get_content() == b"%PDF-1.4 devis de Lina"
    assert attached.get_content_type() == "application/pdf"


def test_a_document_linked_from_the_text_too_is_attached_once(cli, notebook, inbox, tmp_path):
    cr, path = lina_report(cli, notebook)
    (tmp_path / "devis.pdf").write_bytes(b"%PDF-1.4 une fois")
    cli("-C", notebook, "doc", "ajouter", tmp_path / "devis.pdf", "--note", cr)
    filed = frontmatter.load(notebook / path).metadata["documents"][0]["fichier"]
    text = (notebook / path).read_text(encoding="utf-8")
    (notebook / path).write_text(text + f"\n[le devis](../../{filed})\n", encoding="utf-8")
    cli("-C", notebook, "cr", "envoyer", cr)
    [mail] = inbox.received
    assert len(list(mail.message().iter_attachments())) == 1


def documents_header(notebook, path: str, target: str) -> None:
    """The report's header lists `target` as a document filed on it (a teammate's commit)."""
    note = frontmatter.load(notebook / path)
    note.metadata["documents"] = [{"fichier": target}]
    (notebook / path).write_text(frontmatter.dumps(note) + "\n", encoding="utf-8")
    git(notebook, "commit", "-qam", "documents")


@pytest.mark.parametrize(
    ("target", "code", "said"),
    [
        ("documents/lina-roy/parti.pdf", 5, "n'est plus dans le carnet"),
        ("documents/lina-roy/enorme.pdf", 5, "plus de 15 Mo"),
        ("documents/lina-roy/lien.pdf", 12, "lien symbolique"),
        ("../secret.txt", 12, "hors du carnet"),
        ("documents/lina-roy", 5, "pas un fichier"),
    ],
)
def test_a_document_that_cannot_go_stops_the_sending(cli, notebook, inbox, target, code, said):
    cr, path = lina_report(cli, notebook)
    folder = notebook / "documents" / "lina-roy"
    folder.mkdir(parents=True)
    with open(folder / "enorme.pdf", "wb") as huge:
        huge.truncate(16 * 1024 * 1024)  # never read: refused by its size
    (notebook.parent / "secret.txt").write_text("hors du carnet", encoding="utf-8")
    (folder / "lien.pdf").symlink_to(notebook.parent / "secret.txt")
    documents_header(notebook, path, target)
    head = git(notebook, "rev-parse", "HEAD")
    refused = cli("-C", notebook, "cr", "envoyer", cr, code=code).stderr
    assert target in refused and said in refused and "rien n'a été envoyé" in refused
    assert inbox.received == [] and git(notebook, "rev-parse", "HEAD") == head
    assert frontmatter.load(notebook / path).metadata["status"] == "brouillon"


def test_a_draft_says_the_document_left_for_the_coach_to_attach(cli, notebook, tmp_path):
    cr, path = lina_report(cli, notebook)
    documents_header(notebook, path, "documents/lina-roy/parti.pdf")
    draft = cli("-C", notebook, "cr", "envoyer", cr, "--brouillon-eml", tmp_path / "cr.eml")
    assert "documents/lina-roy/parti.pdf" in draft.stderr and (tmp_path / "cr.eml").exists()


def test_a_document_filed_on_a_report_sent_already_says_it_did_not_go(
    cli, notebook, inbox, tmp_path
):
    cr, path = lina_report(cli, notebook)
    cli("-C", notebook, "cr", "envoye", cr)
    (tmp_path / "devis.pdf").write_bytes(b"%PDF-1.4 en retard")
    filed = cli("-C", notebook, "doc", "ajouter", tmp_path / "devis.pdf", "--note", cr)
    assert f"garefil cr envoyer {cr} --encore" in filed.stderr
    cli("-C", notebook, "cr", "envoyer", cr, "--encore")
    [mail] = inbox.received
    [attached] = list(mail.message().iter_attachments())
    assert attached.get_content() == b"%PDF-1.4 en retard"
