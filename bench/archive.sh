#!/usr/bin/env bash
# Issue #14: the archive at cache speed. One run, one machine, every figure next to nginx
# serving the cached article's exact gzip bytes as a static file (the yardstick; the machine
# is shared, so compare the ratios of one run, not absolute figures across runs).
# A demo paper of ARTICLES (100,000) articles, reindexed before serving; wrk -t2 -c64 with a
# browser User-Agent (views are counted) and Accept-Encoding: gzip.
#   (a) random article ids over all of them (bench/archive_random.lua)
#   (b) a news read mix (bench/news_mix.lua: 80 % articles skewed to recent ones, front,
#       section pages, most viewed, search)
#   (c) one cached article, and nginx on its bytes
#   (d) on an idle server: one uncached article, and the deepest page (up to 1,000) of the
#       largest section, p50 of single requests (curl, one at a time)
#   (e) 30 s of random article ids in three 10 s parts: on the server that served (a)-(c), as
#       the issue saw throughput fall while its random load ran, and on a freshly started
#       server, whose first seconds fill its caches (each new page of memory a fault)
#   (f) BIG_ARTICLES (1,000,000) articles under the news mix: req/s and anonymous memory
#       (RssAnon), against (b). Its recent half is the newest ARTICLES / 16 articles, as in (b):
#       a paper with a longer archive does not publish more a day. The mix with its recent
#       half among the newest BIG_ARTICLES / 16 is run after it, and shown too.
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

# (c) one cached article, and nginx on the same bytes.
id=$(( ARTICLES / 2 ))
mkdir -p "$work/www/article"
curl -fs -A "$agent" "$base/article/$id" -o "$work/www/article/$id"
curl -fs -A "$agent" -H 'Accept-Encoding: gzip' "$base/article/$id" -o "$work/www/article/$id.gz"
start_nginx "$work/www" "$NGINX_PORT"
read -r cached_rps cached_p50 cached_p99 < <(wrk_run "$work/cached.out" "$base/article/$id")
read -r nginx_rps nginx_p50 nginx_p99 < <(wrk_run "$work/nginx.out" \
  "http://127.0.0.1:$NGINX_PORT/article/$id")
bench_stop "$nginx_pid"

# (a) random ids, (b) the news mix.
read -r random_rps random_p50 random_p99 < <(MAX_ID=$ARTICLES wrk_run "$work/random.out" \
  "$base" bench/archive_random.lua)
ticks=$(cpu_ticks "$sinmun_pid")
read -r mix_rps mix_p50 mix_p99 < <(MAX_ID=$ARTICLES wrk_run "$work/mix.out" "$base" \
  bench/news_mix.lua)
mix_cpu=$(cpu_ms_per_request "$sinmun_pid" "$ticks" "$work/mix.out")
read -r _ mix_anon _ < <(rss_mb "$sinmun_pid")

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

# (f) the big paper under the news mix.
if [ "$BIG_ARTICLES" -gt 0 ]; then
  paper "$work/big" "$BIG_ARTICLES" "${BIG_PAPER:-}" "${KEEP_BIG_PAPER:-}"
  start_sinmun "$work/big" "$PORT"
  big_sections=$(sections "$work/big")
  # The mix on the big paper with its recent half among the newest RECENT: "req/s p99 CPU-ms
  # anonymous-MB".
  big_mix() {  # name recent
    local ticks rps p99
    ticks=$(cpu_ticks "$sinmun_pid")
    read -r rps _ p99 < <(MAX_ID=$BIG_ARTICLES RECENT=$2 SECTIONS=$big_sections \
      wrk_run "$work/$1.out" "$base" bench/news_mix.lua)
    echo "$rps $p99 $(cpu_ms_per_request "$sinmun_pid" "$ticks" "$work/$1.out") \
      $(rss_mb "$sinmun_pid" | cut -d' ' -f2)"
  }
  read -r big_rps big_p99 big_cpu big_anon < <(big_mix big $(( ARTICLES / 16 )))
  read -r wide_rps wide_p99 wide_cpu wide_anon < <(big_mix wide $(( BIG_ARTICLES / 16 )))
  stop_sinmun
fi

ratio() { echo "scale=3; $1 / $2" | bc; }
echo
echo "| load | req/s | p50 | p99 | × nginx req/s |"
echo "|---|---|---|---|---|"
row() { printf '| %s | %.0f | %.2f ms | %.2f ms | %s |\n' "$1" "$2" "$3" "$4" "$(ratio "$2" "$nginx_rps")"; }
row "nginx, the cached article's gzip bytes" "$nginx_rps" "$nginx_p50" "$nginx_p99"
row "(c) one article, cached" "$cached_rps" "$cached_p50" "$cached_p99"
row "(a) random article ids over all $ARTICLES" "$random_rps" "$random_p50" "$random_p99"
row "(b) news read mix" "$mix_rps" "$mix_p50" "$mix_p99"
echo
echo "(c) p99 / nginx p99: $(ratio "$cached_p99" "$nginx_p99")"
printf '(d) idle server, p50 of %d single requests: uncached article %.2f ms; section %s page ~%d (uncached) %.2f ms\n' \
  "$SINGLE" "$uncached_p50" "$deep_section" "$deep_page" "$deep_p50"
printf '(e) random ids on the server that served (a)-(c), 3 x 10 s: %.0f, %.0f, %.0f req/s; last/first %s\n' \
  "${warm_parts[0]}" "${warm_parts[1]}" "${warm_parts[2]}" \
  "$(ratio "${warm_parts[2]}" "${warm_parts[0]}")"
printf '    on a freshly started server, 3 x 10 s: %.0f, %.0f, %.0f req/s; last/first %s\n' \
  "${parts[0]}" "${parts[1]}" "${parts[2]}" "$(ratio "${parts[2]}" "${parts[0]}")"
echo "(b) anonymous memory after the mix: $mix_anon MB; server CPU $mix_cpu ms per request"
if [ "$BIG_ARTICLES" -gt 0 ]; then
  printf '(f) %d articles, news mix (recent half among the newest %d): %.0f req/s (%s of (b)), p99 %.2f ms, anonymous memory %d MB, server CPU %s ms per request\n' \
    "$BIG_ARTICLES" $(( ARTICLES / 16 )) "$big_rps" "$(ratio "$big_rps" "$mix_rps")" "$big_p99" "$big_anon" "$big_cpu"
  printf '    then the recent half among the newest %d: %.0f req/s (%s of (b)), p99 %.2f ms, anonymous memory %d MB, server CPU %s ms per request\n' \
    $(( BIG_ARTICLES / 16 )) "$wide_rps" "$(ratio "$wide_rps" "$mix_rps")" "$wide_p99" "$wide_anon" "$wide_cpu"
fi
machine
