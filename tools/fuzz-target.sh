#!/usr/bin/env bash
# Runs one built Rust fuzz target for SECONDS and samples its resident memory every INTERVAL
# seconds, so a leak or an unbounded cache shows as a rising line rather than a late OOM.
#   bash tools/fuzz-target.sh TARGET SECONDS [INTERVAL]     (after `cargo +nightly fuzz build -O`)
# FUZZ_TARGET_DIR names another build's target folder, e.g. one built `-s none --target-dir DIR`:
# without ASan a slow target (vad_silero) runs several times as many inputs in the same time.
# Prints the executions, libFuzzer's coverage (cov: edges, ft: features) and RSS start/peak/end;
# the full libFuzzer log is .reports/fuzz-TARGET.log and the samples .reports/fuzz-TARGET.rss.
# Exits non-zero when the target fails (its input is then in fuzz/artifacts/TARGET/).
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1
seconds=$2
interval=${3:-10}
binary=$(realpath -m "${FUZZ_TARGET_DIR:-fuzz/target}")/x86_64-unknown-linux-gnu/release/$target
[ -x "$binary" ] || {
  echo "no $binary: build with (cd fuzz && cargo +nightly fuzz build -O)" >&2
  exit 2
}
mkdir -p .reports "fuzz/corpus/$target" "fuzz/artifacts/$target"
log=.reports/fuzz-$target.log
samples=.reports/fuzz-$target.rss
# New inputs go to the (ignored) working corpus; the committed seeds are only read.
(cd fuzz && exec "$binary" "corpus/$target" "seeds/$target" \
  -artifact_prefix="artifacts/$target/" -max_total_time="$seconds" -timeout=20 \
  -rss_limit_mb=2048 -malloc_limit_mb=512 -print_final_stats=1) >"$log" 2>&1 &
pid=$!
start=$SECONDS
: >"$samples"
while kill -0 "$pid" 2>/dev/null; do
  rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || true)
  [ -z "$rss" ] || echo "$((SECONDS - start)) $rss" >>"$samples"
  sleep "$interval"
done
status=0
wait "$pid" || status=$?

# The last status line carries the final cov/ft; the stats lines the executions and peak RSS.
last=$(grep -E '^#[0-9]+[[:space:]]' "$log" | tail -1 || true)
cov=$(sed -nE 's/.*cov: ([0-9]+).*/\1/p' <<<"$last")
ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
execs=$(sed -nE 's/^stat::number_of_executed_units:[[:space:]]+([0-9]+)/\1/p' "$log")
peak=$(sed -nE 's/^stat::peak_rss_mb:[[:space:]]+([0-9]+)/\1/p' "$log")
# "Start" is one minute in (or halfway through a shorter run): by then the seeds are loaded and
# ASan's quarantine of freed memory (256 MB) has filled, so a rise after it is the target's own.
settled=$((seconds < 120 ? seconds / 2 : 60))
read -r first end < <(awk -v at="$settled" '$1 >= at && f == "" { f = $2 } { l = $2 }
  END { print f + 0, l + 0 }' "$samples")
echo "  $target: ${execs:-?} executions in ${seconds}s, cov ${cov:-?}, ft ${ft:-?}," \
  "RSS ${first} MB at ${settled}s, ${peak:-?} MB peak, ${end} MB at end (samples: $samples)"
if [ "$status" -ne 0 ]; then
  grep -m1 -A6 -E 'panicked at|ERROR: ' "$log" >&2 || true
  echo "fuzz $target failed; the input is in fuzz/artifacts/$target/" >&2
fi
exit "$status"
