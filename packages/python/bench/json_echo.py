"""The common bridge: one JSON line per call over stdio, samples as base64, decoded to numpy."""

import base64
import json
import sys

import numpy as np

for line in sys.stdin:
    msg = json.loads(line)
    samples = np.frombuffer(base64.b64decode(msg["samples"]), dtype=np.float32)
    msg["samples"] = base64.b64encode(samples.tobytes()).decode()
    sys.stdout.write(json.dumps(msg) + "\n")
    sys.stdout.flush()
