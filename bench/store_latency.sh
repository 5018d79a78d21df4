#!/usr/bin/env bash
# Issue #8: the uncached article page on the PostgreSQL store vs the SQLite store. One demo
# paper is made on SQLite, copied into a private PostgreSQL 15 with `sinmun migrate` (the same
# rows, ids and search index), and each store is served in turn with the page cache off
# (page_cache_seconds = 0) and view counting off, so that every request reads the store.
# wrk asks for random articles: first with one connection (the latency of one reader), then
# with 16 (what two cores give).
#   bench/store_latency.sh
#   ARTICLES=5000 DURATION=5s bench/store_latency.sh   (a quicker look)
set -euo pipefail
source "$(dirname "$0")/lib.sh" store-bench
ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-15s}
PORT=${PORT:-18090}
bench_on_exit 'tests/support/postgres-service.sh stop "$work/postgres" >/dev/null'

tests/support/postgres-service.sh start "$work/postgres"
postgres_url=$(cat "$work/postgres/postgres.url")
"$BIN" demo --data "$work/sqlite" --articles "$ARTICLES" --seed 7 >/dev/null
"$BIN" reindex --data "$work/sqlite" >/dev/null
"$BIN" migrate --from "sqlite:$work/sqlite" --to "$postgres_url" | tail -n 1
cp -r "$work/sqlite" "$work/postgres-paper"
rm -f "$work/postgres-paper"/sinmun.db*
config='[server]
page_cache_seconds = 0
[counters]
count_views = false'
printf '%s\n' "$config" >"$work/sqlite/sinmun.toml"
cat >"$work/postgres-paper/sinmun.toml" <<TOML
[server]
page_cache_seconds = 0
store = "$postgres_url"
[counters]
count_views = false
TOML

echo "articles: $ARTICLES, wrk over random ids, page cache off, $DURATION per run"
printf '%-10s %-6s %10s %9s %9s\n' store conns req/s p50_ms p99_ms
for store in sqlite postgres-paper; do
  start_sinmun "$work/$store" "$PORT"
  # Warm both the OS cache and PostgreSQL's shared buffers the same way before measuring.
  MAX_ID=$ARTICLES wrk -t1 -c4 -d5s -s bench/random_article.lua "http://127.0.0.1:$PORT" >/dev/null
  for conns in 1 16; do
    threads=$(( conns < 2 ? 1 : 2 ))
    MAX_ID=$ARTICLES wrk -t"$threads" -c"$conns" -d"$DURATION" --latency \
      -s bench/random_article.lua "http://127.0.0.1:$PORT" >"$work/wrk.txt"
    read -r rps p50 p99 <<<"$(wrk_stats "$work/wrk.txt")"
    printf '%-10s %-6s %10s %9s %9s\n' "${store%-paper}" "$conns" "$rps" "$p50" "$p99"
  done
  stop_sinmun
done
