"""Nodes written with plain `def` methods instead of `async def`: served the same way."""

from remotemedia import MultiprocessNode, node
from remotemedia.registry import NodeRegistry


def test_a_node_with_sync_methods_is_created_called_flushed_and_closed(serve):
    registry = NodeRegistry()
    cleaned = []

    @node(name="Counter", category="test", description="x", registry=registry)
    class Counter(MultiprocessNode):
        def initialize(self):
            self.total = 0

        def process(self, data):
            self.total += data.value
            return {"total": self.total}

        def flush(self):
            return {"final": self.total}

        def cleanup(self):
            cleaned.append(self.total)

    host = serve(registry)
    assert host.call({"t": "create", "inst": 1, "node": "Counter"})["t"] == "result"
    reply = host.call({"t": "process", "inst": 1, "data": {"k": "json", "v": 2}})
    assert reply["data"] == {"k": "json", "v": {"total": 2}}
    reply = host.call({"t": "process", "inst": 1, "data": {"k": "json", "v": 3}})
    assert reply["data"] == {"k": "json", "v": {"total": 5}}
    assert host.call({"t": "flush", "inst": 1})["data"] == {"k": "json", "v": {"final": 5}}
    assert host.call({"t": "close", "inst": 1}) == {"t": "result", "id": 5}
    assert cleaned == [5]
