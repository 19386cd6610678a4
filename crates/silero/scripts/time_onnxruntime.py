"""Prints Silero VAD v6 on onnxruntime (one thread), the reference our engine is measured
against, as one JSON line: wall-clock microseconds per 32 ms window at 16 kHz and the process's
peak RSS.

    pip install onnxruntime numpy
    python scripts/time_onnxruntime.py silero_vad/data/silero_vad.onnx [windows]
"""

import json
import resource
import sys
import time

import numpy as np
import onnxruntime as ort


def main(model: str, windows: int) -> None:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(1)
    audio = (rng.standard_normal(512 * 64) * 0.1).astype(np.float32)
    state = np.zeros((2, 1, 128), dtype=np.float32)
    ctx = np.zeros((1, 64), dtype=np.float32)
    sr = np.array(16000, dtype=np.int64)
    start = time.perf_counter()
    for i in range(windows):
        at = (i % 64) * 512
        x = np.concatenate([ctx, audio[None, at : at + 512]], axis=1)
        _, state = session.run(None, {"input": x, "state": state, "sr": sr})
        ctx = x[:, -64:]
    us = (time.perf_counter() - start) * 1e6 / windows
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"usPerWindow": us, "rssMb": rss_mb}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3000)
