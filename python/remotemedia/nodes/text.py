"""Text nodes: case conversion and word statistics."""

from ..errors import InvalidInputError
from ..node import MultiprocessNode
from ..registry import node
from ..runtime_data import RuntimeData


@node(
    name="PyTextCase",
    category="text",
    description="Converts text to upper, lower or title case.",
    params={
        "type": "object",
        "properties": {"mode": {"enum": ["upper", "lower", "title"], "default": "upper"}},
    },
    inputs=[{"name": "text", "type": "text"}],
    outputs=[{"name": "text", "type": "text"}],
)
class PyTextCase(MultiprocessNode):
    async def process(self, data: RuntimeData) -> str:
        if data.kind != "text":
            raise InvalidInputError(f"PyTextCase takes text, got {data.kind}")
        return getattr(data.value, self.params["mode"])()


@node(
    name="PyWordStats",
    category="text",
    description="Counts words and characters of each text input; flush returns the totals.",
    inputs=[{"name": "text", "type": "text"}],
    outputs=[{"name": "stats", "type": "json"}],
)
class PyWordStats(MultiprocessNode):
    async def initialize(self):
        self.total_words = 0

    async def process(self, data: RuntimeData) -> dict:
        words = len(data.as_text().split())
        self.total_words += words
        return {"words": words, "chars": len(data.value)}

    async def flush(self) -> dict:
        return {"totalWords": self.total_words}
