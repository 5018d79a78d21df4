#!/usr/bin/env bash
# Runs one fuzz target on its corpus: tests/fuzz/run.sh BUILD_FUZZ_DIR TARGET SECONDS [RUNS]
# The repository's corpus (tests/fuzz/corpus/TARGET) is read, never written: new inputs go
# to a temporary folder that is removed afterwards. A crash, leak, timeout (10 s for one
# input) or out-of-memory (2 GB) fails the run and leaves the input in
# BUILD_FUZZ_DIR/artifacts/TARGET-*; add it to the corpus once it is fixed.
# RUNS (optional) stops after that many executions instead of after SECONDS.
set -euo pipefail
build=$1
target=$2
seconds=$3
runs=${4:--1}
here=$(cd "$(dirname "$0")" && pwd)
binary="$build/fuzz_$target"
corpus="$here/corpus/$target"
[ -x "$binary" ] || { echo "$binary is missing: build the fuzz targets (make build)"; exit 1; }
[ -d "$corpus" ] || { echo "$corpus is missing"; exit 1; }
scratch=$(mktemp -d "${TMPDIR:-/tmp}/sinmun-fuzz-$target.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$build/artifacts"
"$binary" -max_total_time="$seconds" -runs="$runs" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" "$scratch" "$corpus"
