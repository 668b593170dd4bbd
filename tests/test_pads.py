"""Pads: registered as notes, their text copied over HTTP from a real server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import frontmatter
import pytest

from conftest import git
from ports import refused_port

PAD_TEXT = "Ordre du jour\n- les permanences de la coopérative\n- le calendrier de printemps\n"
# A pad where the team drafted its register: the copy of it is not the register itself.
PAD_REGISTER = "## Décisions\n- Proposée : un bilan\n## Actions\n- [ ] Karim — relancer Lina\n"
# What the fake server answers, by path: (status, content type, body, extra headers).
ROUTES: dict[str, tuple[int, str, bytes, dict[str, str]]] = {
    "/p/hebdo/export/txt": (200, "text/plain; charset=utf-8", PAD_TEXT.encode(), {}),
    "/notes-equipe/download": (200, "text/markdown", "# Équipe\nAgrumes bio\n".encode(), {}),
    "/p/equipe/download": (200, "text/markdown", "# Équipe\nAgrumes bio\n".encode(), {}),
    "/p/prive/export/txt": (302, "text/plain", b"", {"Location": "/login"}),
    "/login": (200, "text/html", b"<!DOCTYPE html><html><body>Connexion</body></html>", {}),
    "/p/enorme/export/txt": (200, "text/plain", b"x" * (300 * 1024), {}),
    "/p/releve/export/txt": (200, "text/plain", PAD_REGISTER.encode(), {}),
    "/p/panne/export/txt": (500, "text/plain", b"Internal Server Error", {}),
    # A private pad's server sending to a login page that answers 404 (no such page here).
    "/p/redir/export/txt": (302, "text/plain", b"", {"Location": "/auth/login?next=/p/redir"}),
}


class PadServer(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        status, kind, body, headers = ROUTES.get(self.path, (404, "text/plain", b"absent", {}))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), PadServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def added(cli, notebook: Path, url: str, title: str = "Réunion hebdo") -> str:
    out = cli("-C", notebook, "pad", "ajouter", url, "--titre", title, "--tag", "reunion").stdout
    return out.split("\t")[1].strip()


def test_a_pad_is_registered_as_a_pad_note_and_listed(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/hebdo")
    post = frontmatter.load(notebook / path)
    assert post["type"] == "pad" and post["url"] == f"{server}/p/hebdo"
    pads = json.loads(cli("-C", notebook, "pads", "--json").stdout)
    assert [(p["title"], p["url"], p["copied_on"]) for p in pads] == [
        ("Réunion hebdo", f"{server}/p/hebdo", None)
    ]


def test_the_same_pad_twice_is_refused(cli, notebook, server):
    added(cli, notebook, f"{server}/p/hebdo")
    result = cli("-C", notebook, "pad", "ajouter", f"{server}/p/hebdo/", "--titre", "X", code=6)
    assert "pad" in result.stderr


def test_a_copy_is_kept_in_the_note_committed_and_found_by_search(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/hebdo")
    cli("-C", notebook, "pad", "copier", path)
    text = (notebook / path).read_text(encoding="utf-8")
    assert "les permanences de la coopérative" in text
    assert frontmatter.loads(text)["copie_le"]
    assert git(notebook, "status", "--porcelain") == ""
    assert "1 copie mise à jour" in git(notebook, "log", "-1", "--format=%s")
    hits = json.loads(cli("-C", notebook, "search", "permanences", "--json").stdout)
    assert [h["path"] for h in hits] == [path]
    listed = json.loads(cli("-C", notebook, "pads", "--json").stdout)
    assert listed[0]["copied_on"] == frontmatter.loads(text)["copie_le"]


def test_copying_again_an_unchanged_pad_changes_nothing(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/hebdo")
    cli("-C", notebook, "pad", "copier", path)
    before = git(notebook, "rev-parse", "HEAD")
    result = cli("-C", notebook, "pad", "copier", path)
    assert git(notebook, "rev-parse", "HEAD") == before
    assert "pad" in result.stderr.lower()


def test_what_the_coach_wrote_above_the_copy_is_kept(cli, notebook, server):
    path = added(cli, notebook, f"{server}/notes-equipe")
    note = notebook / path
    note.write_text(note.read_text(encoding="utf-8") + "Mot de Karim : relire.\n", encoding="utf-8")
    cli("-C", notebook, "pad", "copier", path)
    original = ROUTES["/notes-equipe/download"]
    ROUTES["/notes-equipe/download"] = (200, "text/markdown", b"# Equipe\nPoires\n", {})
    try:
        cli("-C", notebook, "pad", "copier", path)
    finally:
        ROUTES["/notes-equipe/download"] = original
    text = note.read_text(encoding="utf-8")
    assert "Mot de Karim : relire." in text and "Poires" in text and "Agrumes" not in text


@pytest.mark.parametrize(
    ("pad", "code", "words"),
    [
        ("/p/absent", 8, "introuvable"),
        ("/p/prive", 8, "page web"),
        ("/p/enorme", 5, "200 ko"),
    ],
)
def test_a_failed_copy_says_why_in_one_line_and_changes_nothing(
    cli, notebook, server, pad, code, words
):
    (notebook / ".garefil" / "config.toml").write_text(
        "[pads]\ntaille_max_ko = 200\n", encoding="utf-8"
    )
    git(notebook, "commit", "-qam", "limite")
    path = added(cli, notebook, f"{server}{pad}")
    before = (notebook / path).read_bytes(), git(notebook, "rev-parse", "HEAD")
    result = cli("-C", notebook, "pad", "copier", path, code=code)
    assert words in result.stderr and "Traceback" not in result.stderr
    assert ((notebook / path).read_bytes(), git(notebook, "rev-parse", "HEAD")) == before


def test_an_unreachable_server_is_offline_exit_8(cli, notebook):
    path = added(cli, notebook, "http://127.0.0.1:9/p/hebdo")  # the discard port: closed
    before = (notebook / path).read_bytes()
    result = cli("-C", notebook, "pad", "copier", path, code=8)
    assert "ne peut pas être joint" in result.stderr
    assert (notebook / path).read_bytes() == before


def test_copying_every_pad_goes_on_past_a_broken_one(cli, notebook, server):
    added(cli, notebook, f"{server}/p/absent", "Disparu")
    good = added(cli, notebook, f"{server}/p/hebdo", "Hebdo")
    result = cli("-C", notebook, "pad", "copier", "--tous", code=8)
    assert "les permanences" in (notebook / good).read_text(encoding="utf-8")
    assert result.stderr.count("erreur :") == 1


def test_the_export_pattern_of_a_host_comes_from_the_config(cli, notebook, server):
    (notebook / ".garefil" / "config.toml").write_text(
        '[pads.export]\n"127.0.0.1" = "{pad}/download"\n', encoding="utf-8"
    )
    git(notebook, "commit", "-qam", "export")
    path = added(cli, notebook, f"{server}/p/equipe?both#titre")
    cli("-C", notebook, "pad", "copier", path)
    assert "Agrumes" in (notebook / path).read_text(encoding="utf-8")


def test_a_copy_runs_as_a_separate_process_too(run_garefil, cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/hebdo")
    done = run_garefil("-C", notebook, "pad", "copier", path)
    assert done.returncode == 0, done.stderr
    assert "calendrier de printemps" in (notebook / path).read_text(encoding="utf-8")


def test_the_demo_pads_written_by_hand_are_listed(cli, demo_notebook):
    pads = json.loads(cli("-C", demo_notebook, "pads", "--json").stdout)
    assert "https://pad.example.org/p/accompagnement-lundi" in [p["url"] for p in pads]


def test_a_register_drafted_in_a_pad_is_not_read_from_its_copy(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/releve")
    cli("-C", notebook, "pad", "copier", path)
    assert "relancer Lina" in (notebook / path).read_text(encoding="utf-8")
    assert json.loads(cli("-C", notebook, "actions", "--toutes", "--json").stdout) == []
    assert json.loads(cli("-C", notebook, "decisions", "--json").stdout) == []
    # An action added to the pad's note goes above the copy, under a heading of its own.
    cli("-C", notebook, "action", "ajouter", "Awa", "appeler", "--dans", path)
    text = (notebook / path).read_text("utf-8")
    assert text.index("appeler") < text.index("<!-- garefil") < text.index("relancer Lina")
    listed = json.loads(cli("-C", notebook, "actions", "--toutes", "--json").stdout)
    assert [a["what"] for a in listed] == ["appeler"]


def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (held, so no other test process takes it)."""
    return refused_port()


@pytest.mark.parametrize(
    ("pad", "reason"),
    [("/p/absent", "erreur 404"), ("/p/panne", "HTTP 500"), (None, "pas de connexion")],
)
def test_a_pad_that_cannot_be_copied_is_named_as_the_coach_registered_it(
    cli, notebook, server, pad, reason
):
    address = f"{server}{pad}" if pad else f"http://127.0.0.1:{closed_port()}/p/hebdo"
    path = added(cli, notebook, address, "Réunion du lundi")
    for args in ((path,), ("--tous",)):
        said = cli("-C", notebook, "pad", "copier", *args, code=8).stderr
        assert f"Le pad Réunion du lundi ({address}) " in said and reason in said, said
        assert "/export/txt" not in said and "Traceback" not in said
    # The address garefil derived to fetch its text is for the team: under --debug.
    debug = cli("-C", notebook, "--debug", "pad", "copier", path, code=8).stderr
    assert f"{address}/export/txt" in debug and f"Le pad Réunion du lundi ({address}) " in debug


def test_a_closed_port_is_said_in_a_separate_process_too(run_garefil, cli, notebook):
    address = f"http://127.0.0.1:{closed_port()}/p/hebdo"
    path = added(cli, notebook, address, "Hebdo")
    done = run_garefil("-C", notebook, "pad", "copier", path)
    assert done.returncode == 8 and "Traceback" not in done.stderr
    assert f"Le pad Hebdo ({address}) ne peut pas être joint (pas de connexion)" in done.stderr


def test_a_copied_pad_is_named_by_its_title_as_when_it_fails(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/hebdo", "Réunion du lundi")
    pad_id = frontmatter.load(notebook / path)["id"]
    for said in ("copié.", "rien de changé depuis la dernière copie."):
        line = cli("-C", notebook, "pad", "copier", path).stderr.strip().splitlines()[-1]
        assert "« Réunion du lundi »" in line and said in line and pad_id not in line, line


def test_a_pad_is_copied_by_its_title_typed_any_way(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/hebdo", "Réunion Hebdo")
    cli("-C", notebook, "pad", "copier", "reunion hebdo")
    assert "les permanences" in (notebook / path).read_text(encoding="utf-8")


def test_a_pad_sent_to_a_login_page_says_so_not_missing(cli, notebook, server):
    path = added(cli, notebook, f"{server}/p/redir", "Redir")
    before = (notebook / path).read_bytes()
    said = cli("-C", notebook, "pad", "copier", "redir", code=8).stderr
    assert "la page demande une connexion" in said and "/auth/login" in said
    words = said.replace(server, "")  # its port may hold « 404 » (port 40463 did)
    assert "introuvable" not in words and "404" not in words
    assert (notebook / path).read_bytes() == before


def test_a_pad_gone_says_whether_a_copy_of_it_stays_in_the_note(cli, notebook, server):
    never = added(cli, notebook, f"{server}/p/absent", "Jamais copié")
    said = cli("-C", notebook, "pad", "copier", never, code=8).stderr
    assert "jamais été copié ici" in said and "dernière copie" not in said, said
    once = added(cli, notebook, f"{server}/p/hebdo", "Copié une fois")
    cli("-C", notebook, "pad", "copier", once)
    note = notebook / once
    note.write_text(note.read_text("utf-8").replace("/p/hebdo", "/p/absent"), "utf-8")
    said = cli("-C", notebook, "pad", "copier", once, code=8).stderr
    assert "sa dernière copie reste dans la note" in said, said
