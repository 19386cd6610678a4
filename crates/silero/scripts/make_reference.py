"""Writes tests/fixtures/reference-{16k,8k}.txt: Silero VAD v6's speech probability for every
32 ms window of the fixtures, from the released model run by onnxruntime the way the
`silero-vad` package's OnnxWrapper streams it (onnx_reference.py).

    pip install onnxruntime numpy
    pip install --no-deps silero-vad==6.2.3
    python scripts/make_reference.py
"""

import wave
from pathlib import Path

import numpy as np
from onnx_reference import packaged_model, probabilities, session

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return pcm.astype(np.float32) / 32768.0, w.getframerate()


def main() -> None:
    run = session(packaged_model())
    for name in ("16k", "8k"):
        audio, rate = read_wav(FIXTURES / f"speech-{name}.wav")
        probs = probabilities(run, audio, rate)
        target = FIXTURES / f"reference-{name}.txt"
        target.write_text("".join(f"{p:.7f}\n" for p in probs))
        print(f"{target.name}: {len(probs)} windows")


if __name__ == "__main__":
    main()
