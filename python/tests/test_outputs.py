"""What a node may return as a JSON value: numpy numbers and arrays become plain JSON, anything
else gets an error that says what is supported, and the node lives on."""

import numpy as np

from remotemedia import MultiprocessNode, node
from remotemedia.registry import NodeRegistry


def served_node(serve, result):
    registry = NodeRegistry()

    @node(name="Returns", category="test", description="x", registry=registry)
    class Returns(MultiprocessNode):
        async def process(self, data):
            return result() if data.value == "go" else {"alive": True}

    host = serve(registry)
    assert host.call({"t": "create", "inst": 1, "node": "Returns"})["t"] == "result"
    return host


def process(host, value="go"):
    return host.call({"t": "process", "inst": 1, "data": {"k": "json", "v": value}})


def test_numpy_scalars_and_arrays_in_a_json_result_become_numbers_and_lists(serve):
    host = served_node(
        serve,
        lambda: {
            "rms": np.float32(0.5),
            "count": np.int64(3),
            "voiced": np.bool_(True),
            "bins": np.arange(3, dtype=np.int16),
            "grid": np.zeros((2, 0)),
        },
    )
    reply = process(host)
    assert reply["data"] == {
        "k": "json",
        "v": {"rms": 0.5, "count": 3, "voiced": True, "bins": [0, 1, 2], "grid": [[], []]},
    }


def test_a_bare_numpy_array_result_becomes_a_json_list(serve):
    host = served_node(serve, lambda: np.linspace(0, 1, 3))
    assert process(host)["data"] == {"k": "json", "v": [0.0, 0.5, 1.0]}


def test_an_unsupported_value_gets_an_error_naming_it_and_the_node_lives_on(serve):
    host = served_node(serve, lambda: {"ids": {1, 2}})
    reply = process(host)
    assert reply["t"] == "error" and reply["code"] == "ERR_INTERNAL"
    assert "set" in reply["message"] and "JSON" in reply["message"]
    assert process(host, "again")["data"] == {"k": "json", "v": {"alive": True}}
