"""SoxrResample: streaming sample-rate conversion with libsoxr (the `soxr` package)."""

import numpy as np
import soxr

from ..errors import InvalidInputError
from ..node import MultiprocessNode
from ..registry import node
from ..runtime_data import RuntimeData

QUALITIES = {"low": "LQ", "medium": "MQ", "high": "HQ", "very-high": "VHQ"}


@node(
    name="PySoxrResample",
    category="audio/conversion",
    description="Resamples a stream to targetRate with libsoxr; flush returns the tail.",
    params={
        "type": "object",
        "properties": {
            "targetRate": {"type": "integer", "minimum": 1000, "maximum": 384000},
            "quality": {"enum": list(QUALITIES), "default": "high"},
        },
        "required": ["targetRate"],
    },
)
class PySoxrResample(MultiprocessNode):
    async def initialize(self):
        self.stream = None
        self.rate = 0
        self.channels = 0

    async def process(self, data: RuntimeData) -> RuntimeData:
        if self.stream is None:
            self.rate, self.channels = data.sample_rate, data.channels
            self.stream = soxr.ResampleStream(
                self.rate,
                self.params["targetRate"],
                self.channels,
                dtype="float32",
                quality=QUALITIES[self.params["quality"]],
            )
        elif (data.sample_rate, data.channels) != (self.rate, self.channels):
            raise InvalidInputError(
                f"stream started at {self.rate} Hz x{self.channels}, got "
                f"{data.sample_rate} Hz x{data.channels}; use one node per stream format"
            )
        out = self.stream.resample_chunk(data.samples)
        return RuntimeData.audio(out, self.params["targetRate"], self.channels, data.timestamp)

    async def flush(self):
        if self.stream is None:
            return None
        out = self.stream.resample_chunk(np.zeros((0, self.channels), dtype=np.float32), last=True)
        return RuntimeData.audio(out, self.params["targetRate"], self.channels)
