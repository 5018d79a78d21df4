#!/usr/bin/env bash
# Issue #14: what writing the counted views costs the server, A/B. The article kind of the
# news mix alone (bench/news_mix.lua ONLY=article: browser User-Agent, gzip, ids skewed to the
# recent ones, so most requests count a view of an article the visitor has not read) on a copy
# of PAPER for each binary, BIN_BEFORE first, then BIN, back to back, ROUNDS times in turn.
# Per run: req/s and p99 of wrk -t2 -c64, the server's CPU time per request (utime + stime
# from /proc/PID/stat over the run), and from /metrics the views counted and the time the
# counters' flushes took (sinmun_counters_flush_seconds_total) per view counted, and the bytes
# the server wrote to storage (write_bytes of /proc/PID/io: the WAL, and the database at its
# checkpoints) per view counted. The copy is migrated by each binary at its start, before the
# run (WAIT_SECONDS allows for a long migration).
#   PAPER=paper-100k BIN_BEFORE=sinmun-main DURATION=20s bench/view_flush.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh" view-flush
: "${PAPER:?PAPER=<a paper made by bench/archive.sh (KEEP_PAPER=…)>}"
: "${BIN_BEFORE:?BIN_BEFORE=<the sinmun binary to compare with>}"
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18120}
export WAIT_SECONDS=${WAIT_SECONDS:-300}
base="http://127.0.0.1:$PORT"
export SINMUN_SHARE=${SINMUN_SHARE:-$PWD}
ticks=$(getconf CLK_TCK)
MAX_ID=$(sqlite3 "$PAPER/sinmun.db" "SELECT MAX(id) FROM articles")
export MAX_ID ONLY=article

metric() {  # name -> its value (the sum of its samples)
  curl -fs "$base/metrics" | awk -v name="$1" '$1 == name || index($1, name "{") == 1 {s += $2}
    END {printf "%.6f\n", s}'
}
written() { awk '$1 == "write_bytes:" {print $2}' "/proc/$1/io"; }  # pid

run() {  # label binary
  local label=$1 out="$work/$1.out" cpu0 cpu1 views0 views1 flush0 flush1 bytes0 bytes1
  rm -rf "$work/paper"
  cp -r "$PAPER" "$work/paper"
  BIN=$2 start_sinmun "$work/paper" "$PORT"
  sleep 6  # a first flush after the start (the rankings' load) stays out of the run
  cpu0=$(cpu_ticks "$sinmun_pid")
  views0=$(metric sinmun_views_counted_total)
  flush0=$(metric sinmun_counters_flush_seconds_total)
  bytes0=$(written "$sinmun_pid")
  wrk -t2 -c64 -d"$DURATION" --latency -s bench/news_mix.lua "$base" >"$out"
  sleep 6  # the views of the run's last seconds are flushed too
  cpu1=$(cpu_ticks "$sinmun_pid")
  views1=$(metric sinmun_views_counted_total)
  flush1=$(metric sinmun_counters_flush_seconds_total)
  bytes1=$(written "$sinmun_pid")
  local requests views
  requests=$(awk '/requests in/ {print $1}' "$out")
  views=$(echo "$views1 - $views0" | bc)
  read -r rps _ p99 < <(wrk_stats "$out")
  printf '| %s | %.0f | %.1f ms | %.3f ms | %.0f | %.1f us | %.0f B |\n' "$label" "$rps" "$p99" \
    "$(echo "scale=5; ($cpu1 - $cpu0) * 1000 / $ticks / $requests" | bc)" "$views" \
    "$(echo "scale=3; ($flush1 - $flush0) * 1000000 / ($views + 0.001)" | bc)" \
    "$(echo "scale=1; ($bytes1 - $bytes0) / ($views + 0.001)" | bc)"
  stop_sinmun
}

echo "| binary | req/s | p99 | server CPU per request | views counted | flush time per view | bytes written per view |"
echo "|---|---|---|---|---|---|---|"
for _ in $(seq "$ROUNDS"); do
  run "${BEFORE_LABEL:-before}" "$BIN_BEFORE"
  run "${AFTER_LABEL:-after}" "$BIN"
done
machine
