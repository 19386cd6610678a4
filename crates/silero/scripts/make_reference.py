"""Writes tests/fixtures/reference-{16k,8k}.txt: Silero VAD v6's speech probability for every
32 ms window of the fixtures, from the released model run by onnxruntime, the way the
`silero-vad` package's OnnxWrapper streams it (zero state and context at the start, the last 64
or 32 samples of each window as the next one's context, a trailing partial window dropped).

    pip install onnxruntime numpy
    pip download --no-deps silero-vad==6.2.3 && unzip silero_vad-6.2.3-py3-none-any.whl
    python scripts/make_reference.py silero_vad/data/silero_vad.onnx
"""

import sys
import wave
from pathlib import Path

import numpy as np
import onnxruntime as ort

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path)) as w:
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return pcm.astype(np.float32) / 32768.0, w.getframerate()


def probabilities(session: ort.InferenceSession, audio: np.ndarray, rate: int) -> list[float]:
    window, context = (512, 64) if rate == 16000 else (256, 32)
    state = np.zeros((2, 1, 128), dtype=np.float32)
    ctx = np.zeros((1, context), dtype=np.float32)
    out = []
    for start in range(0, len(audio) - window + 1, window):
        x = np.concatenate([ctx, audio[None, start : start + window]], axis=1)
        prob, state = session.run(
            None, {"input": x, "state": state, "sr": np.array(rate, dtype=np.int64)}
        )
        ctx = x[:, -context:]
        out.append(float(prob[0, 0]))
    return out


def main(model: str) -> None:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    for name in ("16k", "8k"):
        audio, rate = read_wav(FIXTURES / f"speech-{name}.wav")
        probs = probabilities(session, audio, rate)
        target = FIXTURES / f"reference-{name}.txt"
        target.write_text("".join(f"{p:.7f}\n" for p in probs))
        print(f"{target.name}: {len(probs)} windows")


if __name__ == "__main__":
    main(sys.argv[1])
