#!/usr/bin/env bash
# Issue #14: what an article miss costs, as instructions counted by callgrind rather than as
# time, so that this shared machine's drift (a fifth of wrk's req/s within a minute) does not
# move it. `sinmun serve` runs under `valgrind --tool=callgrind` on a copy of PAPER (or on a
# new demo paper of ARTICLES, 20,000, reindexed). After three warm requests its counts are
# zeroed; then N (300) random article ids of a fixed draw (SEED, 42) are asked one at a time,
# with a browser User-Agent and Accept-Encoding: gzip, and the script prints the instructions
# of the request path (Connection::Parse, inclusive) in all and per request.
#   bench/miss_instructions.sh                                   (make bench)
#   PAPER=/tmp/paper bench/miss_instructions.sh                  (a paper archive.sh kept)
#   BIN=/tmp/old/sinmun SHARE=/tmp/old-tree PAPER=/tmp/paper bench/miss_instructions.sh
#                          (another build, with the templates of its own tree, on the same draw)
set -euo pipefail
source "$(dirname "$0")/lib.sh" instructions
ARTICLES=${ARTICLES:-20000}
N=${N:-300}
SEED=${SEED:-42}
PORT=${PORT:-18120}
base="http://127.0.0.1:$PORT"
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

if [ -n "${PAPER:-}" ]; then
  cp -r "$PAPER" "$work/paper"
  ARTICLES=$(sqlite3 "$work/paper/sinmun.db" "SELECT MAX(id) FROM articles")
else
  make_paper "$work/paper" "$ARTICLES"
fi
share=()
[ -n "${SHARE:-}" ] && share=(--share "$SHARE")
out="$work/callgrind.out"
bench_spawn valgrind --tool=callgrind --callgrind-out-file="$out" "$BIN" serve "${share[@]}" \
  --data "$work/paper" --listen "127.0.0.1:$PORT" >"$work/serve.log" 2>&1
server_pid=$bench_pid
WAIT_SECONDS=300 wait_for_url "$base/robots.txt"
# Any status counts: an id that is not published (a 404 page) is a request the server answers
# too, as in archive.sh's random ids, and must not end the run.
ask() {  # path
  curl -s -o /dev/null -A "$agent" -H 'Accept-Encoding: gzip' "$base$1"
}
for id in 1 2 3; do ask "/article/$id"; done
callgrind_control --zero "$server_pid" >/dev/null 2>&1
awk -v n="$N" -v max="$ARTICLES" -v seed="$SEED" \
  'BEGIN { srand(seed); for (i = 0; i < n; i++) print "/article/" int(1 + rand() * max) }' |
  while read -r path; do ask "$path"; done
callgrind_control --dump "$server_pid" >/dev/null 2>&1
bench_stop "$server_pid"
# The dump asked for after --zero is callgrind.out.1; the one written at exit is callgrind.out.
parse=$(callgrind_annotate --inclusive=yes "$out.1" 2>/dev/null |
  awk '!found && /Connection::Parse\(\)/ { gsub(",", "", $1); print $1; found = 1 }')
printf 'article misses: %d random ids of %d (seed %d), one at a time\n' "$N" "$ARTICLES" "$SEED"
printf 'request path (Connection::Parse, inclusive): %.1f M instructions, %.3f M a request\n' \
  "$(echo "$parse / 1000000" | bc -l)" "$(echo "$parse / 1000000 / $N" | bc -l)"
echo "binary: $BIN; $(date -u '+%Y-%m-%d %H:%M UTC')"
