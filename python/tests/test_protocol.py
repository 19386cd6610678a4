"""The frame reader against real sockets: any split of the byte stream gives the same frames."""

import socket
import threading

import numpy as np
import pytest

from remotemedia.protocol import FrameReader, ProtocolError, decode_data, pack_frame, recv_frame


def frame_bytes(header, payload=b""):
    return b"".join(bytes(b) for b in pack_frame(header, [memoryview(payload)] if payload else []))


def feed(chunks):
    """A socket whose peer writes `chunks` one by one, then closes."""
    ours, theirs = socket.socketpair()

    def write():
        for chunk in chunks:
            theirs.sendall(chunk)
        theirs.close()

    threading.Thread(target=write, daemon=True).start()
    return ours


def stream_of_frames():
    samples = (np.arange(320, dtype="<f4") / 320).tobytes()
    frames = [
        (
            {
                "t": "process",
                "id": 1,
                "data": {
                    "k": "audio",
                    "dtype": "f32",
                    "rate": 16000,
                    "ch": 1,
                    "off": 0,
                    "len": len(samples),
                },
            },
            samples,
        ),
        ({"t": "ping", "id": 2}, b""),
        ({"t": "create", "id": 3, "params": {"note": "x" * 70_000}}, b""),  # header > buffer
        ({"t": "bytes", "id": 4}, bytes(range(256)) * 1024),  # payload > buffer
    ]
    return frames, b"".join(frame_bytes(h, p) for h, p in frames)


@pytest.mark.parametrize("chunk", [1, 7, 8, 1000, 1 << 20])
def test_frames_survive_any_split_of_the_stream(chunk):
    frames, data = stream_of_frames()
    sock = feed([data[i : i + chunk] for i in range(0, len(data), chunk)])
    reader = FrameReader(sock)
    for header, payload in frames:
        got_header, got_payload = reader.next()
        assert got_header == header
        assert bytes(got_payload) == payload
    assert reader.next() is None


def test_payload_arrays_stay_valid_after_later_frames():
    # Enough frames that the reader reuses its buffer many times over.
    def audio(i):
        samples = np.full(320, i, dtype="<f4").tobytes()
        desc = {"k": "audio", "dtype": "f32", "rate": 16000, "ch": 1, "off": 0, "len": 1280}
        return frame_bytes({"t": "process", "id": i, "data": desc}, samples)

    reader = FrameReader(feed([b"".join(audio(i) for i in range(500))]))
    kept = []
    for _ in range(500):
        header, payload = reader.next()
        kept.append(decode_data(header["data"], payload).value)
    for i, samples in enumerate(kept):
        assert np.all(samples == i)


def test_a_stream_cut_inside_a_frame_is_a_protocol_error():
    _, data = stream_of_frames()
    reader = FrameReader(feed([data[:100]]))
    with pytest.raises(ProtocolError, match="closed"):
        reader.next()


def test_recv_frame_reads_nothing_past_its_frame():
    frames, data = stream_of_frames()
    sock = feed([data])
    for header, payload in frames:
        got_header, got_payload = recv_frame(sock)
        assert (got_header, bytes(got_payload)) == (header, payload)
    assert recv_frame(sock) is None
