#!/usr/bin/env bash
# One entry point for people and CI: makes sure Node >= 22.12 is first on PATH, installs the
# workspace when needed, then runs an npm script.   bash tools/dev.sh <script> [args...]
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=tools/node-env.sh
. tools/node-env.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # shellcheck source=tools/install-deps.sh
  . tools/install-deps.sh
fi
exec npm run "$@"
