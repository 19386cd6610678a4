"""The worker entry point over a real socketpair: handshake, calls, errors, malformed frames."""

import socket
import struct
import subprocess
import sys

import numpy as np
import pytest

from remotemedia import RuntimeData
from remotemedia.protocol import VERSION, decode_data, encode_data, recv_frame, send_frame


def spawn_worker():
    """A worker process on one end of a socketpair; returns the host end and the process."""
    host, child = socket.socketpair()
    proc = subprocess.Popen(
        [sys.executable, "-m", "remotemedia.worker", "--fd", str(child.fileno())],
        pass_fds=[child.fileno()],
    )
    child.close()
    return host, proc


@pytest.fixture
def worker():
    host, proc = spawn_worker()
    host.settimeout(20)
    yield host, proc
    host.close()
    assert proc.wait(timeout=10) == 0


def call(sock, header, value=None):
    segments = []
    if value is not None:
        header["data"], _ = encode_data(value, segments)
    send_frame(sock, header, segments)
    return recv_frame(sock)


def test_handshake_lists_nodes(worker):
    sock, _ = worker
    hello, _ = recv_frame(sock)
    assert hello["t"] == "hello" and hello["v"] == VERSION
    gain = next(n for n in hello["nodes"] if n["type"] == "PyGain")
    assert gain["category"] == "audio/effects"
    assert "gainDb" in gain["params"]["properties"]


def test_audio_round_trip_and_errors(worker):
    sock, _ = worker
    recv_frame(sock)
    assert call(
        sock, {"t": "create", "id": 1, "inst": 1, "node": "PyGain", "params": {"gainDb": 20}}
    )[0] == {"t": "result", "id": 1}
    samples = np.linspace(-0.05, 0.05, 640, dtype=np.float32)
    header, payload = call(
        sock,
        {"t": "process", "id": 2, "inst": 1},
        RuntimeData.audio(samples, 16000, 2, timestamp=20.0),
    )
    out = decode_data(header["data"], payload)
    assert out.sample_rate == 16000 and out.channels == 2 and out.timestamp == 20.0
    np.testing.assert_allclose(out.samples.reshape(-1), samples * 10, rtol=1e-5)

    header, _ = call(sock, {"t": "create", "id": 3, "inst": 2, "node": "Missing"})
    assert header["code"] == "ERR_NODE_NOT_FOUND"
    header, _ = call(sock, {"t": "process", "id": 4, "inst": 1}, RuntimeData.text("x"))
    assert header["t"] == "error" and header["code"] == "ERR_INVALID_INPUT"
    header, _ = call(sock, {"t": "process", "id": 5, "inst": 99}, RuntimeData.text("x"))
    assert header["code"] == "ERR_CLOSED"


def test_malformed_header_gets_an_error_and_the_stream_stays_usable(worker):
    sock, _ = worker
    recv_frame(sock)
    junk = b"\xc1\xc1"  # 0xc1 is never valid msgpack
    sock.sendall(struct.pack(">II", len(junk), 0) + junk)
    header, _ = recv_frame(sock)
    assert header["t"] == "error" and header["code"] == "ERR_TRANSPORT"
    header, _ = call(sock, {"t": "ping", "id": 7})
    assert header == {"t": "result", "id": 7}


def test_broken_prefix_is_fatal():
    host, proc = spawn_worker()
    recv_frame(host)
    host.sendall(struct.pack(">II", 0, 0))
    header, _ = recv_frame(host)
    assert header["t"] == "fatal" and header["code"] == "ERR_TRANSPORT"
    assert proc.wait(timeout=10) == 3
    host.close()


def test_a_node_that_really_awaits_is_finished_on_the_loop():
    import asyncio

    from remotemedia import MultiprocessNode
    from remotemedia.worker.server import WorkerServer

    class Sleepy(MultiprocessNode):
        async def process(self, data):
            await asyncio.sleep(0.01)
            await asyncio.sleep(0)
            return data.value * 2

    server = WorkerServer(None, None, {})
    assert server._run(Sleepy().process(RuntimeData.json(21))) == 42
    server.loop.close()
