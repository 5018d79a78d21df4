#!/usr/bin/env bash
# Benchmark of issue #2's bar: /article/{id} over 100,000 demo articles against the same
# bytes served as a static file by nginx, both on loopback, both measured by wrk with
# 2 threads, 64 connections, 20 s. Prints both, the ratio, p99 and sinmun's resident memory,
# and the time `sinmun demo --articles 100000` took.
#   bench/article_page.sh            (make bench)
#   ARTICLES=20000 DURATION=5s bench/article_page.sh   (a quicker look)
#   KEEP_PAPER=/tmp/paper …   also keeps a copy of the paper, as built (to profile it after)
set -euo pipefail
source "$(dirname "$0")/lib.sh" article-page
ARTICLES=${ARTICLES:-100000}
DURATION=${DURATION:-20s}
SINMUN_PORT=${SINMUN_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}

echo "== sinmun demo --articles $ARTICLES"
# The search index is built first, so that its catch-up does not share the cores with the run.
make_paper "$work/data" "$ARTICLES"
printf 'demo load: %.1f s\n' "$demo_seconds"
printf 'search index build: %.1f s, %s\n' "$reindex_seconds" "$(du -sh "$work/data/search" | cut -f1)"
[ -n "${KEEP_PAPER:-}" ] && cp -r "$work/data" "$KEEP_PAPER"
start_sinmun "$work/data" "$SINMUN_PORT"
# As readers arrive: a browser (so views are counted) that takes gzip.
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"
id=$(( ARTICLES / 2 ))
url="http://127.0.0.1:$SINMUN_PORT/article/$id"
mkdir -p "$work/www/article"
curl -fs -A "$agent" "$url" -o "$work/www/article/$id"
# nginx answers gzip readers with the same gzip bytes sinmun sends (gzip_static).
curl -fs -A "$agent" -H 'Accept-Encoding: gzip' "$url" -o "$work/www/article/$id.gz"
bytes=$(stat -c %s "$work/www/article/$id.gz")
echo "page: /article/$id, $bytes bytes gzipped"

start_nginx "$work/www" "$NGINX_PORT"

summarize() {  # wrk output file -> "req/s p99_ms"
  local rps p99
  read -r rps _ p99 < <(wrk_stats "$1")
  echo "$rps $p99"
}
run_wrk() {  # URL -> "req/s p99_ms"
  wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' "$1" \
    >"$work/wrk.out"
  summarize "$work/wrk.out"
}
run_wrk_random() {  # -> "req/s p99_ms" for random article ids
  MAX_ID=$ARTICLES wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" \
    -H 'Accept-Encoding: gzip' -s bench/random_article.lua "http://127.0.0.1:$SINMUN_PORT" \
    >"$work/wrk.out"
  summarize "$work/wrk.out"
}

read -r sinmun_rps sinmun_p99 < <(run_wrk "$url")
rss() { rss_mb "$sinmun_pid"; }
read -r rss_hot rss_hot_anon rss_hot_file < <(rss)
# Cache misses: random articles out of all of them (rendered from the store each time).
read -r random_rps random_p99 < <(run_wrk_random)
read -r rss_all rss_all_anon rss_all_file < <(rss)
read -r nginx_rps nginx_p99 < <(run_wrk "http://127.0.0.1:$NGINX_PORT/article/$id")

ratio=$(echo "scale=2; $sinmun_rps / $nginx_rps" | bc)
echo
echo "| server | req/s | p99 | RSS |"
echo "|---|---|---|---|"
printf '| sinmun /article/%s | %.0f | %.2f ms | %d MB (%d anon + %d mapped db) |\n' "$id" "$sinmun_rps" "$sinmun_p99" "$rss_hot" "$rss_hot_anon" "$rss_hot_file"
printf '| sinmun /article/{random id}, mostly uncached | %.0f | %.2f ms | %d MB (%d anon + %d mapped db) |\n' "$random_rps" "$random_p99" "$rss_all" "$rss_all_anon" "$rss_all_file"
printf '| nginx static file | %.0f | %.2f ms | |\n' "$nginx_rps" "$nginx_p99"
echo
echo "ratio sinmun/nginx: $ratio (bar: >= 0.5); p99 bar: < 10 ms; RSS bar: < 200 MB"
printf 'sinmun demo --articles %s: %.1f s (bar: < 60 s)\n' "$ARTICLES" "$demo_seconds"
printf 'sinmun reindex over %s articles: %.1f s (%.0f articles/s), index %s\n' "$ARTICLES" \
  "$reindex_seconds" "$(echo "$ARTICLES / $reindex_seconds" | bc)" "$(du -sh "$work/data/search" | cut -f1)"
machine
