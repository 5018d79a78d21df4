#!/usr/bin/env bash
# Issue #14: a section's page 1 against its page 1,000, uncached. One demo paper of ARTICLES
# (120,000) articles, so that the largest section has about 1,000 pages of 20; the search index
# is not built (section pages do not read it), so the server's search follower indexes in the
# background meanwhile: read the figures as a pair, measured back to back on one server.
# Each figure is the p50 of SINGLE single requests (curl, one at a time) to distinct pages, so
# none is served from the page cache: pages 1..SINGLE and the SINGLE pages up to the deepest
# (at most page 1,000). Before them, one request to a page in between shows what the first
# page of a list costs after a change (where the keyset build finds its pages' starts).
# BIN_BEFORE=path also measures that binary on a copy of the same paper, before BIN.
#   bench/deep_pages.sh
#   ARTICLES=40000 SINGLE=20 bench/deep_pages.sh   (a quicker look: about 350 pages)
set -euo pipefail
source "$(dirname "$0")/lib.sh" deep-pages
ARTICLES=${ARTICLES:-120000}
SINGLE=${SINGLE:-30}
PORT=${PORT:-18110}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

echo "== a paper of $ARTICLES articles"
start=$(date +%s.%N)
"$BIN" demo --data "$work/paper" --articles "$ARTICLES" --seed 7 >/dev/null
printf 'demo %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
# View counting off: a list page's own requests are all that reach the store.
if [ -f "$work/paper/sinmun.toml" ]; then
  sed -i 's/^# count_views = true.*/count_views = false/' "$work/paper/sinmun.toml"
else
  printf '[counters]\ncount_views = false\n' >"$work/paper/sinmun.toml"
fi
read -r section count < <(sqlite3 -separator ' ' "$work/paper/sinmun.db" "SELECT s.slug,
  COUNT(*) FROM sections s JOIN articles a ON a.section_id = s.id WHERE a.status = 'published'
  GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1")
deep=$(( (count + 19) / 20 ))
[ "$deep" -gt 1000 ] && deep=1000
echo "section $section: $count articles, deepest page measured $deep"

single_ms() {  # paths on stdin -> one time in ms a line
  local path
  while read -r path; do
    curl -s -o /dev/null -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' \
      -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
  done | awk '{print $1 * 1000}'
}
page_path() { if [ "$1" -eq 1 ]; then echo "/section/$section"; else echo "/section/$section?page=$1"; fi; }

measure() {  # label binary paper-folder
  local label=$1
  BIN=$2 start_sinmun "$3" "$PORT"
  local first shallow deepest
  first=$(page_path $(( deep / 2 )) | single_ms)
  shallow=$(for n in $(seq "$SINGLE"); do page_path "$n"; done | single_ms | median)
  deepest=$(for n in $(seq "$SINGLE"); do page_path $(( deep - n + 1 )); done | single_ms | median)
  printf '| %s | %.2f ms | %.2f ms | %.2f ms |\n' "$label" "$first" "$shallow" "$deepest"
  stop_sinmun
}

echo
echo "| binary | first list page after start | pages 1-$SINGLE, p50 | pages $(( deep - SINGLE + 1 ))-$deep, p50 |"
echo "|---|---|---|---|"
if [ -n "${BIN_BEFORE:-}" ]; then
  cp -r "$work/paper" "$work/before"
  measure "before ($BIN_BEFORE)" "$BIN_BEFORE" "$work/before"
fi
measure "$BIN" "$BIN" "$work/paper"
machine
