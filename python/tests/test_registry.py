import asyncio

import numpy as np
import pytest

from remotemedia import InvalidParamError, MultiprocessNode, NodeRegistry, RuntimeData, node


def node_in_new_registry(name, params, category="c", description="d"):
    """A new registry and a @node decorator (with these params) that registers into it."""
    registry = NodeRegistry()
    declare = node(
        name=name, category=category, description=description, registry=registry, params=params
    )
    return registry, declare


def test_node_decorator_registers_with_metadata():
    registry, declare = node_in_new_registry(
        "Half",
        {"type": "object", "properties": {"k": {"type": "number", "default": 0.5}}},
        category="audio/effects",
        description="halves",
    )

    @declare
    class Half(MultiprocessNode):
        async def process(self, data):
            return RuntimeData.audio(data.samples * self.params["k"], data.sample_rate)

    spec = registry.get("Half")
    assert spec.cls is Half
    assert spec.metadata()["params"]["additionalProperties"] is False
    assert spec.metadata()["inputs"] == [{"name": "audio", "type": "audio"}]
    instance = spec.instantiate({})
    out = asyncio.run(instance.process(RuntimeData.audio(np.ones(4, np.float32), 16000, 2)))
    assert out.samples.shape == (2, 2)
    assert np.all(out.samples == 0.5)


def test_unknown_param_is_rejected_by_name():
    registry, declare = node_in_new_registry(
        "P", {"type": "object", "properties": {"a": {"type": "integer"}}}
    )

    @declare
    class P(MultiprocessNode):
        pass

    with pytest.raises(InvalidParamError, match="unknown param 'b'"):
        registry.get("P").instantiate({"b": 1})


def test_auto_register_false_and_duplicates():
    registry = NodeRegistry()

    @node(name="Lazy", category="c", description="d", auto_register=False, registry=registry)
    class Lazy(MultiprocessNode):
        pass

    assert "Lazy" not in registry
    registry.register(Lazy)

    @node(name="Lazy", category="c", description="other", auto_register=False)
    class Other(MultiprocessNode):
        pass

    with pytest.raises(ValueError, match="already registered"):
        registry.register(Other)
    registry.register(Other, override=True)
    assert registry.get("Lazy").cls is Other


def test_decorator_rejects_non_nodes_and_bad_ports():
    with pytest.raises(TypeError):
        node(name="X", category="c", description="d", auto_register=False)(object)
    with pytest.raises(ValueError, match="type must be one of"):
        node(name="Y", category="c", description="d", inputs=[{"name": "a", "type": "video"}])


def test_runtime_data_audio_shapes():
    data = RuntimeData.audio(np.arange(6, dtype=np.float64), 48000, channels=2)
    assert data.samples.dtype == np.float32
    assert (data.frames, data.channels) == (3, 2)
    with pytest.raises(ValueError, match="do not divide"):
        RuntimeData.audio(np.zeros(5), 48000, channels=2)
