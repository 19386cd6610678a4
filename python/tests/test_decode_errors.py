"""Input the worker cannot turn into RuntimeData: an error with the code a caller can act on."""

from remotemedia import MultiprocessNode, node
from remotemedia.registry import NodeRegistry


def test_audio_the_node_could_not_take_is_invalid_input_not_a_broken_stream(serve):
    registry = NodeRegistry()

    @node(name="Echo", category="test", description="x", registry=registry)
    class Echo(MultiprocessNode):
        async def process(self, data):
            return data

    host = serve(registry)
    assert host.call({"t": "create", "inst": 1, "node": "Echo"})["t"] == "result"
    audio = {"k": "audio", "dtype": "f32", "rate": 0, "ch": 1, "off": 0, "len": 0}
    reply = host.call({"t": "process", "inst": 1, "data": audio})
    assert reply["t"] == "error" and reply["code"] == "ERR_INVALID_INPUT"
    assert "sample_rate must be positive" in reply["message"]
