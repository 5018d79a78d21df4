#!/usr/bin/env bash
# Issue #14: the archive at cache speed. One run, one machine, every figure next to nginx
# serving the cached article's exact gzip bytes as a static file (the yardstick; the machine
# is shared, so compare the ratios of one run, not absolute figures across runs).
# A demo paper of ARTICLES (100,000) articles, reindexed before serving; wrk -t2 -c64 with a
# browser User-Agent (views are counted) and Accept-Encoding: gzip.
#   (a) random article ids over all of them (bench/archive_random.lua)
#   (b) a news read mix (bench/news_mix.lua: 80 % articles skewed to recent ones, front,
#       section pages, most viewed, search)
#   (c) one cached article, and nginx on its bytes; (c), (a) and (b) each between two nginx
#       windows, and compared with their mean
#   (d) on an idle server: one uncached article, and the deepest page (up to 1,000) of the
#       largest section, p50 of single requests (curl, one at a time)
#   (e) 30 s of random article ids in three 10 s parts: on the server that served (a)-(c), as
#       the issue saw throughput fall while its random load ran, and on a freshly started
#       server, whose first seconds fill its caches (each new page of memory a fault)
#   (f) BIG_ARTICLES (1,000,000) articles under the news mix: req/s, anonymous memory
#       (RssAnon) and the page cache's hit share (from /metrics), against the ARTICLES paper
#       under the same mix in alternated windows (both servers up at once; see below). Its
#       recent half is the newest ARTICLES / 16 articles, as in (b): a paper with a longer
#       archive does not publish more a day. The mix with its recent half among the newest
#       BIG_ARTICLES / 16 is alternated with them, and shown too.
#       BIG_ARTICLES=0 skips (f) (its demo and reindex take minutes).
#       BIG_PAPER=/tmp/big measures a copy of a big paper made before (KEEP_BIG_PAPER=/tmp/big
#       keeps the one a run makes); BIG_ARTICLES must then be its article count.
#   bench/archive.sh                                         (make bench)
#   KEEP_PAPER=/tmp/paper bench/archive.sh, then PAPER=/tmp/paper bench/archive.sh
#                                  (the 100,000-article paper made once, measured again)
#   ARTICLES=20000 DURATION=5s BIG_ARTICLES=0 bench/archive.sh   (a quicker look)
set -euo pipefail
source "$(dirname "$0")/lib.sh" archive
ARTICLES=${ARTICLES:-100000}
BIG_ARTICLES=${BIG_ARTICLES:-1000000}
DURATION=${DURATION:-20s}
SINGLE=${SINGLE:-50}  # single requests per figure of (d)
PORT=${PORT:-18100}
NGINX_PORT=${NGINX_PORT:-18101}
base="http://127.0.0.1:$PORT"
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

# A paper of ARTICLES articles in FOLDER: a copy of FROM when given (a paper this script made
# before, demo --seed 7 and reindex, copied so that it stays as it was: a second build is
# measured on the same paper without the wait), else made here and, with KEEP given, copied
# there to be measured again.
paper() {  # folder articles from keep
  if [ -n "$3" ]; then
    echo "== a copy of $3"
    cp -r "$3" "$1"
  else
    echo "== a paper of $2 articles"
    make_paper "$1" "$2"
    printf 'demo %.1f s, reindex %.1f s\n' "$demo_seconds" "$reindex_seconds"
    if [ -n "$4" ]; then cp -r "$1" "$4"; fi
  fi
  # The copy's (or the new paper's) dirty pages written out now: their writeback took the
  # cores during the first seconds of the first load, which a server on its own data never
  # sees (it made (e)'s first part look slow against its last).
  sync
}
paper "$work/paper" "$ARTICLES" "${PAPER:-}" "${KEEP_PAPER:-}"
# Section slugs, largest section first.
sections() {  # folder
  sqlite3 "$1/sinmun.db" "SELECT s.slug FROM sections s JOIN articles a ON a.section_id = s.id
    WHERE a.status = 'published' GROUP BY s.id ORDER BY COUNT(*) DESC" | paste -sd, -
}
slugs=$(sections "$work/paper")

wrk_run() {  # out-file url [lua script] -> "req/s p50 p99"; MAX_ID etc. from the environment
  local out=$1 url=$2 script=${3:-}
  if [ -n "$script" ]; then
    wrk -t2 -c64 -d"$DURATION" --latency -s "$script" "$url" >"$out"
  else
    wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' \
      "$url" >"$out"
  fi
  wrk_stats "$out"
}
# p50 in ms of single requests to each path read from stdin, one at a time.
single_p50() {
  local path
  while read -r path; do
    curl -s -o /dev/null -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' \
      -w '%{time_total}\n' "$base$path"
  done | awk '{print $1 * 1000}' | median
}
export SECTIONS=$slugs QUERIES=bench/search_queries.tsv

# (d) first, while the server is idle and nothing is cached. Ids at a stride, none asked twice.
start_sinmun "$work/paper" "$PORT"
uncached_p50=$(seq "$SINGLE" | awk -v n="$ARTICLES" -v k="$SINGLE" \
  '{print "/article/" int($1 * n / (k + 1))}' | single_p50)
deep_section=${slugs%%,*}
deep_count=$(sqlite3 "$work/paper/sinmun.db" "SELECT COUNT(*) FROM articles a JOIN sections s
  ON s.id = a.section_id WHERE s.slug = '$deep_section' AND a.status = 'published'")
deep_page=$(( (deep_count + 19) / 20 ))
[ "$deep_page" -gt 1000 ] && deep_page=1000
# Each request a different page near the deep one, so that none is served from the cache.
deep_p50=$(seq "$SINGLE" | awk -v s="$deep_section" -v p="$deep_page" \
  '{print "/section/" s "?page=" (p - $1 + 1 > 1 ? p - $1 + 1 : 1)}' | single_p50)

# (c) one cached article, (a) random ids and (b) the news mix, each between two windows of
# nginx on the cached article's bytes, and each compared with the mean of those two. This
# machine's speed drifts by a fifth within a minute (see (f)): one nginx window, as before
# session 27, could fall in a faster or slower minute than the loads it was compared with (in
# session 27's six runs nginx made 77,000-114,000 req/s).
id=$(( ARTICLES / 2 ))
mkdir -p "$work/www/article"
curl -fs -A "$agent" "$base/article/$id" -o "$work/www/article/$id"
curl -fs -A "$agent" -H 'Accept-Encoding: gzip' "$base/article/$id" -o "$work/www/article/$id.gz"
start_nginx "$work/www" "$NGINX_PORT"
# Each window's server CPU per request (utime + stime over the window, nginx's workers with
# its master): both servers share the two cores with wrk, so the one that spends less on a
# request leaves wrk more, and (c)'s ratio follows from the two.
# Each nginx window waits for sinmun to go idle first: its work left over from the load before
# (about a quarter of a core-second after the mix) had run in nginx's window.
nginx_rps_w=() nginx_p50_w=() nginx_p99_w=() nginx_cpu_w=()
nginx_window() {
  local rps p50 p99 ticks out="$work/nginx${#nginx_rps_w[@]}.out"
  wait_idle "$sinmun_pid"
  ticks=$(cpu_ticks_with_children "$nginx_pid")
  read -r rps p50 p99 < <(wrk_run "$out" "http://127.0.0.1:$NGINX_PORT/article/$id")
  nginx_cpu_w+=("$(cpu_us_of_ticks $(( $(cpu_ticks_with_children "$nginx_pid") - ticks )) "$out")")
  nginx_rps_w+=("$rps") nginx_p50_w+=("$p50") nginx_p99_w+=("$p99")
}
nginx_window
ticks=$(cpu_ticks "$sinmun_pid")
read -r cached_rps cached_p50 cached_p99 < <(wrk_run "$work/cached.out" "$base/article/$id")
cached_cpu=$(cpu_us_of_ticks $(( $(cpu_ticks "$sinmun_pid") - ticks )) "$work/cached.out")
nginx_window
ticks=$(cpu_ticks "$sinmun_pid")
read -r random_rps random_p50 random_p99 < <(MAX_ID=$ARTICLES wrk_run "$work/random.out" \
  "$base" bench/archive_random.lua)
random_cpu=$(cpu_us_of_ticks $(( $(cpu_ticks "$sinmun_pid") - ticks )) "$work/random.out")
nginx_window
ticks=$(cpu_ticks "$sinmun_pid")
read -r mix_rps mix_p50 mix_p99 < <(MAX_ID=$ARTICLES wrk_run "$work/mix.out" "$base" \
  bench/news_mix.lua)
mix_cpu=$(cpu_ms_per_request "$sinmun_pid" "$ticks" "$work/mix.out")
read -r _ mix_anon _ < <(rss_mb "$sinmun_pid")
nginx_window
bench_stop "$nginx_pid"
# The nginx figures a load is compared with: the mean of the windows before and after it.
mean_of() { printf '%s\n' "$@" | awk '{ sum += $1 } END { print sum / NR }'; }
around() {  # array-name index
  local -n values=$1
  mean_of "${values[$2]}" "${values[$2 + 1]}"
}
nginx_rps=$(mean_of "${nginx_rps_w[@]}")
nginx_p50=$(mean_of "${nginx_p50_w[@]}")
nginx_p99=$(mean_of "${nginx_p99_w[@]}")

# (e) 30 s of random ids in three consecutive 10 s parts (their req/s in `parts`), here on
# the server that served the loads above, then on a fresh one.
random_parts() {  # name
  local part rps
  parts=()
  for part in 1 2 3; do
    read -r rps _ _ < <(MAX_ID=$ARTICLES DURATION=10s wrk_run "$work/$1$part.out" "$base" \
      bench/archive_random.lua)
    parts+=("$rps")
  done
}
random_parts warm
warm_parts=("${parts[@]}")
stop_sinmun
start_sinmun "$work/paper" "$PORT"
random_parts part
stop_sinmun

# (f) the big paper under the news mix, against the 100,000-article paper under the same mix
# in alternating windows: both served at once (the big paper fresh, the small one restarted),
# each warmed by 5 s of its own mix, then small, big, big-wide windows of F_WINDOW, twice. This
# machine's speed drifts by a fifth within a minute, and (f) measured once against (b) a
# minute earlier moved with it (0.74-1.04 for one binary in session 21); alternated windows
# meet the same drift. Ratios are of the windows' sums; memory is read after the last window
# of each kind, p99 is the larger of a kind's two.
if [ "$BIG_ARTICLES" -gt 0 ]; then
  paper "$work/big" "$BIG_ARTICLES" "${BIG_PAPER:-}" "${KEEP_BIG_PAPER:-}"
  F_WINDOW=${F_WINDOW:-10s}
  small_port=$((PORT + 2))
  start_sinmun "$work/paper" "$small_port"
  small_pid=$sinmun_pid
  start_sinmun "$work/big" "$PORT"
  big_sections=$(sections "$work/big")
  # One window of the mix on a server: its req/s, p99, CPU ticks, requests and page cache
  # lookups (hits, misses) summed by KIND, and the anonymous memory after it.
  declare -A rps_sum=() p99_max=() ticks_sum=() requests_sum=() anon_last=() hits_sum=() \
    misses_sum=()
  mix_window() {  # kind port pid max-id recent sections
    local ticks rps p99 hits misses hits_after misses_after
    # Both servers idle first: the work one leaves after its window must not run in the other's.
    wait_idle "$small_pid"
    wait_idle "$sinmun_pid"
    ticks=$(cpu_ticks "$3")
    read -r hits misses < <(page_cache_lookups "http://127.0.0.1:$2")
    read -r rps _ p99 < <(MAX_ID=$4 RECENT=$5 SECTIONS=$6 DURATION=$F_WINDOW \
      wrk_run "$work/$1.out" "http://127.0.0.1:$2" bench/news_mix.lua)
    rps_sum[$1]=$(echo "${rps_sum[$1]:-0} + $rps" | bc)
    p99_max[$1]=$(echo "$p99 ${p99_max[$1]:-0}" | awk '{print ($1 > $2) ? $1 : $2}')
    ticks_sum[$1]=$(( ${ticks_sum[$1]:-0} + $(cpu_ticks "$3") - ticks ))
    requests_sum[$1]=$(( ${requests_sum[$1]:-0} + $(awk '/requests in/ {print $1}' "$work/$1.out") ))
    anon_last[$1]=$(rss_mb "$3" | cut -d' ' -f2)
    read -r hits_after misses_after < <(page_cache_lookups "http://127.0.0.1:$2")
    hits_sum[$1]=$(( ${hits_sum[$1]:-0} + hits_after - hits ))
    misses_sum[$1]=$(( ${misses_sum[$1]:-0} + misses_after - misses ))
  }
  small() { mix_window small "$small_port" "$small_pid" "$ARTICLES" $(( ARTICLES / 16 )) "$slugs"; }
  big() { mix_window big "$PORT" "$sinmun_pid" "$BIG_ARTICLES" $(( ARTICLES / 16 )) "$big_sections"; }
  wide() { mix_window wide "$PORT" "$sinmun_pid" "$BIG_ARTICLES" $(( BIG_ARTICLES / 16 )) "$big_sections"; }
  F_WINDOW=5s small
  F_WINDOW=5s big
  rps_sum=() p99_max=() ticks_sum=() requests_sum=() hits_sum=() misses_sum=()
  for _ in 1 2; do small; big; wide; done
  bench_stop "$small_pid"
  stop_sinmun
  cpu_ms() { echo "scale=3; ${ticks_sum[$1]} * 1000 / $(getconf CLK_TCK) / ${requests_sum[$1]}" | bc; }
  hit_share() { echo "scale=3; ${hits_sum[$1]} / (${hits_sum[$1]} + ${misses_sum[$1]})" | bc; }
fi

ratio() { echo "scale=3; $1 / $2" | bc; }
echo
echo "| load | req/s | p50 | p99 | × nginx req/s |"
echo "|---|---|---|---|---|"
row() {  # name req/s p50 p99 nginx-req/s
  printf '| %s | %.0f | %.2f ms | %.2f ms | %s |\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$5")"
}
row "nginx, the cached article's gzip bytes (mean of ${#nginx_rps_w[@]} windows)" \
  "$nginx_rps" "$nginx_p50" "$nginx_p99" "$nginx_rps"
row "(c) one article, cached" "$cached_rps" "$cached_p50" "$cached_p99" "$(around nginx_rps_w 0)"
row "(a) random article ids over all $ARTICLES" "$random_rps" "$random_p50" "$random_p99" \
  "$(around nginx_rps_w 1)"
row "(b) news read mix" "$mix_rps" "$mix_p50" "$mix_p99" "$(around nginx_rps_w 2)"
echo
joined() { local IFS=/; echo "$*"; }
printf 'nginx windows (before (c), (a), (b), and after (b)): %s req/s; p99 %s ms\n' \
  "$(joined $(printf '%.0f ' "${nginx_rps_w[@]}"))" "$(joined "${nginx_p99_w[@]}")"
echo "(c) p99 / nginx p99 (the windows around it): $(ratio "$cached_p99" "$(around nginx_p99_w 0)")"
printf '(c) server CPU per request: sinmun %s us, nginx %.1f us (the windows around it; all: %s us); (a) sinmun %s us\n' \
  "$cached_cpu" "$(around nginx_cpu_w 0)" "$(joined "${nginx_cpu_w[@]}")" "$random_cpu"
printf '(d) idle server, p50 of %d single requests: uncached article %.2f ms; section %s page ~%d (uncached) %.2f ms\n' \
  "$SINGLE" "$uncached_p50" "$deep_section" "$deep_page" "$deep_p50"
printf '(e) random ids on the server that served (a)-(c), 3 x 10 s: %.0f, %.0f, %.0f req/s; last/first %s\n' \
  "${warm_parts[0]}" "${warm_parts[1]}" "${warm_parts[2]}" \
  "$(ratio "${warm_parts[2]}" "${warm_parts[0]}")"
printf '    on a freshly started server, 3 x 10 s: %.0f, %.0f, %.0f req/s; last/first %s\n' \
  "${parts[0]}" "${parts[1]}" "${parts[2]}" "$(ratio "${parts[2]}" "${parts[0]}")"
echo "(b) anonymous memory after the mix: $mix_anon MB; server CPU $mix_cpu ms per request"
if [ "$BIG_ARTICLES" -gt 0 ]; then
  mean() { echo "${rps_sum[$1]} / 2" | bc -l; }
  printf '(f) %d articles beside %d, news mix, two alternated %s windows each (req/s: their mean): the small paper %.0f req/s, p99 %.2f ms, server CPU %s ms per request, page cache hits %s\n' \
    "$BIG_ARTICLES" "$ARTICLES" "$F_WINDOW" "$(mean small)" "${p99_max[small]}" "$(cpu_ms small)" "$(hit_share small)"
  big_paper_line() {  # kind recent
    printf '    the big paper, recent half among the newest %d: %.0f req/s (%s of the small paper), p99 %.2f ms, anonymous memory %d MB, server CPU %s ms per request, page cache hits %s\n' \
      "$2" "$(mean "$1")" "$(ratio "${rps_sum[$1]}" "${rps_sum[small]}")" "${p99_max[$1]}" "${anon_last[$1]}" "$(cpu_ms "$1")" "$(hit_share "$1")"
  }
  big_paper_line big $(( ARTICLES / 16 ))
  big_paper_line wide $(( BIG_ARTICLES / 16 ))
fi
machine
