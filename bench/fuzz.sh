#!/usr/bin/env bash
# The long fuzz run of issue #17: every target (or the ones named) until it has executed
# RUNS inputs (default 10 million) or spent MAX_SECONDS (default 4 hours), on the corpus kept
# in tests/fuzz/corpus. Prints one line per target: executions, seconds, executions/s, result.
# Findings are left in build/fuzz/artifacts/; fix them, then add the input to the corpus.
#   bench/fuzz.sh                      # all targets, 10 M executions each
#   RUNS=1000000 bench/fuzz.sh markdown
# Needs the fuzz targets: `make build` builds them in build/fuzz when clang++-14 is present.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}/fuzz
runs=${RUNS:-10000000}
max_seconds=${MAX_SECONDS:-14400}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(http_request query_cookie_form multipart markdown config search_query wxr)
fi
status=0
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) cores, $(uname -m); runs: $runs"
for target in "${targets[@]}"; do
  log=$(mktemp)
  start=$(date +%s)
  found=0
  if "$root/tests/fuzz/run.sh" "$build" "$target" "$max_seconds" "$runs" >"$log" 2>&1; then
    result="no finding"
  else
    result="FINDING (see $log and $build/artifacts/)"
    found=1
    status=1
  fi
  seconds=$(($(date +%s) - start))
  executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$((${executed:-0} / (seconds > 0 ? seconds : 1)))
  printf '%-18s %12s executions %7s s %8s exec/s  %s\n' "$target" "${executed:-?}" "$seconds" \
    "$rate" "$result"
  [ "$found" -eq 0 ] && rm -f "$log"
done
exit $status
