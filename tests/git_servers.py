"""Real git servers on 127.0.0.1 for the sharing tests: HTTPS through nginx + git http-backend
(basic authentication, certificates made here) and SSH through the system's sshd (its own
configuration, host key and port, run as the current user's account).

The servers come from Debian packages that `.ci/run` installs (nginx, fcgiwrap,
openssh-server, openssl). Without them the tests are skipped with the reason, except in CI
(CI=true), where a missing server is a failure: CI must never silently skip them.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from ports import start_on_free_ports

HTTP_BACKEND = Path("/usr/lib/git-core/git-http-backend")
TOOLS = {"nginx": "nginx", "fcgiwrap": "fcgiwrap", "sshd": "openssh-server", "openssl": "openssl"}
TOOL_FOLDERS = ("/usr/sbin", "/usr/bin", "/sbin")


def tool(name: str) -> str:
    """The path of a server binary, or skip (fail in CI) naming the Debian package to install."""
    found = shutil.which(name) or shutil.which(name, path=os.pathsep.join(TOOL_FOLDERS))
    if found and (name != "fcgiwrap" or HTTP_BACKEND.exists()):
        return found
    reason = f"{name} is missing: apt-get install {TOOLS.get(name, name)} (as .ci/run does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the real-server tests: {reason}")
    pytest.skip(reason)


def started(launch, count: int, log: Path) -> tuple[subprocess.Popen, tuple[int, ...]]:
    """`launch(ports)` on free ports, until the server is the one listening there (another
    process may take a free port first); fail with the server's log if it never is."""
    found = start_on_free_ports(launch, stop, count)
    if found is None:
        pytest.fail(f"server did not start: {log.read_text(errors='replace')[-2000:]}")
    return found


def start(command: list[str], log: Path) -> subprocess.Popen:
    """A server process in its own process group (so its workers stop with it)."""
    with log.open("ab") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by `start`, workers included."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def openssl(folder: Path, *args: str) -> None:
    subprocess.run([tool("openssl"), *args], cwd=folder, check=True, capture_output=True)


@dataclass(frozen=True)
class Certificates:
    """A test authority, and two server certificates for 127.0.0.1 signed by it."""

    authority: Path
    key: Path
    valid: Path
    expired: Path


def make_certificates(folder: Path) -> Certificates:
    """A CA, a valid certificate and one that expired in 2020 (via `openssl ca`'s dates)."""
    folder.mkdir()
    openssl(
        folder,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "30",
        "-subj",
        "/CN=garefil test authority",
    )
    openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
            "-out", "server.csr", "-subj", "/CN=127.0.0.1")  # fmt: skip
    (folder / "db").mkdir()
    (folder / "db" / "index.txt").write_text("")
    (folder / "db" / "serial").write_text("01\n")
    (folder / "ca.cnf").write_text(
        "[ca]\ndefault_ca = test\n[test]\ndatabase = db/index.txt\nnew_certs_dir = db\n"
        "serial = db/serial\ndefault_md = sha256\npolicy = any\nunique_subject = no\n"
        "x509_extensions = server\n[any]\ncommonName = supplied\n"
        "[server]\nsubjectAltName = IP:127.0.0.1\n"
    )
    for name, dates in (
        ("valid.pem", ["-days", "30"]),
        ("expired.pem", ["-startdate", "20200101000000Z", "-enddate", "20200102000000Z"]),
    ):
        openssl(folder, "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.pem", "-keyfile",
                "ca.key", "-in", "server.csr", "-out", name, *dates)  # fmt: skip
    return Certificates(folder / "ca.pem", folder / "server.key", folder / "valid.pem",
                        folder / "expired.pem")  # fmt: skip


@dataclass(frozen=True)
class HttpsServer:
    """nginx serving the bare repositories in `repositories` over HTTPS with a password."""

    repositories: Path
    url: str  # valid certificate
    expired_url: str  # same repositories, behind a certificate that expired
    authority: Path
    login: str
    password: str


NGINX_SERVER = """
  server {{
    listen 127.0.0.1:{port} ssl;
    ssl_certificate {certificate};
    ssl_certificate_key {key};
    location / {{
      auth_basic "garefil";
      auth_basic_user_file {folder}/htpasswd;
      client_max_body_size 0;
      fastcgi_pass unix:{folder}/fcgi.sock;
      fastcgi_param SCRIPT_FILENAME {backend};
      fastcgi_param GIT_PROJECT_ROOT {repositories};
      fastcgi_param GIT_HTTP_EXPORT_ALL "";
      fastcgi_param PATH_INFO $uri;
      fastcgi_param REMOTE_USER $remote_user;
      fastcgi_param QUERY_STRING $query_string;
      fastcgi_param REQUEST_METHOD $request_method;
      fastcgi_param CONTENT_TYPE $content_type;
      fastcgi_param CONTENT_LENGTH $content_length;
      fastcgi_param HTTP_GIT_PROTOCOL $http_git_protocol;
    }}
  }}
"""


def nginx_config(folder: Path, certificates: Certificates, ports: tuple[int, int]) -> str:
    """nginx.conf: two HTTPS servers (valid, expired certificate) over one git http-backend."""
    temp = {name: folder / "tmp" / name for name in ("body", "fastcgi", "proxy", "uwsgi", "scgi")}
    head = (
        ("user root;\n" if os.geteuid() == 0 else "")  # workers would otherwise be `nobody`
        + f"worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\n"
        + f"error_log {folder}/error.log;\nevents {{ worker_connections 64; }}\n"
        + "http {\n  access_log off;\n"
        + "".join(f"  {name}_temp_path {path};\n" for name, path in temp.items()).replace(
            "body_temp", "client_body_temp"
        )
    )
    servers = "".join(
        NGINX_SERVER.format(
            port=port,
            certificate=certificate,
            key=certificates.key,
            folder=folder,
            backend=HTTP_BACKEND,
            repositories=folder / "repositories",
        )  # fmt: skip
        for port, certificate in zip(ports, (certificates.valid, certificates.expired), strict=True)
    )
    return head + servers + "}\n"


def https_server(folder: Path, login: str, password: str):
    """Start fcgiwrap + nginx; yield the HttpsServer; stop both."""
    nginx, fcgiwrap = tool("nginx"), tool("fcgiwrap")
    certificates = make_certificates(folder / "certificates")
    (folder / "repositories").mkdir()
    (folder / "tmp").mkdir()
    hashed = subprocess.run([tool("openssl"), "passwd", "-apr1", "-stdin"], input=password,
                            capture_output=True, text=True, check=True).stdout.strip()  # fmt: skip
    (folder / "htpasswd").write_text(f"{login}:{hashed}\n")
    log = folder / "servers.log"
    workers = start([fcgiwrap, "-c", "4", "-s", f"unix:{folder}/fcgi.sock"], log)

    def launch(ports: tuple[int, ...]) -> subprocess.Popen:
        (folder / "nginx.conf").write_text(nginx_config(folder, certificates, ports))
        return start([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e",
                      str(folder / "error.log")], log)  # fmt: skip

    try:
        web, ports = started(launch, 2, folder / "error.log")
    except BaseException:
        stop(workers)
        raise
    try:
        yield HttpsServer(folder / "repositories", f"https://127.0.0.1:{ports[0]}",
                          f"https://127.0.0.1:{ports[1]}", certificates.authority, login,
                          password)  # fmt: skip
    finally:
        stop(web)
        stop(workers)


@dataclass(frozen=True)
class SshServer:
    """sshd accepting `key` (and not `other_key`) for the current account."""

    repositories: Path
    url: str  # ssh://user@127.0.0.1:port + a repository's absolute path
    port: int
    user: str
    host_line: str  # the line a known_hosts file holds for this server
    key: Path
    other_key: Path


def keygen(path: Path) -> Path:
    """An ed25519 key pair without passphrase at `path` (+ .pub)."""
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f",
                    str(path)], check=True, capture_output=True)  # fmt: skip
    return path


def sshd_config(folder: Path, port: int) -> str:
    """An sshd configuration of its own: port, host key, keys file, no passwords, no PAM."""
    return (
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {folder}/host_key\n"
        f"PidFile {folder}/sshd.pid\nAuthorizedKeysFile {folder}/authorized_keys\n"
        "StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "UsePAM no\nPermitRootLogin prohibit-password\n"
    )


def ssh_server(folder: Path):
    """Start sshd on a free port; yield the SshServer; stop it."""
    sshd = tool("sshd")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege-separation folder
    (folder / "repositories").mkdir(parents=True)
    host = keygen(folder / "host_key")
    key, other = keygen(folder / "client_key"), keygen(folder / "other_key")
    shutil.copy(key.with_suffix(".pub"), folder / "authorized_keys")
    log = folder / "sshd.log"

    def launch(ports: tuple[int, ...]) -> subprocess.Popen:
        (folder / "sshd_config").write_text(sshd_config(folder, ports[0]))
        return start([sshd, "-D", "-e", "-f", str(folder / "sshd_config")], log)

    daemon, (port,) = started(launch, 1, log)
    try:
        user = getpass.getuser()
        host_line = f"[127.0.0.1]:{port} {host.with_suffix('.pub').read_text().strip()}"
        yield SshServer(folder / "repositories", f"ssh://{user}@127.0.0.1:{port}", port, user,
                        host_line, key, other)  # fmt: skip
    finally:
        stop(daemon)
