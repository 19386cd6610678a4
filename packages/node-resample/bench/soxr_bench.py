"""soxr (libsoxr) on the cases of resample.bench.mjs; prints one JSON line per measurement."""
import json
import sys
import time

import numpy as np
import soxr


def median_secs(runs, fn):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[runs // 2]


def tone(rate, seconds, channels):
    t = np.arange(rate * seconds) / rate
    mono = (0.5 * np.sin(2 * np.pi * 1000 * t)).astype(np.float32)
    return np.repeat(mono[:, None], channels, axis=1) if channels > 1 else mono


def main():
    for case, src, dst, channels in json.loads(sys.argv[1]):
        x = tone(src, 60, channels)
        for quality in ("HQ", "VHQ"):
            y = soxr.resample(x, src, dst, quality=quality)
            secs = median_secs(5, lambda: soxr.resample(x, src, dst, quality=quality))
            assert abs(len(y) - len(x) * dst / src) <= 1, f"soxr: {len(y)} frames"
            print(json.dumps({"case": case, "name": f"soxr {quality} (Python)", "seconds": secs}))
    frame = tone(48000, 0.02, 2)
    stream = soxr.ResampleStream(48000, 16000, 2, dtype="float32", quality="HQ")
    calls = 5000
    secs = median_secs(5, lambda: [stream.resample_chunk(frame) for _ in range(calls)]) / calls
    print(json.dumps({"case": "20 ms frames 48k->16k stereo", "name": "soxr HQ stream (Python)", "seconds": secs}))


main()
