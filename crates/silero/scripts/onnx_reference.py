"""Silero VAD v6 run the way the `silero-vad` package's OnnxWrapper streams it, by onnxruntime
on the model the package ships: the reference our forward pass is held to.

Zero state and context at the start, the last 64 (32 at 8 kHz) samples of each window as the
next one's context, a trailing partial window dropped. The package itself imports torch, so only
its model file is used (it is installed with --no-deps; see tools/test-python.sh).

    python onnx_reference.py RATE FILE.f32 [FILE.f32 ...]

reads mono little-endian float32 files and prints a JSON object: file -> probabilities.
"""

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort


def packaged_model() -> Path:
    """silero_vad/data/silero_vad.onnx of the installed package, found without importing it."""
    spec = importlib.util.find_spec("silero_vad")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("silero-vad is not installed: run bash tools/test-python.sh")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "silero_vad.onnx"


def session(model: Path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


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


def main(rate: str, files: list[str]) -> None:
    run = session(packaged_model())
    result = {f: probabilities(run, np.fromfile(f, dtype="<f4"), int(rate)) for f in files}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
