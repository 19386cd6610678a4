"""Writes model/silero_vad_v6.bin: the weights of Silero VAD v6 as little-endian f32.

Source: `silero_vad/data/silero_vad.onnx`, the model the PyPI wheel `silero-vad` 6.2.3 (MIT, see
model/LICENSE) runs by default. Its weights are constants inside the two branches of the top-level
`If` on the sample rate (then: 16 kHz, else: 8 kHz). Needs the `onnx` and `numpy` packages:

    pip download --no-deps silero-vad==6.2.3 && unzip silero_vad-6.2.3-py3-none-any.whl
    python scripts/convert_model.py silero_vad/data/silero_vad.onnx

Layout (read by src/weights.rs): the magic b"SVAD6\\0\\0\\0", then for the 16 kHz network and
then the 8 kHz one, each tensor below flattened in row-major order. The STFT basis is not stored:
it is a periodic-Hann-windowed DFT, which src/stft.rs computes with an FFT.
"""

import sys
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

TENSORS = [
    "encoder.0.reparam_conv.weight",
    "encoder.0.reparam_conv.bias",
    "encoder.1.reparam_conv.weight",
    "encoder.1.reparam_conv.bias",
    "encoder.2.reparam_conv.weight",
    "encoder.2.reparam_conv.bias",
    "encoder.3.reparam_conv.weight",
    "encoder.3.reparam_conv.bias",
    "decoder.rnn.weight_ih",
    "decoder.rnn.weight_hh",
    "decoder.rnn.bias_ih",
    "decoder.rnn.bias_hh",
    "decoder.decoder.2.weight",
    "decoder.decoder.2.bias",
]


def constants(graph: onnx.GraphProto) -> dict[str, np.ndarray]:
    """The branch's Constant nodes by their PyTorch parameter name (after `Inline_0__`)."""
    out = {}
    for node in graph.node:
        if node.op_type == "Constant" and "Inline_0__" in node.output[0]:
            name = node.output[0].split("Inline_0__")[-1]
            out[name] = numpy_helper.to_array(node.attribute[0].t)
    return out


def main(source: str) -> None:
    model = onnx.load(source)
    branch_of_rate = next(n for n in model.graph.node if n.op_type == "If").attribute
    branches = {a.name: a.g for a in branch_of_rate}
    out = Path(__file__).resolve().parent.parent / "model" / "silero_vad_v6.bin"
    with out.open("wb") as f:
        f.write(b"SVAD6\0\0\0")
        for branch in ("then_branch", "else_branch"):
            consts = constants(branches[branch])
            for name in TENSORS:
                f.write(np.ascontiguousarray(consts[name], dtype="<f4").tobytes())
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
