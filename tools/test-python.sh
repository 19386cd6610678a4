#!/usr/bin/env bash
# The Python side: a venv at .venv with the `remotemedia` pip package (editable) and its test
# tools, then ruff and pytest. The TS bridge tests use the same interpreter (.venv/bin/python).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ python/pyproject.toml -nt .venv/.installed ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check -e 'python[test]'
  # Only its model file is used (crates/silero/scripts/onnx_reference.py); its own code needs torch.
  .venv/bin/pip install --quiet --disable-pip-version-check --no-deps silero-vad==6.2.3
  touch .venv/.installed
fi
cd python
../.venv/bin/ruff check .
../.venv/bin/ruff format --check .
../.venv/bin/pytest -q
