"""Times pyrnnoise over 10 ms frames of a raw f32 file (48 kHz mono) the way its API is meant to be
driven (one state, process_mono_frame per frame); writes the output and prints JSON timings."""

import json
import sys
import time

import numpy as np
from pyrnnoise import rnnoise

FRAME = 480


def main(src: str, dst: str, rounds: int) -> None:
    audio = np.fromfile(src, dtype=np.float32)
    frames = [audio[i : i + FRAME] for i in range(0, len(audio) - FRAME + 1, FRAME)]
    times = []
    for _ in range(rounds):
        state = rnnoise.create()
        out = []
        start = time.perf_counter()
        for frame in frames:
            denoised, _probability = rnnoise.process_mono_frame(state, frame)
            out.append(denoised)
        times.append((time.perf_counter() - start) / len(frames))
        rnnoise.destroy(state)
    (np.concatenate(out).astype(np.float32) / 32767).tofile(dst)
    print(json.dumps({"perFrameS": sorted(times)[len(times) // 2]}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
