"""EnergyVAD: speech/silence decisions from frame RMS energy with hangover, in numpy."""

import numpy as np

from ..node import MultiprocessNode
from ..registry import node
from ..runtime_data import RuntimeData


@node(
    name="PyEnergyVAD",
    category="audio/analysis",
    description="Marks a frame as speech when its RMS level is above thresholdDb; stays in speech "
    "for hangoverFrames quiet frames.",
    params={
        "type": "object",
        "properties": {
            "thresholdDb": {"type": "number", "maximum": 0, "default": -40},
            "hangoverFrames": {"type": "integer", "minimum": 0, "default": 5},
        },
    },
    outputs=[{"name": "decision", "type": "json"}],
)
class PyEnergyVAD(MultiprocessNode):
    async def initialize(self):
        self.quiet_run = self.params["hangoverFrames"] + 1

    async def process(self, data: RuntimeData):
        samples = data.samples.astype(np.float64)
        rms = float(np.sqrt(np.mean(samples**2))) if samples.size else 0.0
        level_db = 20 * np.log10(rms) if rms > 0 else -200.0
        loud = level_db >= self.params["thresholdDb"]
        self.quiet_run = 0 if loud else self.quiet_run + 1
        return {
            "speech": self.quiet_run <= self.params["hangoverFrames"],
            "levelDb": round(level_db, 2),
            "timestamp": data.timestamp,
        }
