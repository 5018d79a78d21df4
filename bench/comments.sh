#!/usr/bin/env bash
# Benchmarks of issue #16: an article with 2,000 comments (1,600 threads, 400 replies) has its
# first comment page rendered uncached (the comment pages are never cached) and as JSON, one
# request at a time, so that the latency is the render; and the cached article page's req/s
# with comments switched on against the same paper with them off, in the same run.
#   bench/comments.sh                 (DURATION=10s by default)
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
throughput() {  # URL -> "req/s p50_ms p99_ms", 2 threads, 64 connections, gzip
  wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' "$1" \
    >"$work/wrk.txt"
  wrk_stats "$work/wrk.txt"
}

start_sinmun "$work/data" "$PORT"
echo "article $id: $(curl -fs "$base/api/v1/articles/$id/comments" | grep -o '"total":[0-9]*')"
read -r rps p50 p99 < <(latency "$base/article/$id/comments")
echo "first comment page, uncached, 1 connection: $rps req/s, p50 $p50 ms, p99 $p99 ms"
read -r rps p50 p99 < <(latency "$base/article/$id/comments?sort=recommended")
echo "sorted by recommends: $rps req/s, p50 $p50 ms, p99 $p99 ms"
read -r rps p50 p99 < <(latency "$base/api/v1/articles/$id/comments")
echo "the same as JSON: $rps req/s, p50 $p50 ms, p99 $p99 ms"
read -r on_rps _ on_p99 < <(throughput "$base/article/$id")
stop_sinmun

# The defaults written at the first start hold "# enabled = true" under [comments].
sed -i 's/^# enabled = true /enabled = false /' "$work/data/sinmun.toml"
grep -q '^enabled = false' "$work/data/sinmun.toml"
start_sinmun "$work/data" "$PORT"
read -r off_rps _ off_p99 < <(throughput "$base/article/$id")
stop_sinmun
echo "cached article page, comments on: $on_rps req/s (p99 $on_p99 ms); off: $off_rps req/s" \
  "(p99 $off_p99 ms); on/off $(echo "scale=3; $on_rps / $off_rps" | bc)"
