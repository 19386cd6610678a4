"""Replies over the frame limits: an error reply instead of a frame the host must reject."""

import pytest

from remotemedia import MultiprocessNode, node
from remotemedia.protocol import MAX_HEADER, FrameTooLarge, pack_frame
from remotemedia.registry import NodeRegistry


def test_pack_frame_refuses_a_header_over_the_limit():
    with pytest.raises(FrameTooLarge, match="1 MiB"):
        pack_frame({"t": "result", "data": {"k": "json", "v": "x" * MAX_HEADER}}, [])


def test_a_node_returning_json_over_the_header_limit_gets_an_error_and_lives_on(serve):
    registry = NodeRegistry()

    @node(name="Huge", category="test", description="x", registry=registry)
    class Huge(MultiprocessNode):
        async def process(self, data):
            return {"blob": "x" * (2 << 20)} if data.value == "big" else {"ok": True}

    host = serve(registry)
    assert host.call({"t": "create", "inst": 1, "node": "Huge"})["t"] == "result"
    reply = host.call({"t": "process", "inst": 1, "data": {"k": "json", "v": "big"}})
    assert reply["t"] == "error" and reply["code"] == "ERR_INTERNAL"
    assert reply["etype"] == "FrameTooLarge" and "1 MiB" in reply["message"]
    reply = host.call({"t": "process", "inst": 1, "data": {"k": "json", "v": "small"}})
    assert reply["data"] == {"k": "json", "v": {"ok": True}}
