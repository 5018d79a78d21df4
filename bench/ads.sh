#!/usr/bin/env bash
# Issue #7's bar: article-page req/s with three banner slots filled >= 0.9 x with the slots
# empty, side by side in one run. One demo paper, two data folders that differ only in their
# campaigns: "filled" has three live text campaigns, one each in the top, right-rail and
# below-the-article slots of the page; "empty" has them paused (the page is then served as
# its prepared bytes, as without banners). Each server runs alone while wrk hits one cached
# article page as browsers do (gzip, a new visitor cookie per request, so every request also
# counts its three impressions and its view). Empty and filled alternate ROUNDS times; the
# medians are compared.
#   bench/ads.sh
#   ARTICLES=20000 DURATION=10s ROUNDS=3 bench/ads.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18095}
source bench/side_by_side.sh ads

make_demo "$work/filled"
# The demo's campaigns, reshaped to exactly one campaign in each of three slots on every page.
sqlite3 "$work/filled/sinmun.db" "
  UPDATE ad_campaigns SET section_id = NULL, slots = CASE id
    WHEN 1 THEN 'top' WHEN 2 THEN 'right_1' WHEN 3 THEN 'article_bottom' ELSE slots END;
  UPDATE ad_campaigns SET active = 0 WHERE id > 3;"
cp -r "$work/filled" "$work/empty"
sqlite3 "$work/empty/sinmun.db" "UPDATE ad_campaigns SET active = 0;"
id=$(( ARTICLES / 2 ))

# What each page holds (and its size on the wire).
for mode in empty filled; do
  start_server "$work/$mode"
  page=$(curl -fs "http://127.0.0.1:$PORT/article/$id")
  wire=$(curl -fs -H 'Accept-Encoding: gzip' "http://127.0.0.1:$PORT/article/$id" | wc -c)
  stop_server
  echo "$mode: $(grep -o 'data-slot="[a-z_0-9]*"' <<<"$page" | sort | uniq | tr '\n' ' ')($(wc -c <<<"$page") bytes, $wire gzipped)"
done

compare_rounds empty filled "/article/$id"
impressions=$(sqlite3 "$work/filled/sinmun.db" "SELECT SUM(impressions) FROM ad_daily_counts")

report "slots on /article/$id" empty filled 0.9
echo "impressions stored after the filled runs: $impressions"
machine
