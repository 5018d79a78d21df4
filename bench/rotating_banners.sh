#!/usr/bin/env bash
# Issue #14: what a cached article costs when its banners rotate. On a copy of a paper made by
# bench/archive.sh (PAPER=…, kept with KEEP_PAPER=…), each of the `top` and `right_1` slots gets
# two more campaigns (three each: nine choices a page); the news mix runs three times 5 s (pages
# are asked for again and recompressed, kept bodies fill their budget), then one cached article
# is asked for with wrk -t2 -c64 for DURATION, as browsers ask (gzip, a browser User-Agent).
# Prints req/s, p50, p99 and the server's CPU time a request. BIN_BEFORE=<another binary>
# measures that binary first, then BIN, on copies of the same paper, ROUNDS times.
#   PAPER=paper-100k bench/rotating_banners.sh
#   PAPER=paper-100k BIN_BEFORE=sinmun-main ROUNDS=2 bench/rotating_banners.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh" rotating-banners
: "${PAPER:?PAPER=<a paper made by bench/archive.sh (KEEP_PAPER=…)>}"
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-1}
PORT=${PORT:-18150}
export SINMUN_SHARE=${SINMUN_SHARE:-$PWD}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
cp -r "$PAPER" "$work/paper"
for copy in B C; do
  sqlite3 "$work/paper/sinmun.db" "INSERT INTO ad_campaigns (advertiser, title, slots, photo_id,
    target_url, starts_at, ends_at, weight, section_id, active, created_at, updated_at)
    SELECT advertiser || ' $copy', title || ' $copy', slots, photo_id, target_url || '?$copy',
    starts_at, ends_at, weight, section_id, 1, created_at, updated_at FROM ad_campaigns
    WHERE instr(' ' || slots || ' ', ' top ') > 0 OR instr(' ' || slots || ' ', ' right_1 ') > 0"
done
max_id=$(sqlite3 "$work/paper/sinmun.db" "SELECT MAX(id) FROM articles")
export MAX_ID=$max_id QUERIES=bench/search_queries.tsv
SECTIONS=$(sqlite3 "$work/paper/sinmun.db" "SELECT slug FROM sections" | paste -sd, -)
export SECTIONS
binaries=("$BIN")
labels=(after)
if [ -n "${BIN_BEFORE:-}" ]; then binaries=("$BIN_BEFORE" "$BIN"); labels=(before after); fi
echo "| binary | round | req/s | p50 | p99 | server CPU a request |"
echo "|---|---|---|---|---|---|"
for round in $(seq "$ROUNDS"); do
  for i in "${!binaries[@]}"; do
    BIN=${binaries[$i]}
    rm -rf "$work/served"
    cp -r "$work/paper" "$work/served"
    start_sinmun "$work/served" "$PORT"
    for _ in 1 2 3; do
      wrk -t2 -c64 -d5s -s bench/news_mix.lua "http://127.0.0.1:$PORT" >/dev/null
    done
    url="http://127.0.0.1:$PORT/article/$max_id"
    curl -fs -o /dev/null -A "$agent" -H 'Accept-Encoding: gzip' "$url"
    ticks=$(cpu_ticks "$sinmun_pid")
    wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' \
      "$url" >"$work/cached.out"
    read -r rps p50 p99 < <(wrk_stats "$work/cached.out")
    echo "| ${labels[$i]} | $round | $rps | $p50 ms | $p99 ms | $(cpu_ms_per_request "$sinmun_pid" "$ticks" "$work/cached.out") ms |"
    stop_sinmun
  done
done
echo "machine: $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
