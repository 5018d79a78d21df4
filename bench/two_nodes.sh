#!/usr/bin/env bash
# Benchmark of issue #8's nodes: article-page req/s of one `sinmun serve` node against two
# nodes of the same paper (one data folder, one private Redis, each node with its own search
# index), on the same machine. wrk cannot spread one run over two ports, so the two-node
# figure is two wrk processes run at the same time, one a port, with half the connections
# and threads each; their req/s are added. Two pages: one article (from the page cache) and
# random articles (mostly cache misses, rendered from the store).
#   bench/two_nodes.sh
#   ARTICLES=5000 DURATION=5s bench/two_nodes.sh   (a quicker look)
# On a 2-core machine the server processes and wrk share the same two cores: a second node
# can only take cores the first one was already using, so expect no gain here; the script
# shows what it costs (Redis, a second cache) rather than what more machines bring.
set -euo pipefail
source "$(dirname "$0")/lib.sh" nodes-bench
ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-15s}
PORT_A=${PORT_A:-18090}
PORT_B=${PORT_B:-18091}
REDIS_PORT=${REDIS_PORT:-18092}

echo "== sinmun demo --articles $ARTICLES, a search index for each node"
"$BIN" demo --data "$work/data" --articles "$ARTICLES" --seed 7 >/dev/null
"$BIN" reindex --data "$work/data" --search-dir search-a >/dev/null
"$BIN" reindex --data "$work/data" --search-dir search-b >/dev/null

cat >"$work/redis.conf" <<REDIS
bind 127.0.0.1
port $REDIS_PORT
dir $work
save ""
appendonly no
daemonize no
logfile $work/redis.log
REDIS
bench_spawn redis-server "$work/redis.conf"
redis="redis://127.0.0.1:$REDIS_PORT/0"

start_node() {  # port search-dir threads -> pid in $node_pid
  start_sinmun "$work/data" "$1" --search-dir "$2" --threads "$3" --redis "$redis"
  node_pid=$sinmun_pid
}
stop_node() { bench_stop "$1"; }

id=$(( ARTICLES / 2 ))
rps() { wrk_stats "$1" | cut -d' ' -f1; }
p99() { wrk_stats "$1" | cut -d' ' -f3; }
# wrk over one port: threads connections port out [random]
wrk_one() {
  if [ "${5:-}" = random ]; then
    MAX_ID=$ARTICLES wrk -t"$1" -c"$2" -d"$DURATION" --latency -s bench/random_article.lua \
      "http://127.0.0.1:$3" >"$4"
  else
    wrk -t"$1" -c"$2" -d"$DURATION" --latency "http://127.0.0.1:$3/article/$id" >"$4"
  fi
}

declare -A result
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
measure_one() {  # label threads-per-node
  start_node "$PORT_A" search-a "$2"
  local a=$node_pid
  curl -fs -o /dev/null "http://127.0.0.1:$PORT_A/article/$id"
  wrk_one 2 64 "$PORT_A" "$work/one.out"
  result[$1-cached]="$(rps "$work/one.out") $(p99 "$work/one.out")"
  wrk_one 2 64 "$PORT_A" "$work/one.out" random
  result[$1-random]="$(rps "$work/one.out") $(p99 "$work/one.out")"
  stop_node "$a"
}
measure_two() {  # label threads-per-node
  start_node "$PORT_A" search-a "$2"
  local a=$node_pid
  start_node "$PORT_B" search-b "$2"
  local b=$node_pid
  for kind in cached random; do
    local mode=""
    [ "$kind" = random ] && mode=random
    wrk_one 1 32 "$PORT_A" "$work/a.out" $mode &
    local wa=$!
    wrk_one 1 32 "$PORT_B" "$work/b.out" $mode &
    local wb=$!
    wait "$wa" "$wb"
    local sum worst
    sum=$(echo "$(rps "$work/a.out") + $(rps "$work/b.out")" | bc)
    worst=$(printf '%s\n%s\n' "$(p99 "$work/a.out")" "$(p99 "$work/b.out")" | sort -g | tail -1)
    result[$1-$kind]="$sum $worst"
  done
  stop_node "$a"
  stop_node "$b"
}

measure_one one-node-2-threads 2
measure_one one-node-1-thread 1
measure_two two-nodes-1-thread 1
measure_two two-nodes-2-threads 2

echo
echo "| setup | /article/$id (cached) req/s | p99 | random articles req/s | p99 |"
echo "|---|---|---|---|---|"
for label in one-node-2-threads one-node-1-thread two-nodes-1-thread two-nodes-2-threads; do
  read -r c_rps c_p99 <<<"${result[$label-cached]}"
  read -r r_rps r_p99 <<<"${result[$label-random]}"
  printf '| %s | %.0f | %.2f ms | %.0f | %.2f ms |\n' "$label" "$c_rps" "$c_p99" "$r_rps" "$r_p99"
done
echo
echo "load average before and after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)"
machine
