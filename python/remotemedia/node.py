"""MultiprocessNode: the base class of every Python node the bridge runs."""

from __future__ import annotations

from typing import Any, ClassVar

from .runtime_data import RuntimeData

Output = RuntimeData | dict[str, Any] | str | bytes | None


class MultiprocessNode:
    """Subclass it, decorate with `@node(...)`, override `process` (and `initialize`/`cleanup`).

    One instance serves one pipeline node; calls on it never overlap. `self.params` holds the
    params (schema defaults applied). A node with one input port gets a RuntimeData; with several,
    a dict keyed by port name. Return RuntimeData, a dict keyed by output port (several outputs),
    a str/bytes/JSON value (coerced), or None for "no output for this input". The methods may
    be `async def` (as here) or plain `def`.
    """

    __remotemedia_node__: ClassVar[Any] = None

    def __init__(self, params: dict[str, Any] | None = None) -> None:
        self.params: dict[str, Any] = dict(params or {})

    async def initialize(self) -> None:
        """Load models and allocate state; raising here fails `create` on the Node side."""

    async def process(self, data: Any) -> Output:
        raise NotImplementedError(f"{type(self).__name__}.process is not implemented")

    async def flush(self) -> Output:
        """End of stream: return what is still buffered."""
        return None

    async def cleanup(self) -> None:
        """Release what `initialize` acquired. Called once, also when the worker shuts down."""
