#!/usr/bin/env bash
# Runs every fuzz target for a time budget: the Rust libFuzzer targets (cargo fuzz, nightly), the
# JS property tests (fast-check) and the Python ones (hypothesis), each for SECONDS.
#   bash tools/fuzz.sh [SECONDS] [rust|js|python ...]     (default: 60 s, all three)
# Each Rust target prints its executions and peak RSS; a crash leaves its input in
# fuzz/artifacts/<target>/ and fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(rust js python)
wants() { [[ " ${parts[*]} " == *" $1 "* ]]; }

if wants rust; then
  command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz@0.13.2
  (cd fuzz && cargo +nightly fuzz build -O)
  mkdir -p .reports
  for target in $(cd fuzz && cargo +nightly fuzz list); do
    mkdir -p "fuzz/corpus/$target"
    log=".reports/fuzz-$target.log"
    echo "fuzz $target: ${seconds}s (log: $log)"
    # New inputs go to the (ignored) working corpus; the committed seeds are only read.
    status=0
    (cd fuzz && cargo +nightly fuzz run -O "$target" "corpus/$target" "seeds/$target" -- \
      -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -malloc_limit_mb=512 \
      -print_final_stats=1) >"$log" 2>&1 || status=$?
    grep -E '^(stat::(number_of_executed_units|peak_rss_mb)|#[0-9]+[[:space:]]+DONE|SUMMARY|.*Test unit written)' \
      "$log" | sed "s/^/  /" || true
    if [ "$status" -ne 0 ]; then
      grep -m1 -A4 -E 'panicked at|ERROR: ' "$log" >&2 || true
      echo "fuzz $target failed; the input is in fuzz/artifacts/$target/" >&2
      exit 1
    fi
  done
fi

if wants js; then
  # Every *.property.test.ts, each property for SECONDS.
  REMOTEMEDIA_FUZZ_SECONDS=$seconds npx vitest run --testTimeout=$((seconds * 4000 + 60000)) property
fi

if wants python; then
  bash tools/test-python.sh >/dev/null
  (cd python && REMOTEMEDIA_FUZZ_SECONDS=$seconds ../.venv/bin/pytest -q -s tests/test_fuzz.py)
fi
