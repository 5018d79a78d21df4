#!/usr/bin/env bash
# Issue #20: the newsroom's 통계 page (/newsroom/stats) on a large paper renders in <= 50 ms.
# A demo paper of ARTICLES (1,000,000) articles is given DAYS (30) days of hourly views by a
# bulk SQL fill (below), then an editor signs in and asks for the page ROUNDS (40) times per
# filter, one request at a time (curl): the whole site, the largest section, the reporter with
# the most articles, and one much-read article. Prints p50 and p99 in ms per filter.
#
# The fill, for each of the DAYS * 24 hours up to now: HOT (200) articles among the ~500 news
# articles of that hour's last two days, with 20-300 views each, and TAIL (1,800) articles
# drawn from the whole archive with 1-3 views each: about 2,000 article rows an hour, 1.44
# million rows for 30 days, some 30,000 views an hour. article_views_hourly is written with
# one INSERT … SELECT over recursive CTEs, then the per-section and per-reporter rollups
# (section_views_hourly, reporter_views_hourly) are rebuilt from it by the same statements as
# their migrations, and the all-time counts (article_views) are left as the demo set them.
# The server loads the last 30 days into its rankings after it starts listening; the script
# waits for that (the log's "rankings loaded") before it measures, and prints both times.
#   bench/stats_dashboard.sh
#   ARTICLES=100000 ROUNDS=20 bench/stats_dashboard.sh          (a quicker look)
#   KEEP_PAPER=/tmp/paper bench/stats_dashboard.sh, then PAPER=/tmp/paper …
#                             (the demo paper made once; the views are filled on each copy)
#   PAPER=/tmp/filled FILL=0 PASSWORD_FILE=/tmp/filled.password …
#                             (a paper filled before, with the editor's password: no fill)
set -euo pipefail
source "$(dirname "$0")/lib.sh" stats
ARTICLES=${ARTICLES:-1000000}
DAYS=${DAYS:-30}
HOT=${HOT:-200}
TAIL=${TAIL:-1800}
ROUNDS=${ROUNDS:-40}
PORT=${PORT:-18130}
base="http://127.0.0.1:$PORT"
db="$work/paper/sinmun.db"

if [ -n "${PAPER:-}" ]; then
  # A demo paper made before (sinmun demo --articles ARTICLES --seed 7), copied as it was.
  echo "== a copy of $PAPER"
  cp -r "$PAPER" "$work/paper"
else
  echo "== a paper of $ARTICLES articles"
  start=$(date +%s.%N)
  "$BIN" demo --data "$work/paper" --articles "$ARTICLES" --seed 7 >/dev/null 2>&1
  printf 'demo %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
  [ -n "${KEEP_PAPER:-}" ] && cp -r "$work/paper" "$KEEP_PAPER"
fi
if [ -n "${PASSWORD_FILE:-}" ]; then
  # PAPER was kept filled by an earlier run (FILL=0), with its editor and this password.
  cp "$PASSWORD_FILE" "$work/password"
else
  # The editor who reads the page; adding the account also brings the schema up to date.
  printf 'benchpassword-%s\n' "$RANDOM$RANDOM" >"$work/password"
  "$BIN" user add --data "$work/paper" --email stats-bench@example.com --name 통계 --role editor \
    --password-file "$work/password" >/dev/null
fi

if [ "${FILL:-1}" = 1 ]; then
start=$(date +%s.%N)
sqlite3 "$db" <<SQL
BEGIN;
DELETE FROM article_views_hourly;
WITH RECURSIVE
  top(id) AS (SELECT MAX(id) FROM articles),
  now_hour(h) AS (SELECT CAST(strftime('%s', 'now') AS INTEGER) / 3600),
  ages(age) AS (SELECT 0 UNION ALL SELECT age + 1 FROM ages WHERE age < $DAYS * 24 - 1),
  hot(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM hot WHERE n < $HOT),
  tail(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM tail WHERE n < $TAIL),
  picked(article_id, hour, views) AS (
    -- the news of the hour: ~10 articles an hour, so the newest ~500 as of that hour
    SELECT MAX(1, (SELECT id FROM top) - age * 10 - abs(random()) % 500),
           (SELECT h FROM now_hour) - age, 20 + abs(random()) % 281 FROM ages, hot
    UNION ALL
    SELECT 1 + abs(random()) % (SELECT id FROM top), (SELECT h FROM now_hour) - age,
           1 + abs(random()) % 3 FROM ages, tail)
INSERT INTO article_views_hourly (article_id, hour, views)
SELECT article_id, hour, SUM(views) FROM picked GROUP BY article_id, hour;
DELETE FROM section_views_hourly;
INSERT INTO section_views_hourly (hour, section_id, views)
SELECT h.hour, a.section_id, SUM(h.views) FROM article_views_hourly h
JOIN articles a ON a.id = h.article_id GROUP BY h.hour, a.section_id;
DELETE FROM reporter_views_hourly;
INSERT INTO reporter_views_hourly (reporter_id, hour, views)
SELECT r.reporter_id, h.hour, SUM(h.views) FROM article_views_hourly h
JOIN article_reporters r ON r.article_id = h.article_id GROUP BY r.reporter_id, h.hour;
COMMIT;
SQL
printf 'views filled in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
fi
sqlite3 "$db" "SELECT 'hourly rows: ' || COUNT(*) || ', views: ' || SUM(views) FROM article_views_hourly;
  SELECT 'rollup rows: ' || COUNT(*) FROM section_views_hourly;
  SELECT 'reporter rollup rows: ' || COUNT(*) FROM reporter_views_hourly"

section=$(sqlite3 "$db" "SELECT section_id FROM articles GROUP BY section_id ORDER BY COUNT(*) DESC LIMIT 1")
reporter=$(sqlite3 "$db" "SELECT reporter_id FROM article_reporters GROUP BY reporter_id ORDER BY COUNT(*) DESC LIMIT 1")
reporter_articles=$(sqlite3 "$db" "SELECT COUNT(*) FROM article_reporters WHERE reporter_id = $reporter")
article=$(sqlite3 "$db" "SELECT article_id FROM article_views_hourly GROUP BY article_id ORDER BY SUM(views) DESC LIMIT 1")

# The database file read once, so that the OS keeps it in memory as on a server that has been
# running: cold, loading the rankings at start (30 days of hourly rows, each joined with its
# article) reads pages all over the file and took minutes on this machine's disk.
cat "$db" >/dev/null
start=$(date +%s.%N)
WAIT_SECONDS=${WAIT_SECONDS:-600} start_sinmun "$work/paper" "$PORT"
printf 'server answering in %.1f s\n' "$(echo "$(date +%s.%N) - $start" | bc)"
# The rankings load after the server listens (the top lists read them): wait for the log line.
log="$work/paper.serve-$PORT.log"
for _ in $(seq "${WAIT_SECONDS:-600}0"); do
  grep -q 'rankings loaded' "$log" && break
  sleep 0.1
done
grep -q 'rankings loaded' "$log" || { echo "the rankings did not load" >&2; exit 1; }
printf 'rankings loaded %.1f s after start (%s)\n' "$(echo "$(date +%s.%N) - $start" | bc)" \
  "$(grep -o 'rankings loaded in [0-9.]* s' "$log")"

jar="$work/cookies"
newsroom_sign_in "$base" stats-bench@example.com "$work/password" "$jar"
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$base/newsroom/stats")
[ "$status" = 200 ] || { echo "/newsroom/stats answered $status after signing in" >&2; exit 1; }

# "p50 p99" in ms of ROUNDS requests of PATH, one at a time, after one not counted.
measure() {  # path
  curl -s -o /dev/null -b "$jar" "$base$1"
  for _ in $(seq "$ROUNDS"); do
    curl -s -o /dev/null -b "$jar" -w '%{http_code} %{time_total}\n' "$base$1"
  done | awk '$1 != 200 { bad++ } { print $2 * 1000 }
              END { if (bad) print "non-200 answers: " bad > "/dev/stderr" }' | sort -n |
    awk '{ v[NR] = $1 } END { p50 = v[int((NR + 1) / 2)]; i = int(NR * 0.99 + 0.999);
                              printf "%.1f %.1f\n", p50, v[i] }'
}

echo "== /newsroom/stats, $ROUNDS requests each, one at a time (p50 ms, p99 ms)"
printf '%-44s %s\n' "site-wide" "$(measure /newsroom/stats)"
printf '%-44s %s\n' "section $section" "$(measure "/newsroom/stats?section=$section")"
printf '%-44s %s\n' "reporter $reporter ($reporter_articles articles)" \
  "$(measure "/newsroom/stats?reporter=$reporter")"
printf '%-44s %s\n' "article $article" "$(measure "/newsroom/stats?article=$article")"
printf '%-44s %s\n' "CSV of the week's top, site-wide" \
  "$(measure "/newsroom/stats?format=csv&table=week")"
