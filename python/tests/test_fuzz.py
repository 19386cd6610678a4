"""Property tests of what the worker reads from its peer: any bytes give frames or a
ProtocolError, any data descriptor gives RuntimeData or a coded error, and length claims cost
nothing until their bytes arrive. REMOTEMEDIA_FUZZ_SECONDS=N repeats each for N seconds."""

import contextlib
import functools
import math
import os
import socket
import struct
import time
import tracemalloc

import msgpack
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remotemedia.errors import InvalidInputError
from remotemedia.protocol import (
    MAX_PAYLOAD,
    FrameReader,
    ProtocolError,
    decode_data,
    encode_data,
    is_malformed,
    pack_frame,
)
from remotemedia.runtime_data import RuntimeData

FUZZ_SECONDS = float(os.environ.get("REMOTEMEDIA_FUZZ_SECONDS", "0"))
quick = settings(
    max_examples=1000 if FUZZ_SECONDS else 200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


examples: dict[str, int] = {}


def counted(body):
    """Counts the examples a property body runs (for the fuzz report)."""

    @functools.wraps(body)
    def run(*args, **kwargs):
        examples[body.__name__] = examples.get(body.__name__, 0) + 1
        return body(*args, **kwargs)

    return run


def repeat(test):
    """Runs a @given test once, or again and again for REMOTEMEDIA_FUZZ_SECONDS."""

    @functools.wraps(test)
    def run():
        test()
        end = time.monotonic() + FUZZ_SECONDS
        while time.monotonic() < end:
            test()
        if FUZZ_SECONDS:
            print(f"fuzz python {test.__name__}: {examples.get(test.__name__, 0)} examples")

    return run


def read_all(data: bytes, buffer_size: int) -> list:
    """Sends `data` and closes; reads frames until the end or a ProtocolError."""
    host, worker = socket.socketpair()
    try:
        host.sendall(data)
        host.shutdown(socket.SHUT_WR)
        reader = FrameReader(worker, buffer_size=buffer_size)
        frames = []
        while True:
            try:
                frame = reader.next()
            except ProtocolError:
                return [*frames, "protocol error"]
            if frame is None:
                return frames
            header, payload = frame
            assert isinstance(payload, memoryview)
            frames.append(("malformed", bytes(payload)) if is_malformed(header) else frame)
    finally:
        host.close()
        worker.close()


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**64 - 1)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
headers = st.dictionaries(st.text(max_size=6), json_values, max_size=4)


@repeat
@quick
@given(st.binary(max_size=2000), st.integers(8, 256))
@counted
def test_any_bytes_give_frames_or_a_protocol_error(data, buffer_size):
    read_all(data, buffer_size)


@repeat
@quick
@given(
    st.lists(st.tuples(headers, st.binary(max_size=64)), min_size=1, max_size=4),
    st.integers(8, 256),
)
@counted
def test_frames_come_back_as_sent_whatever_the_buffer(frames, buffer_size):
    data = b"".join(
        bytes(part)
        for header, payload in frames
        for part in pack_frame(header, [memoryview(payload)])
    )
    got = read_all(data, buffer_size)
    assert [(h, bytes(p)) for h, p in got] == [(h, p) for h, p in frames]


descriptors = st.recursive(
    st.fixed_dictionaries(
        {},
        optional={
            "k": st.sampled_from(["none", "json", "audio", "text", "bytes", "map", "other"]),
            "off": st.integers(-8, 80) | st.floats() | st.text(max_size=3),
            "len": st.integers(-8, 80) | st.floats() | st.none(),
            "dtype": st.sampled_from(["f32", "f64", 1]),
            "ch": st.integers(-3, 1 << 70) | st.floats(),
            "rate": st.integers(-3, 1 << 70) | st.floats(),
            "ts": json_values,
            "v": json_values,
        },
    )
    | json_values,
    lambda inner: st.fixed_dictionaries(
        {"k": st.just("map"), "v": st.dictionaries(st.text(max_size=4), inner, max_size=3) | inner}
    ),
    max_leaves=6,
)


@repeat
@quick
@given(descriptors, st.binary(max_size=64))
@counted
def test_any_descriptor_gives_data_or_a_coded_error(desc, payload):
    with contextlib.suppress(ProtocolError, InvalidInputError):
        decode_data(desc, memoryview(payload))


def test_map_descriptors_nested_past_the_limit_are_refused():
    desc = {"k": "none"}
    for _ in range(5000):
        desc = {"k": "map", "v": {"p": desc}}
    try:
        decode_data(desc, memoryview(b""))
    except ProtocolError as error:
        assert "nested deeper than 32 levels" in str(error)
    else:
        raise AssertionError("a 5000-level descriptor was accepted")


audio = st.tuples(
    st.integers(1, 4),
    st.integers(0, 16),
    st.integers(1, 384_000),
    st.none() | st.floats(allow_nan=False),
).flatmap(
    lambda a: st.tuples(
        st.lists(st.floats(width=32, allow_nan=False), min_size=a[0] * a[1], max_size=a[0] * a[1]),
        st.just(a),
    )
)
values = (
    audio.map(
        lambda s: RuntimeData.audio(np.array(s[0], dtype=np.float32), s[1][2], s[1][0], s[1][3])
    )
    | st.text(max_size=20).map(RuntimeData.text)
    | st.binary(max_size=20).map(RuntimeData.bytes)
    | json_values.map(RuntimeData.json)
)


@repeat
@quick
@given(st.dictionaries(st.text(max_size=4), values, max_size=3) | values | st.none())
@counted
def test_runtime_data_survives_the_wire(value):
    segments: list[memoryview] = []
    desc, size = encode_data(value, segments)
    payload = memoryview(b"".join(bytes(s) for s in segments))
    assert payload.nbytes == size
    back = decode_data(msgpack.unpackb(msgpack.packb(desc)), payload)

    def same(a, b):
        if isinstance(a, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if a is None or b is None:
            return a is b
        if a.kind == "audio":
            return (
                np.array_equal(a.samples, b.samples)
                and a.sample_rate == b.sample_rate
                and a.timestamp == b.timestamp
            )
        return a == b

    assert same(value, back)


@repeat
@quick
@given(
    st.lists(st.floats(width=32), max_size=12),
    st.integers(-2, 5) | st.none(),
    st.integers(-2, 48_000),
)
@counted
def test_runtime_data_audio_gives_audio_or_invalid_input(samples, channels, rate):
    try:
        data = RuntimeData.audio(np.array(samples, dtype=np.float32), rate, channels)
    except InvalidInputError:
        return
    assert data.frames * data.channels == len(samples) and data.sample_rate > 0
    assert not math.isnan(float(data.sample_rate))


def test_a_payload_claim_of_1_gib_costs_nothing_before_its_bytes():
    head = msgpack.packb({"t": "process"})
    data = struct.pack(">II", len(head), MAX_PAYLOAD) + head + b"0123456789"
    tracemalloc.start()
    try:
        assert read_all(data, 64) == ["protocol error"]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"reading a truncated 1 GiB frame allocated {peak} bytes"


def test_a_prefix_over_the_limits_is_refused_before_reading_on():
    assert read_all(struct.pack(">II", 1, 0xFFFFFFFF) + b"x", 64) == ["protocol error"]
    assert read_all(struct.pack(">II", 0xFFFFFFFF, 0), 64) == ["protocol error"]
