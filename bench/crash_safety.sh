#!/usr/bin/env bash
# The crash test of issue #15 at full length: 100 SIGKILLs of `sinmun serve` during mixed
# writes (make test runs 10). Prints each round and the summary line for docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SINMUN_CRASH_ROUNDS=${ROUNDS:-100} build/tests/integration/sinmun_integration_test \
  --gtest_filter='CrashSafetyTest.*'
