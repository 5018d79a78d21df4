#!/usr/bin/env bash
# Issue #4's HTTP bar: article-page req/s with view counting on >= 0.95 x with it off, side by
# side in one run. One demo paper, two data folders that differ only in
# `[counters] count_views`; each server runs alone while wrk (the Lua script sends a new
# visitor cookie and a browser user agent with every request, so every request counts) hits
# one cached article page. Off and on alternate ROUNDS times; the medians are compared.
# The requests carry a mix of Referer headers (Naver, Daum, Google, none) and one in three a
# phone's user agent, so counting on also classes each view by its source (issue #20);
# REFERRERS=0 sends the desktop browser without a Referer of the first runs.
#   bench/counting.sh
#   ARTICLES=20000 DURATION=10s ROUNDS=3 bench/counting.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18090}
source bench/side_by_side.sh counting
export REFERRERS=${REFERRERS:-1}

make_demo "$work/on"
cp -r "$work/on" "$work/off"
printf '[counters]\ncount_views = true\n' >"$work/on/sinmun.toml"
printf '[counters]\ncount_views = false\n' >"$work/off/sinmun.toml"
id=$(( ARTICLES / 2 ))

compare_rounds off on "/article/$id"
# Views the "on" server wrote at its last stop, read back through the API.
start_server "$work/on"
counted=$(curl -fs "http://127.0.0.1:$PORT/api/v1/most-viewed?window=24h&limit=1")
stop_server

report counting off on 0.95
echo "stored 24h ranking after the runs: $counted"
# The sources the "on" server classed, from its view slots (REFERRERS=1: all but "other").
sqlite3 "$work/on/sinmun.db" "SELECT referrer, mobile, SUM(views) FROM view_slots
  GROUP BY referrer, mobile ORDER BY referrer, mobile" | sed 's/^/view slots: /'
echo "load: Referer mix ${REFERRERS}"
machine
