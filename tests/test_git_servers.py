"""Sharing through real servers with authentication: git over HTTPS (nginx + git http-backend,
basic authentication, a certificate made here) and over SSH (sshd with its own host key, a key
made here). Each server starts once per session (tests/git_servers.py).

Credentials go through git's own mechanisms only, as docs/sharing.md tells a team: a credential
helper for HTTPS, ~/.ssh-style settings through core.sshCommand for SSH, the certificate's
authority in http.sslCAInfo. They are never written in the notebook: a test looks for them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import git
from git_servers import HttpsServer, SshServer, https_server, ssh_server, tool

PASSWORD = "Sesame-9f3c2a71"  # looked for in every file of the notebooks afterwards


@pytest.fixture(autouse=True)
def machine_certificates_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A coach's computer trusts only the usual authorities: certificate settings of the
    machine running the tests (GIT_SSL_CAINFO outranks http.sslCAInfo) are left out."""
    for name in ("GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "CURL_CA_BUNDLE",
                 "SSL_CERT_FILE", "SSL_CERT_DIR", "GIT_SSH_COMMAND", "GIT_SSH", "GIT_ASKPASS",
                 "SSH_ASKPASS", "SSH_AUTH_SOCK"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def https(tmp_path_factory: pytest.TempPathFactory):
    yield from https_server(tmp_path_factory.mktemp("https"), "awa", PASSWORD)


@pytest.fixture(scope="session")
def sshd(tmp_path_factory: pytest.TempPathFactory):
    yield from ssh_server(tmp_path_factory.mktemp("sshd"))


def global_config(home: Path, text: str) -> None:
    """Add `text` to the test's global git configuration (GIT_CONFIG_GLOBAL)."""
    with (home / ".gitconfig").open("a", encoding="utf-8") as config:
        config.write(text)


def shared_repository(folder: Path, name: str) -> str:
    """A fresh bare repository made with git's defaults (its HEAD names `master`)."""
    subprocess.run(["git", "init", "-q", "--bare", str(folder / name)], check=True)
    return name


def trust_and_log_in(home: Path, server: HttpsServer, password: str = PASSWORD) -> None:
    """The coach's setup for HTTPS: the authority trusted, login kept by the `store` helper."""
    global_config(home, f"[http]\n\tsslCAInfo = {server.authority}\n")
    global_config(home, "[credential]\n\thelper = store\n")
    address = server.url.replace("https://", f"https://{server.login}:{password}@")
    (home / ".git-credentials").write_text(address + "\n", encoding="utf-8")
    (home / ".git-credentials").chmod(0o600)


def ssh_setup(home: Path, server: SshServer, key: Path, known: str) -> None:
    """The coach's setup for SSH: a key, a known_hosts line and an ssh config, named by
    core.sshCommand (ssh reads the account's real home, not $HOME)."""
    folder = home / ".ssh"
    folder.mkdir(mode=0o700, exist_ok=True)
    (folder / "id_ed25519").write_bytes(key.read_bytes())
    (folder / "id_ed25519").chmod(0o600)
    (folder / "known_hosts").write_text(known + "\n", encoding="utf-8")
    (folder / "config").write_text(
        f"Host 127.0.0.1\n  Port {server.port}\n  User {server.user}\n"
        f"  IdentityFile {folder}/id_ed25519\n  IdentitiesOnly yes\n"
        f"  UserKnownHostsFile {folder}/known_hosts\n  GlobalKnownHostsFile /dev/null\n"
        "  BatchMode yes\n",
        encoding="utf-8",
    )
    global_config(home, f"[core]\n\tsshCommand = ssh -F {folder}/config\n")


def write_note(cli, folder: Path, title: str) -> str:
    out = cli("-C", folder, "new", "note", "--title", title, "--no-edit", "--body", "Texte.")
    return out.stdout.split("\t")[0]


def ids(cli, folder: Path) -> set[str]:
    return {note["id"] for note in json.loads(cli("-C", folder, "list", "--json").stdout)}


def never_written(password: str, *folders: Path) -> None:
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert password.encode() not in path.read_bytes(), path


def sharing_round_trip(cli, url: str, tmp_path: Path) -> tuple[Path, Path]:
    """Awa publishes, Karim clones, each sends a note the other receives; `remote` says url."""
    awa, karim = tmp_path / "awa", tmp_path / "karim"
    cli("init", awa, "--remote", url)
    first = write_note(cli, awa, "Envoyée par Awa")
    cli("-C", awa, "sync")
    cli("init", "--clone", url, karim)
    assert first in ids(cli, karim)
    second = write_note(cli, karim, "Réponse de Karim")
    cli("-C", karim, "sync")
    cli("-C", awa, "sync")
    assert {first, second} <= ids(cli, awa)
    assert cli("-C", karim, "remote").stdout.strip() == url
    return awa, karim


def test_https_clone_and_sync_both_ways_keep_the_password_out_of_the_notebook(
    cli, https, isolated, tmp_path
):
    trust_and_log_in(isolated, https)
    url = f"{https.url}/{shared_repository(https.repositories, tmp_path.name + '.git')}"
    awa, karim = sharing_round_trip(cli, url, tmp_path)
    never_written(PASSWORD, awa, karim)


def test_ssh_clone_and_sync_both_ways(cli, sshd, isolated, tmp_path):
    ssh_setup(isolated, sshd, sshd.key, sshd.host_line)
    name = shared_repository(sshd.repositories, tmp_path.name + ".git")
    sharing_round_trip(cli, f"{sshd.url}{sshd.repositories / name}", tmp_path)


def note_waiting(cli, notebook: Path, url: str) -> Path:
    """A coach's notebook sharing through `url`, with one note recorded but not yet shared."""
    cli("init", notebook, "--remote", url)
    made = cli("-C", notebook, "new", "note", "--title", "À garder", "--no-edit", "--body", "x")
    return notebook / made.stdout.strip().split("\t")[1]


def refused(cli, notebook: Path, note: Path, url: str) -> str:
    """`garefil sync` to `url` fails (exit 8) with one French error line and its hint, no git
    text, no secret; the note is still written and recorded. Returns what it said."""
    cli("-C", notebook, "remote", url)
    done = cli("-C", notebook, "sync", code=8)
    assert "Traceback" not in done.stderr and "fatal" not in done.stderr
    assert PASSWORD not in done.stderr + done.stdout
    assert [line.startswith("erreur") for line in done.stderr.splitlines()].count(True) == 1
    assert "À garder" in note.read_text(encoding="utf-8")
    assert "À garder" in git(notebook, "log", "-1", "--format=%s")
    return done.stderr


HTTPS_FAILURES = [
    ("wrong password", "a refusé votre identifiant et votre mot de passe", "saisissez-les"),
    ("no credentials", "aucun n'est gardé sur cet ordinateur", "assistant d'identification"),
    ("untrusted", "n'est pas digne de confiance", "interceptée"),
    ("expired", "a expiré", "renouveler"),
]


def test_https_failures_say_what_to_do_and_lose_nothing(
    cli, run_garefil, https, isolated, tmp_path
):
    name = shared_repository(https.repositories, tmp_path.name + ".git")
    note = note_waiting(cli, tmp_path / "carnet", f"{https.url}/{name}")
    everyday = (isolated / ".gitconfig").read_text(encoding="utf-8")
    for setup, said, hint in HTTPS_FAILURES:
        (isolated / ".gitconfig").write_text(everyday, encoding="utf-8")
        if setup != "untrusted":
            trust_and_log_in(isolated, https, "mauvais" if setup == "wrong password" else PASSWORD)
        if setup == "no credentials":
            (isolated / ".git-credentials").unlink()
        base = https.expired_url if setup == "expired" else https.url
        stderr = refused(cli, tmp_path / "carnet", note, f"{base}/{name}")
        assert said in stderr and hint in stderr, (setup, stderr)
    cli("-C", tmp_path / "carnet", "remote", f"{https.url}/{name}")
    done = run_garefil("-C", tmp_path / "carnet", "sync")  # as a process, fixed: all shared
    assert done.returncode == 0, done.stderr
    assert "À garder" in git(https.repositories / name, "log", "--all", "--format=%s")


def test_ssh_failures_say_what_to_do_and_lose_nothing(cli, sshd, isolated, tmp_path):
    name = shared_repository(sshd.repositories, tmp_path.name + ".git")
    url = f"{sshd.url}{sshd.repositories / name}"
    note = note_waiting(cli, tmp_path / "carnet", url)
    changed = f"[127.0.0.1]:{sshd.port} {OTHER_HOST_KEY}"  # what a man in the middle shows
    for key, known, said in [
        (sshd.other_key, sshd.host_line, "a refusé votre clé"),
        (sshd.key, "", "n'est pas encore connu de cet ordinateur"),
        (sshd.key, changed, "ne présente plus la clé"),
    ]:
        ssh_setup(isolated, sshd, key, known)
        assert said in refused(cli, tmp_path / "carnet", note, url)
    ssh_setup(isolated, sshd, sshd.key, sshd.host_line)
    cli("-C", tmp_path / "carnet", "sync")
    assert "À garder" in git(sshd.repositories / name, "log", "--all", "--format=%s")


OTHER_HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl"


@pytest.mark.parametrize("command", [("remote",), ("init", "--clone"), ("init", "--remote")])
def test_an_address_holding_a_password_is_refused_without_showing_it(cli, tmp_path, command):
    notebook = tmp_path / "carnet"
    cli("init", notebook)
    address = f"https://awa:{PASSWORD}@exemple.org/equipe.git"
    if command == ("remote",):
        done = cli("-C", notebook, "remote", address, code=5)
    else:
        done = cli(*command, address, tmp_path / "autre", code=5)
    assert "contient un mot de passe" in done.stderr and PASSWORD not in done.stderr
    never_written(PASSWORD, tmp_path)


@pytest.mark.parametrize(
    ("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)]
)
def test_a_missing_server_fails_in_ci_and_is_skipped_elsewhere(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install"):
        tool("garefil-no-such-server")
