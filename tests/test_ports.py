"""The tests' servers on 127.0.0.1 stay theirs when several test processes run at once."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from ports import refused_port, start_on_free_ports

# A server listening on the port given as its argument, until stopped.
LISTENER = "import socket, sys, time; s = socket.create_server(('127.0.0.1', int(sys.argv[1])));"
LISTENER += " time.sleep(60)"


def stopped(process: subprocess.Popen) -> None:
    process.kill()
    process.wait(timeout=10)


def test_a_server_whose_free_port_was_taken_meanwhile_is_started_again_on_another():
    squatters: list[socket.socket] = []

    def launch(ports: tuple[int, ...]) -> subprocess.Popen:
        if not squatters:  # another process binds the free port first: the server cannot
            squatters.append(socket.create_server(("127.0.0.1", ports[0])))
            return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        return subprocess.Popen([sys.executable, "-c", LISTENER, str(ports[0])])

    found = start_on_free_ports(launch, stopped)
    assert found is not None
    server, (port,) = found
    try:
        taken = squatters[0].getsockname()[1]
        assert port != taken  # the first port answered, but not from the server started there
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass
    finally:
        stopped(server)
        squatters[0].close()


def test_a_refused_port_refuses_and_no_server_can_take_it():
    port = refused_port()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=5)
    with pytest.raises(OSError), socket.socket() as other:
        other.bind(("127.0.0.1", port))
