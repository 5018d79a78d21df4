#!/usr/bin/env bash
# Benchmark of issue #6's bars: (1) the sitemap index and every articles-N.xml file for
# ARTICLES demo articles fetched one after another from a freshly started server (nothing
# cached), total time and the server's peak resident memory (VmHWM); (2) /rss served from
# the page cache against /article/{id}, by wrk with 2 threads, 64 connections, DURATION each.
#   bench/sitemaps.sh                                   (1,000,000 articles: ~90 s to load)
#   DATA=/tmp/paper bench/sitemaps.sh                   (reuse a folder `sinmun demo` filled)
#   ARTICLES=100000 DURATION=5s bench/sitemaps.sh       (a quicker look)
set -euo pipefail
source "$(dirname "$0")/lib.sh" sitemaps-bench
ARTICLES=${ARTICLES:-1000000}
DURATION=${DURATION:-10s}
PORT=${PORT:-18082}

data=${DATA:-}
if [ -z "$data" ]; then
  data="$work/data"
  echo "== sinmun demo --articles $ARTICLES"
  "$BIN" demo --data "$data" --articles "$ARTICLES" --seed 7
fi

start_sinmun "$data" "$PORT"
pid=$sinmun_pid
base="http://127.0.0.1:$PORT"
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")

echo "== sitemap index and every file, uncached, one after another"
start=$(date +%s.%N)
curl -fs "$base/sitemap.xml" -o "$work/index.xml"
files=0
bytes=0
for loc in $(grep -o '<loc>[^<]*</loc>' "$work/index.xml" | sed 's/<[^>]*>//g'); do
  path=${loc#http://*/}
  size=$(curl -fs "$base/$path" -o /dev/null -w '%{size_download}')
  files=$((files + 1))
  bytes=$((bytes + size))
done
seconds=$(echo "$(date +%s.%N) - $start" | bc)
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
anon=$(awk '/RssAnon/ {print $2}' "/proc/$pid/status")
file=$(awk '/RssFile/ {print $2}' "/proc/$pid/status")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
urls=$(grep -c '<sitemap>' "$work/index.xml")
printf 'index + %d files (%d sitemaps listed), %d MB: %.2f s\n' "$files" "$urls" \
  $((bytes / 1048576)) "$seconds"
printf 'server memory: VmRSS %d MB before, %d MB after, VmHWM (peak) %d MB\n' \
  $((rss_before / 1024)) $((rss / 1024)) $((hwm / 1024))
# RssFile is the database file's pages mapped by SQLite (mmap_size): shared with the OS page
# cache and dropped under memory pressure; RssAnon is what the process itself allocated.
printf '  of which anonymous (heap, page cache) %d MB, mapped database file %d MB\n' \
  $((anon / 1024)) $((file / 1024))

echo "== wrk: /rss (cached) vs /article/{id}"
id=$(grep -o '/article/[0-9]*' <(curl -fs "$base/rss") | head -1)
for target in /rss "$id"; do
  curl -fs -o /dev/null "$base$target"
  printf '%s: ' "$target"
  wrk -t2 -c64 -d"$DURATION" "$base$target" | awk '/Requests\/sec/ {print $2 " req/s"}'
done
