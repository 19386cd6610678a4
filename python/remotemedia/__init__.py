"""RemoteMedia Python nodes: write a node in a few lines, run it from Node.js by name."""

from .discovery import DiscoveryResult, ImportFailure, discover_nodes
from .errors import InvalidInputError, InvalidParamError, NodeError
from .node import MultiprocessNode
from .registry import NodeRegistry, NodeSpec, default_registry, node
from .runtime_data import RuntimeData

__all__ = [
    "DiscoveryResult",
    "ImportFailure",
    "InvalidInputError",
    "InvalidParamError",
    "MultiprocessNode",
    "NodeError",
    "NodeRegistry",
    "NodeSpec",
    "RuntimeData",
    "default_registry",
    "discover_nodes",
    "node",
]

__version__ = "0.1.0"
