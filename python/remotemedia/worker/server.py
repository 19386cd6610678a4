"""The worker loop: reads request frames, runs node instances, writes one reply per request.

Requests are handled one at a time, in order; the pool on the Node side gets parallelism from
several worker processes, not from threads here.
"""

from __future__ import annotations

import asyncio
import inspect
import socket
import traceback
from typing import Any

from ..errors import InvalidInputError, error_code
from ..node import MultiprocessNode
from ..protocol import (
    VERSION,
    FrameReader,
    ProtocolError,
    decode_data,
    encode_data,
    is_malformed,
    send_frame,
)
from ..registry import NodeRegistry, NodeSpec
from ..runtime_data import coerce


class CallError(Exception):
    """A request that cannot be served; answered with an error frame carrying `code`."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class WorkerServer:
    def __init__(self, sock: socket.socket, registry: NodeRegistry, hello: dict[str, Any]) -> None:
        self.sock = sock
        self.registry = registry
        self.hello = hello
        self.loop = asyncio.new_event_loop()
        self.instances: dict[int, tuple[NodeSpec, MultiprocessNode]] = {}

    def serve(self) -> int:
        """Serves until the host closes the socket or asks to shut down; returns the exit code."""
        send_frame(self.sock, {"t": "hello", "v": VERSION, **self.hello}, [])
        reader = FrameReader(self.sock)
        try:
            while True:
                frame = reader.next()
                if frame is None:
                    return 0
                header, payload = frame
                if isinstance(header, dict) and header.get("t") == "shutdown":
                    send_frame(self.sock, {"t": "ok", "id": header.get("id")}, [])
                    return 0
                self._answer(header, payload)
        except ProtocolError as error:
            send_frame(
                self.sock, {"t": "fatal", "code": "ERR_TRANSPORT", "message": str(error)}, []
            )
            return 3
        except (BrokenPipeError, ConnectionResetError):
            return 0
        finally:
            self._cleanup_all()
            self.loop.close()

    def _run(self, coro: Any) -> Any:
        """Runs a node coroutine. Most calls never await anything truly asynchronous, so the
        first step runs inline (no event-loop round, ~20 us saved per call); a coroutine that
        does suspend is finished on the loop. A method written with plain `def` already returned
        its value."""
        if not asyncio.iscoroutine(coro):
            return self._settle(coro)
        asyncio.events._set_running_loop(self.loop)  # so the first step may use the loop
        try:
            yielded = coro.send(None)
        except StopIteration as done:
            return done.value
        finally:
            asyncio.events._set_running_loop(None)
        return self.loop.run_until_complete(_resume(coro, yielded))

    def _settle(self, value: Any) -> Any:
        """What a node method returned: awaited on the loop (`async def`), or as is (`def`)."""
        return self.loop.run_until_complete(value) if inspect.isawaitable(value) else value

    def _answer(self, header: Any, payload: memoryview) -> None:
        call_id = header.get("id") if isinstance(header, dict) else None
        try:
            if is_malformed(header):
                raise CallError("ERR_TRANSPORT", f"malformed frame: {header.reason}")
            if not isinstance(header, dict):
                raise CallError("ERR_TRANSPORT", "malformed frame: header must be a map")
            reply, segments = self._dispatch(header, payload)
            send_frame(self.sock, {"t": "result", "id": call_id, **reply}, segments)
        except CallError as error:
            self._send_error(call_id, error.code, error, with_traceback=False)
        except Exception as error:
            self._send_error(call_id, error_code(error), error, with_traceback=True)

    def _dispatch(self, header: dict[str, Any], payload: memoryview) -> tuple[dict, list]:
        kind = header.get("t")
        if kind == "ping":
            return {}, []
        if kind == "create":
            return self._create(header), []
        instance = self._instance(header)
        node = instance[1]
        if kind == "process":
            try:
                data = decode_data(header.get("data"), payload)
            except InvalidInputError:
                raise  # well-formed but unusable (e.g. rate 0): the caller's input, not the stream
            except (ProtocolError, KeyError, ValueError, TypeError) as error:
                raise CallError("ERR_TRANSPORT", f"malformed data descriptor: {error}") from None
            return self._output(instance, self._run(node.process(data)))
        if kind == "flush":
            return self._output(instance, self._run(node.flush()))
        if kind == "close":
            del self.instances[header["inst"]]
            self._settle(node.cleanup())
            return {}, []
        raise CallError("ERR_TRANSPORT", f"malformed frame: unknown request type {kind!r}")

    def _create(self, header: dict[str, Any]) -> dict[str, Any]:
        name, inst = header.get("node"), header.get("inst")
        if not isinstance(inst, int) or inst in self.instances:
            raise CallError(
                "ERR_TRANSPORT", f"create needs a new integer instance id, got {inst!r}"
            )
        if name not in self.registry:
            known = ", ".join(self.registry.names()) or "none"
            raise CallError(
                "ERR_NODE_NOT_FOUND", f"no Python node type '{name}' in this worker; known: {known}"
            )
        spec = self.registry.get(name)
        node = spec.instantiate(header.get("params") or {})
        self._settle(node.initialize())
        self.instances[inst] = (spec, node)
        return {}

    def _instance(self, header: dict[str, Any]) -> tuple[NodeSpec, MultiprocessNode]:
        found = self.instances.get(header.get("inst"))
        if found is None:
            raise CallError("ERR_CLOSED", f"no open node instance {header.get('inst')!r}")
        return found

    def _output(self, instance: tuple[NodeSpec, MultiprocessNode], value: Any) -> tuple[dict, list]:
        spec = instance[0]
        if isinstance(value, dict) and len(spec.outputs) > 1:
            value = {port: coerce(v) for port, v in value.items() if v is not None}
        else:
            value = coerce(value)
        segments: list[memoryview] = []
        desc, _ = encode_data(value, segments)
        return {"data": desc}, segments

    def _send_error(self, call_id: Any, code: str, error: Exception, with_traceback: bool) -> None:
        send_frame(
            self.sock,
            {
                "t": "error",
                "id": call_id,
                "code": code,
                "etype": type(error).__name__,
                "message": str(error),
                "traceback": traceback.format_exc() if with_traceback else "",
            },
            [],
        )

    def _cleanup_all(self) -> None:
        for _, node in list(self.instances.values()):
            try:
                self._settle(node.cleanup())
            except Exception:
                traceback.print_exc()
        self.instances.clear()


async def _resume(coro: Any, yielded: Any) -> Any:
    """Continues a coroutine that suspended outside a task, the way asyncio.Task would."""
    while True:
        if yielded is None:
            await asyncio.sleep(0)
        else:
            yielded._asyncio_future_blocking = False
            await asyncio.wait([yielded])
        try:
            yielded = coro.send(None)
        except StopIteration as done:
            return done.value
