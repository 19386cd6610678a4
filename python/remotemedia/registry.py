"""NodeRegistry and the `@node` decorator that describes a node type and registers it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import InvalidParamError
from .node import MultiprocessNode

PORT_TYPES = ("audio", "json", "text", "bytes", "any")
DEFAULT_PORTS = ({"name": "audio", "type": "audio"},)
EMPTY_SCHEMA: Mapping[str, Any] = {
    "type": "object",
    "properties": {},
    "additionalProperties": False,
}

N = TypeVar("N", bound=type[MultiprocessNode])


@dataclass(frozen=True)
class NodeSpec:
    """A node type: its class and the metadata the handshake sends to Node."""

    name: str
    cls: type[MultiprocessNode]
    category: str
    description: str
    params: Mapping[str, Any] = field(default_factory=lambda: dict(EMPTY_SCHEMA))
    inputs: tuple[Mapping[str, str], ...] = DEFAULT_PORTS
    outputs: tuple[Mapping[str, str], ...] = DEFAULT_PORTS

    def metadata(self) -> dict[str, Any]:
        return {
            "type": self.name,
            "category": self.category,
            "description": self.description,
            "params": dict(self.params),
            "inputs": [dict(p) for p in self.inputs],
            "outputs": [dict(p) for p in self.outputs],
        }

    def instantiate(self, params: Mapping[str, Any]) -> MultiprocessNode:
        """A new instance with schema defaults applied; unknown params are rejected by name."""
        properties = self.params.get("properties", {})
        unknown = sorted(set(params) - set(properties))
        if unknown and self.params.get("additionalProperties") is False:
            raise InvalidParamError(
                f"{self.name}: unknown param '{unknown[0]}'; known params: "
                + (", ".join(sorted(properties)) or "none")
            )
        merged = {k: s["default"] for k, s in properties.items() if "default" in s}
        merged.update(params)
        return self.cls(merged)


class NodeRegistry:
    """Node types by name. Registering a second class under a taken name is an error."""

    def __init__(self) -> None:
        self._specs: dict[str, NodeSpec] = {}

    def register(self, cls: type[MultiprocessNode], *, override: bool = False) -> NodeSpec:
        spec = cls.__dict__.get("__remotemedia_node__")
        if not isinstance(spec, NodeSpec):
            raise TypeError(f"{cls.__qualname__} has no @node(...) metadata")
        existing = self._specs.get(spec.name)
        if existing is not None and existing.cls is not cls and not override:
            raise ValueError(
                f"node type '{spec.name}' is already registered by "
                f"{existing.cls.__module__}.{existing.cls.__qualname__}; "
                "pass override=True to replace it"
            )
        self._specs[spec.name] = spec
        return spec

    def get(self, name: str) -> NodeSpec:
        try:
            return self._specs[name]
        except KeyError:
            known = ", ".join(sorted(self._specs)) or "none"
            raise KeyError(f"unknown node type '{name}'; registered: {known}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def names(self) -> list[str]:
        return sorted(self._specs)

    def specs(self) -> list[NodeSpec]:
        return [self._specs[n] for n in self.names()]


default_registry = NodeRegistry()


def _ports(ports: Iterable[Mapping[str, str] | str], what: str) -> tuple[dict[str, str], ...]:
    out = []
    for port in ports:
        spec = {"name": port, "type": "any"} if isinstance(port, str) else dict(port)
        if spec.get("type") not in PORT_TYPES:
            raise ValueError(f"{what} port {spec.get('name')!r}: type must be one of {PORT_TYPES}")
        out.append(spec)
    if not out:
        raise ValueError(f"a node needs at least one {what} port")
    return tuple(out)


def node(
    *,
    name: str,
    category: str,
    description: str,
    params: Mapping[str, Any] | None = None,
    inputs: Iterable[Mapping[str, str] | str] = DEFAULT_PORTS,
    outputs: Iterable[Mapping[str, str] | str] = DEFAULT_PORTS,
    auto_register: bool = True,
    registry: NodeRegistry | None = None,
) -> Callable[[N], N]:
    """Describes a MultiprocessNode subclass as node type `name` and (by default) registers it.

    `params` is a JSON Schema object; `additionalProperties: false` is added when missing, so an
    unknown param is rejected by name.
    """
    schema = dict(params or EMPTY_SCHEMA)
    if schema.get("type", "object") != "object":
        raise ValueError(f"{name}: params must be a JSON Schema of type 'object'")
    schema.setdefault("type", "object")
    schema.setdefault("properties", {})
    schema.setdefault("additionalProperties", False)
    in_ports, out_ports = _ports(inputs, "input"), _ports(outputs, "output")

    def decorate(cls: N) -> N:
        if not (isinstance(cls, type) and issubclass(cls, MultiprocessNode)):
            raise TypeError(f"@node({name!r}) decorates MultiprocessNode subclasses")
        cls.__remotemedia_node__ = NodeSpec(
            name,
            cls,
            category,
            description,
            schema,
            in_ports,
            out_ports,
        )
        if auto_register:
            (registry or default_registry).register(cls)
        return cls

    return decorate
