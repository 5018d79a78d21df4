#!/usr/bin/env bash
# Issue #4's HTTP bar: article-page req/s with view counting on >= 0.95 x with it off, side by
# side in one run. One demo paper, two data folders that differ only in
# `[counters] count_views`; each server runs alone while wrk (the Lua script sends a new
# visitor cookie and a browser user agent with every request, so every request counts) hits
# one cached article page. Off and on alternate ROUNDS times; the medians are compared.
#   bench/counting.sh
#   ARTICLES=20000 DURATION=10s ROUNDS=3 bench/counting.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/sinmun}
ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18090}
work=$(mktemp -d /tmp/sinmun-counting.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$BIN" demo --data "$work/on" --articles "$ARTICLES" --seed 7 >/dev/null
"$BIN" reindex --data "$work/on" >/dev/null
cp -r "$work/on" "$work/off"
printf '[counters]\ncount_views = true\n' >"$work/on/sinmun.toml"
printf '[counters]\ncount_views = false\n' >"$work/off/sinmun.toml"
id=$(( ARTICLES / 2 ))

run() {  # mode -> req/s
  "$BIN" serve --data "$work/$1" --listen "127.0.0.1:$PORT" >"$work/serve-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
  ARTICLE_PATH="/article/$id" wrk -t2 -c64 -d"$DURATION" -s bench/counting_article.lua \
    "http://127.0.0.1:$PORT" >"$work/wrk-$1.out"
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  awk '/^Requests\/sec/ {print $2}' "$work/wrk-$1.out"
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

off=(); on=()
for round in $(seq "$ROUNDS"); do
  off+=("$(run off)")
  on+=("$(run on)")
  echo "round $round: off ${off[-1]} req/s, on ${on[-1]} req/s"
done
# Views the "on" server wrote at its last stop, read back through the API.
"$BIN" serve --data "$work/on" --listen "127.0.0.1:$PORT" >"$work/serve-check.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.1; done
counted=$(curl -fs "http://127.0.0.1:$PORT/api/v1/most-viewed?window=24h&limit=1")
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

off_median=$(printf '%s\n' "${off[@]}" | median)
on_median=$(printf '%s\n' "${on[@]}" | median)
echo
echo "| counting | req/s (median of $ROUNDS × $DURATION) |"
echo "|---|---|"
printf '| off | %.0f |\n| on | %.0f |\n' "$off_median" "$on_median"
echo "ratio on/off: $(echo "scale=3; $on_median / $off_median" | bc) (bar: >= 0.95)"
echo "stored 24h ranking after the runs: $counted"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u)"
