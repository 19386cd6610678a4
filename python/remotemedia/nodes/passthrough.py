"""PassThrough: returns its input unchanged (bridge tests and the round-trip benchmark)."""

from ..node import MultiprocessNode
from ..registry import node


@node(
    name="PassThrough",
    category="utility",
    description="Returns every input unchanged.",
    inputs=[{"name": "in", "type": "any"}],
    outputs=[{"name": "out", "type": "any"}],
)
class PassThrough(MultiprocessNode):
    async def process(self, data):
        return data
