#!/usr/bin/env bash
# Search benchmark (issue #5): makes N demo articles in a scratch folder and runs
# sinmun_search_bench over them (sinmun vs Xapian FLAG_CJK_NGRAM vs SQLite FTS5 trigram).
#   ARTICLES=100000 ENGINES=sinmun,xapian-cjk,fts5 bench/search.sh
# (NO_BUILD=1 runs the binaries already in BUILD_DIR as they are.)
# Prints a Markdown table for docs/BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh" search-bench
BUILD_DIR=${BUILD_DIR:-build}
ARTICLES=${ARTICLES:-100000}
ENGINES=${ENGINES:-sinmun,xapian-cjk,fts5}
[ -n "${NO_BUILD:-}" ] || cmake --build "$BUILD_DIR" --target sinmun sinmun_search_bench >/dev/null
DATA="$work/data"
"$BUILD_DIR"/sinmun demo --data "$DATA" --articles "$ARTICLES"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BUILD_DIR"/bench/sinmun_search_bench --data "$DATA" --engines "$ENGINES" \
  --queries bench/search_queries.tsv --rounds "${ROUNDS:-5}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
