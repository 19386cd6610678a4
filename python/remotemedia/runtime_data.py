"""RuntimeData: the one value type that flows into and out of a Python node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from .errors import InvalidInputError

Kind = Literal["audio", "text", "json", "bytes"]


@dataclass(frozen=True)
class RuntimeData:
    """Audio (float32 numpy array shaped (frames, channels)), text, a JSON value, or bytes."""

    kind: Kind
    value: Any
    sample_rate: int = 0
    timestamp: float | None = None

    @staticmethod
    def audio(
        samples: np.ndarray,
        sample_rate: int,
        channels: int | None = None,
        timestamp: float | None = None,
    ) -> RuntimeData:
        """Audio from interleaved 1-D samples (give `channels`) or a (frames, channels) array."""
        if channels is not None and channels < 1:
            raise InvalidInputError(f"channels must be at least 1, got {channels}")
        array = np.asarray(samples, dtype=np.float32)
        if array.ndim == 1:
            count = channels or 1
            if array.size % count != 0:
                raise InvalidInputError(
                    f"{array.size} interleaved samples do not divide into {count} channels"
                )
            array = array.reshape(-1, count)
        elif array.ndim != 2:
            raise InvalidInputError(f"audio must be 1-D or (frames, channels), got {array.shape}")
        elif channels is not None and array.shape[1] != channels:
            raise InvalidInputError(f"array has {array.shape[1]} channels, expected {channels}")
        if sample_rate <= 0:
            raise InvalidInputError(f"sample_rate must be positive, got {sample_rate}")
        return RuntimeData("audio", array, int(sample_rate), timestamp)

    @staticmethod
    def text(value: str) -> RuntimeData:
        return RuntimeData("text", str(value))

    @staticmethod
    def json(value: Any) -> RuntimeData:
        return RuntimeData("json", value)

    @staticmethod
    def bytes(value: bytes | bytearray | memoryview) -> RuntimeData:
        return RuntimeData("bytes", bytes(value))

    @property
    def samples(self) -> np.ndarray:
        """The (frames, channels) float32 array of an audio value."""
        self._expect("audio")
        return self.value

    @property
    def channels(self) -> int:
        self._expect("audio")
        return int(self.value.shape[1])

    @property
    def frames(self) -> int:
        self._expect("audio")
        return int(self.value.shape[0])

    def as_text(self) -> str:
        self._expect("text")
        return self.value

    def _expect(self, kind: Kind) -> None:
        if self.kind != kind:
            raise InvalidInputError(f"expected {kind} data, got {self.kind}")


def coerce(value: Any) -> RuntimeData | None:
    """What a node returned, as RuntimeData: str -> text, bytes -> bytes, anything else -> JSON."""
    if value is None or isinstance(value, RuntimeData):
        return value
    if isinstance(value, str):
        return RuntimeData.text(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return RuntimeData.bytes(value)
    return RuntimeData.json(value)
