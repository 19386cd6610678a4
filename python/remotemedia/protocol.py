"""Wire format of the bridge (see PROTOCOL.md): length-prefixed frames, msgpack header, raw bytes.

Frame = u32 BE header length, u32 BE payload length, msgpack header, payload. Sample data is the
payload, never encoded: the header says where each value's bytes are (`off`, `len`).
"""

from __future__ import annotations

import socket
import struct
from typing import Any

import msgpack
import numpy as np

from .errors import InvalidInputError
from .runtime_data import RuntimeData

VERSION = 1
PREFIX = struct.Struct(">II")
MAX_HEADER = 1 << 20
MAX_PAYLOAD = 1 << 30
# A length prefix is a claim: the payload buffer grows with the bytes that arrive, this much
# ahead of them at most, so a prefix claiming 1 GiB costs nothing until the bytes come.
PAYLOAD_STEP = 1 << 20
# Nested "map" descriptors (ports of ports); deeper is a broken peer, not data.
MAX_DATA_DEPTH = 32


class ProtocolError(Exception):
    """The byte stream is not a valid frame sequence; the connection cannot be trusted."""


class FrameTooLarge(ValueError):
    """A frame over the limits; raised before anything is sent, so the stream stays in sync."""


def pack_frame(header: dict[str, Any], segments: list[memoryview]) -> list[Any]:
    """The buffers of one frame, ready for `sendmsg` (no copy of the segments)."""
    head = msgpack.packb(header, use_bin_type=True, default=_json_value)
    size = sum(s.nbytes for s in segments)
    # The reader treats an oversized prefix as a broken stream and closes it.
    if len(head) > MAX_HEADER:
        raise FrameTooLarge(
            f"the reply header is {len(head)} bytes, over the 1 MiB limit;"
            " return large data as bytes or audio, not as a JSON value"
        )
    if size > MAX_PAYLOAD:
        raise FrameTooLarge(f"the reply payload is {size} bytes, over the 1 GiB limit")
    return [PREFIX.pack(len(head), size) + head, *segments]


def _json_value(value: Any) -> Any:
    """What msgpack cannot pack by itself: numpy numbers and arrays (a node's `np.mean(...)`)
    become plain numbers and lists; anything else is an error that says what is supported."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(
        f"cannot send a {type(value).__name__} value: return RuntimeData, str, bytes, or JSON"
        " values (dict with str keys, list, str, int, float, bool, None, numpy numbers/arrays)"
    )


def send_frame(sock: socket.socket, header: dict[str, Any], segments: list[memoryview]) -> None:
    buffers = [memoryview(b).cast("B") for b in pack_frame(header, segments) if len(b)]
    while buffers:
        sent = sock.sendmsg(buffers)
        while buffers and sent >= buffers[0].nbytes:
            sent -= buffers[0].nbytes
            buffers.pop(0)
        if buffers and sent:
            buffers[0] = buffers[0][sent:]


class FrameReader:
    """Reads frames from a stream socket with as few `recv` calls as possible: a small frame's
    prefix, header and payload usually arrive together and cost one call (three exact reads cost
    three system calls, the largest part of a small frame's round trip)."""

    def __init__(self, sock: socket.socket, buffer_size: int = 1 << 16) -> None:
        self._sock = sock
        self._buffer = bytearray(buffer_size)
        self._start = 0  # first byte not consumed
        self._end = 0  # end of the bytes received

    def next(self) -> tuple[Any, memoryview] | None:
        """The next (header, payload), or None at a clean end of stream."""
        if not self._fill(PREFIX.size, at_frame_start=True):
            return None
        head_len, payload_len = PREFIX.unpack(self._take(PREFIX.size))
        if head_len == 0 or head_len > MAX_HEADER or payload_len > MAX_PAYLOAD:
            raise ProtocolError(
                f"bad frame prefix: header {head_len} bytes, payload {payload_len} bytes"
            )
        self._fill(head_len)
        head = self._take(head_len)
        # The payload gets its own buffer: nodes may keep arrays that view it.
        payload = self._take_payload(payload_len)
        try:
            header = msgpack.unpackb(head, raw=False)
        except Exception as error:
            return _Malformed(f"header is not msgpack: {error}"), memoryview(payload)
        return header, memoryview(payload)

    def _fill(self, size: int, at_frame_start: bool = False) -> bool:
        """Buffers at least `size` unconsumed bytes; False at a clean end before a frame."""
        if self._end - self._start >= size:
            return True
        if len(self._buffer) - self._start < size:
            self._compact(size)
        view = memoryview(self._buffer)
        while self._end - self._start < size:
            received = self._sock.recv_into(view[self._end :])
            if received == 0:
                if at_frame_start and self._end == self._start:
                    return False
                raise ProtocolError("connection closed inside a frame")
            self._end += received
        return True

    def _compact(self, size: int) -> None:
        """Moves the unconsumed bytes to the front, growing the buffer for a large header."""
        pending = self._buffer[self._start : self._end]
        if len(self._buffer) < size:
            self._buffer = bytearray(size)
        self._buffer[: len(pending)] = pending
        self._start, self._end = 0, len(pending)

    def _take(self, size: int) -> bytes:
        chunk = bytes(self._buffer[self._start : self._start + size])
        self._start += size
        return chunk

    def _take_payload(self, size: int) -> bytearray:
        """The next `size` bytes in a buffer of their own: first what is buffered, then straight
        from the socket (no second copy), growing the buffer only as bytes arrive."""
        buffered = min(size, self._end - self._start)
        target = bytearray(min(size, buffered + PAYLOAD_STEP))
        target[:buffered] = self._buffer[self._start : self._start + buffered]
        self._start += buffered
        got = buffered
        while got < size:
            if got == len(target):
                target.extend(bytes(min(size, 2 * got + PAYLOAD_STEP) - got))
            with memoryview(target) as view:
                received = self._sock.recv_into(view[got:])
            if received == 0:
                raise ProtocolError(f"connection closed after {got} of {size} payload bytes")
            got += received
        return target


def recv_frame(sock: socket.socket) -> tuple[Any, memoryview] | None:
    """One frame, reading nothing past it (the buffer never holds more than the part being
    read), for simple clients and tests; a long-lived reader keeps one FrameReader."""
    return FrameReader(sock, buffer_size=PREFIX.size).next()


class _Malformed:
    """A frame whose lengths were fine but whose header was not: the stream is still in sync."""

    def __init__(self, reason: str) -> None:
        self.reason = reason


def is_malformed(header: Any) -> bool:
    return isinstance(header, _Malformed)


def encode_data(value: Any, segments: list[memoryview], offset: int = 0) -> tuple[Any, int]:
    """The descriptor of a value (RuntimeData, dict of port -> RuntimeData, or None); appends
    its raw bytes to `segments` and returns the next free payload offset."""
    if value is None:
        return {"k": "none"}, offset
    if isinstance(value, dict):
        ports = {}
        for port, item in value.items():
            ports[port], offset = encode_data(item, segments, offset)
        return {"k": "map", "v": ports}, offset
    if not isinstance(value, RuntimeData):
        raise TypeError(f"cannot send {type(value).__name__}")
    if value.kind == "json":
        return {"k": "json", "v": value.value}, offset
    if value.kind == "audio":
        samples = np.ascontiguousarray(value.value, dtype="<f4")
        raw = memoryview(samples.reshape(-1).view(np.uint8))
        desc = {
            "k": "audio",
            "dtype": "f32",
            "rate": value.sample_rate,
            "ch": samples.shape[1],
            "off": offset,
            "len": raw.nbytes,
        }
        if value.timestamp is not None:
            desc["ts"] = value.timestamp
    else:
        raw = memoryview(value.value.encode() if value.kind == "text" else value.value)
        desc = {"k": value.kind, "off": offset, "len": raw.nbytes}
    segments.append(raw)
    return desc, offset + raw.nbytes


def decode_data(desc: Any, payload: memoryview) -> Any:
    """The inverse of `encode_data`; audio arrays are views of the payload (no copy). Any
    descriptor gives a value, InvalidInputError (well-formed but unusable, e.g. rate 0) or
    ProtocolError."""
    try:
        return _decode_data(desc, payload, 0)
    except (ProtocolError, InvalidInputError):
        raise
    except (KeyError, ValueError, TypeError, AttributeError, OverflowError) as error:
        raise ProtocolError(f"{type(error).__name__}: {error}") from None


def _decode_data(desc: Any, payload: memoryview, depth: int) -> Any:
    if not isinstance(desc, dict):
        raise ProtocolError(f"data descriptor must be a map, got {type(desc).__name__}")
    kind = desc.get("k")
    if kind == "none":
        return None
    if kind == "json":
        return RuntimeData.json(desc.get("v"))
    if kind == "map":
        ports = desc["v"]
        if not isinstance(ports, dict):
            raise ProtocolError(f"map data must hold a map of ports, got {type(ports).__name__}")
        if depth >= MAX_DATA_DEPTH:
            raise ProtocolError(f"map data nested deeper than {MAX_DATA_DEPTH} levels")
        return {port: _decode_data(d, payload, depth + 1) for port, d in ports.items()}
    off, size = int(desc["off"]), int(desc["len"])
    if off < 0 or size < 0 or off + size > payload.nbytes:
        raise ProtocolError(f"{kind} data [{off}, {off + size}) is outside the payload")
    raw = payload[off : off + size]
    if kind == "audio":
        if desc.get("dtype") != "f32" or size % 4 != 0:
            raise ProtocolError(f"audio must be f32 with a byte length divisible by 4, got {desc}")
        channels = int(desc["ch"])
        samples = np.frombuffer(raw, dtype="<f4")
        return RuntimeData.audio(samples, int(desc["rate"]), channels, desc.get("ts"))
    if kind == "text":
        return RuntimeData.text(bytes(raw).decode())
    if kind == "bytes":
        return RuntimeData.bytes(raw)
    raise ProtocolError(f"unknown data kind {kind!r}")
