#!/usr/bin/env bash
# Benchmarks of issue #16: an article with 2,000 comments (1,600 threads, 400 replies) has its
# first comment page rendered uncached (the comment pages are never cached) and as JSON, one
# request at a time, so that the latency is the render; and the cached article page's req/s
# with comments switched on against the same paper with them off, in the same run; then
# comment posts with the rate limits off, as a guest's (argon2id on every post) and as a
# signed-in staff member's (no password), counted by the rows stored, so only posts the
# store committed count.
#   bench/comments.sh                 (DURATION=10s by default, in seconds)
set -euo pipefail
source "$(dirname "$0")/lib.sh" comments
ARTICLES=${ARTICLES:-2000}
DURATION=${DURATION:-10s}
PORT=${PORT:-18090}
id=$(( ARTICLES / 2 ))

make_paper "$work/data" "$ARTICLES"
# 2,000 visible comments on one article, written straight into the store as posts would leave
# them (the visible count and the reply counts included).
sqlite3 "$work/data/sinmun.db" <<SQL
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 1600)
INSERT INTO comments (article_id, author_kind, nickname, password_hash, body, recommends,
                      client, created_at)
SELECT $id, 'guest', '독자' || x, '', '댓글 본문 ' || x || ' https://example.com/' || x,
       x % 17, 'client' || (x % 300), strftime('%s', 'now') - 100000 + x FROM n;
WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400)
INSERT INTO comments (article_id, parent_id, author_kind, nickname, password_hash, body,
                      client, created_at)
SELECT $id, (SELECT MIN(id) FROM comments WHERE article_id = $id) + (x % 200) * 7, 'guest',
       '답글' || x, '', '답글 본문 ' || x, 'client' || (x % 300),
       strftime('%s', 'now') - 50000 + x FROM n;
UPDATE comments SET replies = (SELECT COUNT(*) FROM comments r WHERE r.parent_id = comments.id)
WHERE article_id = $id AND parent_id IS NULL;
INSERT INTO comment_counts (article_id, visible) VALUES ($id, 2000);
SQL

agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
base="http://127.0.0.1:$PORT"
latency() {  # URL -> "req/s p50_ms p99_ms", one connection
  wrk -t1 -c1 -d"$DURATION" --latency -H "User-Agent: $agent" "$1" >"$work/wrk.txt"
  wrk_stats "$work/wrk.txt"
}
# A server's CPU time (user + system) in clock ticks, from /proc (PID: sinmun's by default).
cpu_ticks() { awk '{print $14 + $15}' "/proc/${1:-$sinmun_pid}/stat"; }
# URL PID -> "req/s p50_ms p99_ms server_cpu_us_per_request gzip_bytes", 2 threads, 64
# connections, gzip, against the server PID. The CPU the server spent per answer depends less
# on what else the machine runs than req/s does; the body's size, since wrk reads 8,192 bytes
# at a time.
throughput() {
  local before after requests bytes
  bytes=$(curl -fs -A "$agent" -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$1")
  before=$(cpu_ticks "$2")
  wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' "$1" \
    >"$work/wrk.txt"
  after=$(cpu_ticks "$2")
  requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  echo "$(wrk_stats "$work/wrk.txt")" \
    "$(echo "scale=1; ($after - $before) * 1000000 / $(getconf CLK_TCK) / $requests" | bc)" \
    "$bytes"
}

# The article read once, its view flushed to the store on stop: the page's most-viewed box
# (this day's most read, else the all-time list) then lists the same articles in the "on"
# and "off" runs below. Without it the "off" run, after the "on" run's views, showed a
# one-item box where the "on" run showed the ten-item all-time list: a smaller page.
start_sinmun "$work/data" "$PORT"
curl -fs -o /dev/null -A "$agent" "$base/article/$id"
stop_sinmun

start_sinmun "$work/data" "$PORT"
echo "article $id: $(curl -fs "$base/api/v1/articles/$id/comments" | grep -o '"total":[0-9]*')"
read -r rps p50 p99 < <(latency "$base/article/$id/comments")
echo "first comment page, uncached, 1 connection: $rps req/s, p50 $p50 ms, p99 $p99 ms"
read -r rps p50 p99 < <(latency "$base/article/$id/comments?sort=recommended")
echo "sorted by recommends: $rps req/s, p50 $p50 ms, p99 $p99 ms"
read -r rps p50 p99 < <(latency "$base/api/v1/articles/$id/comments")
echo "the same as JSON: $rps req/s, p50 $p50 ms, p99 $p99 ms"
stop_sinmun

# The cached article page with comments on against the same paper with them off: two servers
# side by side, measured in turns, ROUNDS times (3 by default), the order swapped each round.
# One run of each varied by more than the bar's 5 % from run to run on this machine (0.84 to
# 1.05 with the same binary, docs/BENCHMARKS.md); the medians of the rounds are compared.
cp -r "$work/data" "$work/data-off"
# The defaults written at the first start hold "# enabled = true" under [comments].
sed -i 's/^# enabled = true /enabled = false /' "$work/data-off/sinmun.toml"
grep -q '^enabled = false' "$work/data-off/sinmun.toml"
start_sinmun "$work/data" "$PORT"
on_pid=$sinmun_pid
start_sinmun "$work/data-off" "$((PORT + 1))"
off_pid=$sinmun_pid
base_off="http://127.0.0.1:$((PORT + 1))"
# Each page cached and asked for again (compressed at the best level) before it is measured.
for url in "$base/article/$id" "$base_off/article/$id"; do
  curl -fs -o /dev/null -A "$agent" -H 'Accept-Encoding: gzip' "$url"
  curl -fs -o /dev/null -A "$agent" -H 'Accept-Encoding: gzip' "$url"
done
sleep 1
on_runs=() off_runs=() on_cpus=() off_cpus=()
for round in $(seq "${ROUNDS:-3}"); do
  for side in $( ((round % 2)) && echo on off || echo off on); do
    if [ "$side" = on ]; then
      read -r rps _ on_p99 cpu on_bytes < <(throughput "$base/article/$id" "$on_pid")
      on_runs+=("$rps") on_cpus+=("$cpu")
    else
      read -r rps _ off_p99 cpu off_bytes < <(throughput "$base_off/article/$id" "$off_pid")
      off_runs+=("$rps") off_cpus+=("$cpu")
    fi
  done
  echo "round $round: comments on ${on_runs[-1]} req/s (${on_cpus[-1]} us/request)," \
    "off ${off_runs[-1]} req/s (${off_cpus[-1]} us/request)," \
    "on/off $(echo "scale=3; ${on_runs[-1]} / ${off_runs[-1]}" | bc)"
done
on_rps=$(printf '%s\n' "${on_runs[@]}" | median)
off_rps=$(printf '%s\n' "${off_runs[@]}" | median)
on_cpu=$(printf '%s\n' "${on_cpus[@]}" | median)
off_cpu=$(printf '%s\n' "${off_cpus[@]}" | median)
bench_stop "$off_pid"
sinmun_pid=$on_pid
stop_sinmun

# Posts with the limits off: no interval, no hourly cap, no wait before a form may be sent.
sed -i -e 's/^# min_interval_seconds = [0-9]* /min_interval_seconds = 0 /' \
  -e 's/^# per_hour = [0-9]* /per_hour = 0 /' \
  -e 's/^# min_fill_seconds = [0-9]* /min_fill_seconds = 0 /' "$work/data/sinmun.toml"
grep -q '^min_interval_seconds = 0' "$work/data/sinmun.toml"
grep -q '^per_hour = 0' "$work/data/sinmun.toml"
printf 'benchpassword-%s\n' "$RANDOM$RANDOM" >"$work/password"
"$BIN" user add --data "$work/data" --email comments-bench@example.com --name 벤치기자 \
  --role reporter --password-file "$work/password" >/dev/null
start_sinmun "$work/data" "$PORT"
token=$(curl -fs -A "$agent" "$base/article/$id/comments" |
  sed -n 's/.*name="form_token" value="\([^"]*\)".*/\1/p' | head -1)
[ -n "$token" ] || { echo "no form token on the comment page" >&2; exit 1; }
jar="$work/cookies"
newsroom_sign_in "$base" comments-bench@example.com "$work/password" "$jar"
session=$(awk '$6 ~ /sinmun_session$/ {print $6 "=" $7}' "$jar")
[ -n "$session" ] || { echo "the bench reporter could not sign in" >&2; exit 1; }
stored() { sqlite3 "$work/data/sinmun.db" "SELECT COUNT(*) FROM comments"; }
# [cookie] -> "stored_per_s p50_ms p99_ms server_cpu_us_per_stored_post"
posts() {
  local before after cpu_before cpu_after
  before=$(stored)
  cpu_before=$(cpu_ticks)
  TOKEN=$token ORIGIN=$base POST_PATH="/article/$id/comments" COOKIE=${1:-} \
    wrk -t2 -c16 -d"$DURATION" --latency -s "$(dirname "$0")/comment_posts.lua" "$base" \
    >"$work/wrk.txt"
  cpu_after=$(cpu_ticks)
  after=$(stored)
  # Refusals (429, 503 from a full work pool, …) are answered but not stored: say how many.
  grep -E 'requests in|Non-2xx|Socket errors' "$work/wrk.txt" | sed 's/^ */  wrk: /' >&2
  read -r _ p50 p99 < <(wrk_stats "$work/wrk.txt")
  echo "$(echo "scale=1; ($after - $before) / ${DURATION%s}" | bc) $p50 $p99" \
    "$(echo "scale=1; ($cpu_after - $cpu_before) * 1000000 / $(getconf CLK_TCK) /" \
      "($after - $before + ($after == $before))" | bc)"
}
# Staff first: posting runs on the server's work pool (for the guests' argon2id), and guest
# posts still queued there when wrk stops would hold the staff's up.
read -r staff_posts staff_p50 staff_p99 staff_cpu < <(posts "$session")
echo "staff posts (no password), limits off, 16 connections: $staff_posts stored/s" \
  "(p50 $staff_p50 ms, p99 $staff_p99 ms, server CPU $staff_cpu us a stored post)"
read -r guest_posts guest_p50 guest_p99 guest_cpu < <(posts)
echo "guest posts (argon2id each), limits off, 16 connections: $guest_posts stored/s" \
  "(p50 $guest_p50 ms, p99 $guest_p99 ms, server CPU $guest_cpu us a stored post)"
stop_sinmun

echo "cached article page, medians of the rounds: comments on $on_rps req/s (server CPU" \
  "$on_cpu us/request, gzip $on_bytes bytes; p99 of the last round $on_p99 ms); off: $off_rps" \
  "req/s ($off_cpu us/request, gzip $off_bytes bytes; p99 $off_p99 ms);" \
  "on/off $(echo "scale=3; $on_rps / $off_rps" | bc)"
machine
