"""Gain and peak normalization of audio frames, in numpy."""

import numpy as np

from ..errors import InvalidParamError
from ..node import MultiprocessNode
from ..registry import node
from ..runtime_data import RuntimeData


@node(
    name="PyGain",
    category="audio/effects",
    description="Multiplies every sample by a gain given in decibels; clips to [-1, 1] if asked.",
    params={
        "type": "object",
        "properties": {
            "gainDb": {"type": "number", "minimum": -120, "maximum": 60, "default": 0},
            "clip": {"type": "boolean", "default": True},
        },
    },
)
class PyGain(MultiprocessNode):
    async def initialize(self):
        gain_db = self.params["gainDb"]
        if not isinstance(gain_db, (int, float)) or not np.isfinite(gain_db):
            raise InvalidParamError(f"gainDb must be a finite number of decibels, got {gain_db!r}")
        self.factor = np.float32(10 ** (gain_db / 20))

    async def process(self, data: RuntimeData) -> RuntimeData:
        out = data.samples * self.factor
        if self.params["clip"]:
            np.clip(out, -1.0, 1.0, out=out)
        return RuntimeData.audio(out, data.sample_rate, timestamp=data.timestamp)


@node(
    name="PyNormalize",
    category="audio/effects",
    description="Scales each frame so its peak reaches targetPeak (silence passes unchanged).",
    params={
        "type": "object",
        "properties": {
            "targetPeak": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.9},
        },
    },
)
class PyNormalize(MultiprocessNode):
    async def process(self, data: RuntimeData) -> RuntimeData:
        peak = float(np.max(np.abs(data.samples))) if data.frames else 0.0
        scale = np.float32(self.params["targetPeak"] / peak) if peak > 0 else np.float32(1)
        return RuntimeData.audio(data.samples * scale, data.sample_rate, timestamp=data.timestamp)
