"""TCP ports on 127.0.0.1 for the tests' servers, safe when several test processes run at once.

The suite runs on every core (pytest-xdist), beside other suites on the same machine: a port
that was free a moment ago may be taken by another process before a server binds it. So a
server that cannot be told to listen on port 0 is started on a free port and then checked to be
the one listening there (its own socket, read from /proc), and started again on another port
when it is not; a port where nothing must listen is held by a bound socket that never listens.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

# Sockets bound and never listening: connecting to their ports is refused, and no other
# process can bind them while this test process lives.
_HELD: list[socket.socket] = []


def free_ports(count: int = 1) -> tuple[int, ...]:
    """`count` distinct TCP ports nobody listens on right now, on 127.0.0.1 (another process
    may take one before the server does)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:  # all bound at once: never the same port twice
            probe.bind(("127.0.0.1", 0))
        return tuple(probe.getsockname()[1] for probe in probes)
    finally:
        for probe in probes:
            probe.close()


def refused_port() -> int:
    """A port on 127.0.0.1 where a connection is refused, for as long as this process lives."""
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    _HELD.append(held)
    return held.getsockname()[1]


def listening_inode(port: int) -> str | None:
    """The inode of the socket listening on 127.0.0.1:`port` (or on every address), if any."""
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        address, state, inode = fields[1], fields[3], fields[9]
        host, _, hex_port = address.partition(":")
        if state == "0A" and int(hex_port, 16) == port and host in ("0100007F", "00000000"):
            return inode
    return None


def owns_socket(pid: int, inode: str) -> bool:
    """Whether process `pid` or one of its descendants (`git daemon` runs git-daemon as its
    child) holds the socket `inode` among its open files."""
    return any(f"socket:[{inode}]" in open_files(member) for member in family(pid))


def open_files(pid: int) -> list[str]:
    """What the descriptors of process `pid` point to (none once it ended)."""
    try:
        return [os.readlink(entry) for entry in Path(f"/proc/{pid}/fd").iterdir()]
    except OSError:  # ended meanwhile, or a descriptor closed while listed
        return []


def family(pid: int) -> list[int]:
    """`pid` and its descendants, read from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        except OSError:  # ended meanwhile
            continue
        if stat:
            parents[int(entry.name)] = int(stat.rpartition(")")[2].split()[1])
    members = [pid]
    for member in members:  # grows while read: children, then theirs
        members.extend(child for child, parent in parents.items() if parent == member)
    return members


def serving(process: subprocess.Popen, ports: tuple[int, ...], seconds: float = 15) -> bool:
    """Wait until `process` itself listens on every port; False if it ends or someone else
    listens there first (the port was taken meanwhile: start again on another)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        inodes = [listening_inode(port) for port in ports]
        if None not in inodes:
            return all(owns_socket(process.pid, inode) for inode in inodes)
        time.sleep(0.05)
    return False


def start_on_free_ports(
    launch: Callable[[tuple[int, ...]], subprocess.Popen],
    stop: Callable[[subprocess.Popen], None],
    count: int = 1,
    attempts: int = 5,
) -> tuple[subprocess.Popen, tuple[int, ...]] | None:
    """`launch(ports)` on `count` free ports until the server it starts is the one listening
    there; the server and its ports, or None after `attempts` (the server's log says why)."""
    for _attempt in range(attempts):
        ports = free_ports(count)
        process = launch(ports)
        if serving(process, ports):
            return process, ports
        stop(process)
    return None
