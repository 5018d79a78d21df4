#!/usr/bin/env bash
# Issue #14, bar (d): one uncached article on an idle server, with what it costs the server.
# On a fresh copy of PAPER (a paper archive.sh made: KEEP_PAPER=…) and a freshly started
# server, SINGLE (100) articles at a stride over all ARTICLES, none asked twice, fetched one at
# a time with curl (browser User-Agent, gzip): the p50 of curl's time_total, and the server's
# CPU time (its threads', from /proc/PID/task/*/schedstat) and minor page faults over them, per
# request.
# On an idle server a miss runs on cold CPU caches, so its CPU is several times a miss's under
# load, and the wall time follows it.
# BIN_BEFORE=path measures that binary too, before BIN, each ROUNDS (2) times alternated, every
# server on its own fresh copy: an A/B in one sitting. A binary finds its templates as it
# always does (SINMUN_SHARE, else the folder above its own).
#   PAPER=/tmp/paper bench/uncached.sh
#   PAPER=/tmp/paper BIN_BEFORE=/tmp/main/build/sinmun bench/uncached.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh" uncached
: "${PAPER:?PAPER= a paper made before (bench/archive.sh with KEEP_PAPER=)}"
ARTICLES=${ARTICLES:-100000}
SINGLE=${SINGLE:-100}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18120}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

faults() { awk '{print $10}' "/proc/$1/stat"; }  # pid -> minor faults so far
# CPU time in ns of PID's threads (the scheduler's count: /proc/PID/stat's ticks are 10 ms,
# coarse against a run of 100 requests of 2 ms each).
cpu_ns() { cat /proc/"$1"/task/*/schedstat | awk '{s += $1} END {printf "%.0f\n", s}'; }

measure() {  # label binary
  local label=$1 round_paper="$work/paper-$RANDOM$RANDOM"
  cp -r "$PAPER" "$round_paper"
  sync
  BIN=$2 start_sinmun "$round_paper" "$PORT"
  sleep 1  # the start's own work (its first flush, the shared parts' reads) settles
  local ns minflt p50
  ns=$(cpu_ns "$sinmun_pid")
  minflt=$(faults "$sinmun_pid")
  p50=$(seq "$SINGLE" |
    awk -v n="$ARTICLES" -v k="$SINGLE" '{print "/article/" int($1 * n / (k + 1))}' |
    while read -r path; do
      curl -s -o /dev/null -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' \
        -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
    done | awk '{print $1 * 1000}' | median)
  printf '| %s | %.2f ms | %.3f ms | %.1f |\n' "$label" "$p50" \
    "$(echo "scale=3; ($(cpu_ns "$sinmun_pid") - $ns) / 1000000 / $SINGLE" | bc)" \
    "$(echo "scale=1; ($(faults "$sinmun_pid") - $minflt) / $SINGLE" | bc)"
  stop_sinmun
  rm -rf "$round_paper" "$round_paper".serve-*.log
}

echo "| binary | p50 of $SINGLE misses | server CPU a request | minor faults a request |"
echo "|---|---|---|---|"
for _ in $(seq "$ROUNDS"); do
  if [ -n "${BIN_BEFORE:-}" ]; then measure before "$BIN_BEFORE"; fi
  measure "$( [ -n "${BIN_BEFORE:-}" ] && echo after || echo "$BIN")" "$BIN"
done
machine
