#!/usr/bin/env bash
# Lints .github/workflows with actionlint, built from its Go module (pinned) into the cache folder.
set -euo pipefail
cd "$(dirname "$0")/.."
version=v1.7.12
bin="${REMOTEMEDIA_CACHE:-$HOME/.cache/remotemedia}/actionlint-$version"
if [ ! -x "$bin/actionlint" ]; then
  GOBIN="$bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$version"
fi
"$bin/actionlint" -no-color
echo "actionlint: .github/workflows clean"
