"""A WorkerServer on a thread of the test process, over a real socketpair."""

import socket
import threading

import pytest

from remotemedia.protocol import recv_frame, send_frame
from remotemedia.worker.server import WorkerServer


class Served:
    """The host end: `call` sends one request and returns the reply header."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.next_id = 1

    def call(self, header: dict) -> dict:
        header = {**header, "id": self.next_id}
        self.next_id += 1
        send_frame(self.sock, header, [])
        reply, _ = recv_frame(self.sock)
        assert reply["id"] == header["id"]
        return reply


@pytest.fixture
def serve():
    started = []

    def start(registry) -> Served:
        host, worker = socket.socketpair()
        host.settimeout(20)
        thread = threading.Thread(target=WorkerServer(worker, registry, {}).serve, daemon=True)
        thread.start()
        started.append((host, worker, thread))
        assert recv_frame(host)[0]["t"] == "hello"
        return Served(host)

    yield start
    for host, worker, thread in started:
        host.close()
        thread.join(timeout=10)
        worker.close()
