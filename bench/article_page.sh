#!/usr/bin/env bash
# Benchmark of issue #2's bar: /article/{id} over 100,000 demo articles against the same
# bytes served as a static file by nginx, both on loopback, both measured by wrk with
# 2 threads, 64 connections, 20 s. Prints both, the ratio, p99 and sinmun's resident memory,
# and the time `sinmun demo --articles 100000` took.
#   bench/article_page.sh            (make bench)
#   ARTICLES=20000 DURATION=5s bench/article_page.sh   (a quicker look)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/sinmun}
ARTICLES=${ARTICLES:-100000}
DURATION=${DURATION:-20s}
SINMUN_PORT=${SINMUN_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
work=$(mktemp -d /tmp/sinmun-bench.XXXXXX)
sinmun_pid=""
nginx_pid=""
cleanup() {
  [ -n "$sinmun_pid" ] && kill "$sinmun_pid" 2>/dev/null && wait "$sinmun_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

echo "== sinmun demo --articles $ARTICLES"
start=$(date +%s.%N)
"$BIN" demo --data "$work/data" --articles "$ARTICLES" --seed 7 >/dev/null
demo_seconds=$(echo "$(date +%s.%N) - $start" | bc)
printf 'demo load: %.1f s\n' "$demo_seconds"
# Build the search index first, so that its catch-up does not share the cores with the run.
start=$(date +%s.%N)
"$BIN" reindex --data "$work/data" >/dev/null
reindex_seconds=$(echo "$(date +%s.%N) - $start" | bc)
printf 'search index build: %.1f s, %s\n' "$reindex_seconds" "$(du -sh "$work/data/search" | cut -f1)"

"$BIN" serve --data "$work/data" --listen "127.0.0.1:$SINMUN_PORT" >"$work/serve.log" 2>&1 &
sinmun_pid=$!
for _ in $(seq 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$SINMUN_PORT/" && break
  sleep 0.1
done
id=$(( ARTICLES / 2 ))
url="http://127.0.0.1:$SINMUN_PORT/article/$id"
mkdir -p "$work/www/article"
curl -fs "$url" -o "$work/www/article/$id"
bytes=$(stat -c %s "$work/www/article/$id")
echo "page: /article/$id, $bytes bytes"

cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  default_type text/html;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $work/www;
  }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
sleep 0.5

summarize() {  # wrk output file -> "req/s p99_ms"
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$1")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' "$1")
  echo "$rps $p99"
}
run_wrk() {  # URL -> "req/s p99_ms"
  wrk -t2 -c64 -d"$DURATION" --latency "$1" >"$work/wrk.out"
  summarize "$work/wrk.out"
}
run_wrk_random() {  # -> "req/s p99_ms" for random article ids
  MAX_ID=$ARTICLES wrk -t2 -c64 -d"$DURATION" --latency -s bench/random_article.lua \
    "http://127.0.0.1:$SINMUN_PORT" >"$work/wrk.out"
  summarize "$work/wrk.out"
}

read -r sinmun_rps sinmun_p99 < <(run_wrk "$url")
rss() {  # "total anon file" in MB: file pages are the mapped database, shared with the OS cache
  awk '/^VmRSS/ {t=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%d %d %d\n", t/1024, a/1024, f/1024}' \
    "/proc/$sinmun_pid/status"
}
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
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
