#!/usr/bin/env bash
# Issue #14: what each kind of request of the news mix costs (bench/news_mix.lua). On a paper
# bench/archive.sh made before (PAPER=…, kept with KEEP_PAPER=…), copied for each server: the
# whole mix for WARM, measured, then each kind alone (ONLY=article, front, section,
# most_viewed, search) for DURATION each, with wrk -t2 -c64 as archive.sh runs it.
# Per load: req/s, p99, the page cache's hit share (from /metrics) and the server's CPU time
# per request (utime + stime from /proc/PID/stat over the run, divided by wrk's requests),
# which a loaded machine moves less than req/s; after the mix, the page cache's entries and
# bytes (from /metrics). Last, "cached": one article asked for again and again (the middle id,
# as archive.sh's (c)), what a cached hit costs.
# With BIN_BEFORE=<another sinmun binary>, that binary is measured first on its own copy of
# the paper, then BIN, back to back: an A/B in one run (rows labelled BEFORE_LABEL and
# AFTER_LABEL, "before" and "after" unless set). Both are given this checkout's
# templates (SINMUN_SHARE), so a binary copied out of its build folder still finds them.
#   PAPER=paper-100k bench/news_mix_kinds.sh
#   PAPER=paper-100k BIN_BEFORE=sinmun-main DURATION=10s bench/news_mix_kinds.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh" news-mix-kinds
: "${PAPER:?PAPER=<a paper made by bench/archive.sh (KEEP_PAPER=…)>}"
DURATION=${DURATION:-10s}
WARM=${WARM:-10s}
PORT=${PORT:-18110}
base="http://127.0.0.1:$PORT"
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
export SINMUN_SHARE=${SINMUN_SHARE:-$PWD}
ticks=$(getconf CLK_TCK)
max_id=$(sqlite3 "$PAPER/sinmun.db" "SELECT MAX(id) FROM articles")
export MAX_ID=$max_id QUERIES=bench/search_queries.tsv
SECTIONS=$(sqlite3 "$PAPER/sinmun.db" "SELECT s.slug FROM sections s JOIN articles a
  ON a.section_id = s.id WHERE a.status = 'published' GROUP BY s.id ORDER BY COUNT(*) DESC" |
  paste -sd, -)
export SECTIONS

# One load (ONLY=kind, or the whole mix for "mix") for a duration: a table row.
measure() {  # label kind duration
  local label=$1 kind=$2 duration=$3 cpu0 cpu1 hits0 misses0 hits1 misses1 requests
  local out="$work/$label-$kind.out"
  cpu0=$(cpu_ticks "$sinmun_pid")
  read -r hits0 misses0 < <(page_cache_lookups "$base")
  if [ "$kind" = cached ]; then
    wrk -t2 -c64 -d"$duration" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' \
      "$base/article/$((max_id / 2))" >"$out"
  else
    ONLY=$([ "$kind" = mix ] && echo "" || echo "$kind") \
      wrk -t2 -c64 -d"$duration" --latency -s bench/news_mix.lua "$base" >"$out"
  fi
  cpu1=$(cpu_ticks "$sinmun_pid")
  read -r hits1 misses1 < <(page_cache_lookups "$base")
  requests=$(awk '/requests in/ {print $1}' "$out")
  read -r rps _ p99 < <(wrk_stats "$out")
  printf '| %s | %s | %.0f | %.1f ms | %s | %.2f ms |\n' "$label" "$kind" "$rps" "$p99" \
    "$(echo "scale=2; ($hits1 - $hits0) / ($hits1 - $hits0 + $misses1 - $misses0 + 0.001)" | bc)" \
    "$(echo "scale=4; ($cpu1 - $cpu0) * 1000 / $ticks / $requests" | bc)"
}
# What the page cache holds after the mix: entries, bytes and bytes per entry (issue #14).
page_cache_row() {  # label
  curl -fs "$base/metrics" | awk -v label="$1" '$1 == "sinmun_page_cache_entries" {e = $2}
    $1 == "sinmun_page_cache_bytes" {b = $2}
    END {printf "| %s | page cache after the mix | %d entries | %.1f MB | %.1f KB an entry | |\n",
      label, e, b / 1048576, (e > 0 ? b / e / 1024 : 0)}'
}
run_binary() {  # label binary
  cp -r "$PAPER" "$work/paper-$1"
  BIN=$2 start_sinmun "$work/paper-$1" "$PORT"
  measure "$1" mix "$WARM"
  page_cache_row "$1"
  for kind in article front section most_viewed search cached; do
    measure "$1" "$kind" "$DURATION"
  done
  echo "| $1 | anonymous memory after | $(rss_mb "$sinmun_pid" | cut -d' ' -f2) MB | | | |"
  stop_sinmun
  rm -rf "$work/paper-$1"
}

echo "| binary | load | req/s | p99 | cache hits | server CPU per request |"
echo "|---|---|---|---|---|---|"
[ -n "${BIN_BEFORE:-}" ] && run_binary "${BEFORE_LABEL:-before}" "$BIN_BEFORE"
run_binary "${AFTER_LABEL:-after}" "$BIN"
machine
