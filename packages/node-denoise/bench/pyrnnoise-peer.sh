#!/usr/bin/env bash
# Installs the Python peer of denoise.bench.mjs outside the workspace: pyrnnoise (the C RNNoise
# behind ctypes, with numpy) pinned, in bench/.pyrnnoise/.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .pyrnnoise/bin/python ] || ! .pyrnnoise/bin/python -c 'import pyrnnoise' 2>/dev/null; then
  python3 -m venv .pyrnnoise
  .pyrnnoise/bin/pip install --quiet --disable-pip-version-check pyrnnoise==0.4.5
fi
