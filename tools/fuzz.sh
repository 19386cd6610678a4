#!/usr/bin/env bash
# Runs every fuzz target for a time budget: the Rust libFuzzer targets (cargo fuzz, nightly), the
# JS property tests (fast-check) and the Python ones (hypothesis), each for SECONDS.
#   bash tools/fuzz.sh [SECONDS] [--runs N] [rust|js|python|coverage ...]
# Default: 60 s, rust js python. `--runs N` runs each JS property exactly N times instead of for
# SECONDS. `coverage` prints the branch coverage the JS properties reach in each parser module
# and the line coverage of the Python hypothesis tests (a short run: 2,000 runs per property).
# Each Rust target prints its executions, coverage (cov/ft) and RSS at 1 min, peak and end; a
# crash leaves its input in fuzz/artifacts/<target>/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=60
runs=0
parts=()
while [ $# -gt 0 ]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    [0-9]*) seconds=$1; shift ;;
    rust | js | python | coverage) parts+=("$1"); shift ;;
    *) echo "unknown argument: $1 (usage: fuzz.sh [SECONDS] [--runs N] [rust|js|python|coverage ...])" >&2; exit 2 ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(rust js python)
wants() { [[ " ${parts[*]} " == *" $1 "* ]]; }

if wants rust; then
  command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
  (cd fuzz && cargo +nightly fuzz build -O)
  mkdir -p .reports
  for target in $(cd fuzz && cargo +nightly fuzz list); do
    echo "fuzz $target: ${seconds}s"
    bash tools/fuzz-target.sh "$target" "$seconds"
  done
fi

if wants js; then
  # Every *.property.test.ts, each property for SECONDS or N runs (a property runs ~300 to
  # 100,000 times a second on one core; an hour is more than 1e5 runs of the slowest).
  if [ "$runs" -gt 0 ]; then
    REMOTEMEDIA_FUZZ_RUNS=$runs npx vitest run --testTimeout=3600000 property
  else
    REMOTEMEDIA_FUZZ_SECONDS=$seconds npx vitest run --testTimeout=$((seconds * 4000 + 60000)) property
  fi
fi

if wants python; then
  bash tools/test-python.sh >/dev/null
  (cd python && REMOTEMEDIA_FUZZ_SECONDS=$seconds ../.venv/bin/pytest -q -s tests/test_fuzz.py)
fi

if wants coverage; then
  # Only what parses outside input counts: the modules the properties are about.
  REMOTEMEDIA_FUZZ_RUNS=2000 npx vitest run --testTimeout=3600000 property \
    --coverage.enabled --coverage.provider=v8 --coverage.reporter=text \
    --coverage.reportsDirectory=.reports/fuzz-coverage \
    --coverage.include=packages/core/src/manifest/load.ts \
    --coverage.include=packages/core/src/manifest/validate.ts \
    --coverage.include=packages/cli/src/config/parse-config.ts \
    --coverage.include=packages/cli/src/config/toml-lines.ts \
    --coverage.include=packages/cli/src/config/checks.ts \
    --coverage.include='packages/cli/src/config/*-table.ts' \
    --coverage.include=packages/errors/src/redact.ts \
    --coverage.include=packages/remote/src/codec.ts \
    --coverage.include=packages/remote/src/msgpack-bounds.ts \
    --coverage.include=packages/remote/src/introspection/envelope.ts \
    --coverage.include=packages/python/src/frame.ts \
    --coverage.include=packages/live/src/protocol.ts \
    --coverage.include=packages/live/src/twilio-protocol.ts \
    --coverage.include=packages/live/src/codec.ts \
    --coverage.include=packages/node-format/src/wav.ts \
    --coverage.include=packages/node-format/src/sample-format.ts
  bash tools/test-python.sh >/dev/null
  (cd python && export COVERAGE_FILE=../.reports/python.coverage &&
    ../.venv/bin/coverage run --branch --include=remotemedia/protocol.py,remotemedia/runtime_data.py \
      -m pytest -q tests/test_fuzz.py >/dev/null && ../.venv/bin/coverage report)
fi
