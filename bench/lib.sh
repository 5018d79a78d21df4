# The parts every bench/*.sh shares (issue #13): a temporary folder, starting the servers it
# measures and waiting for their port, and cleaning up whatever happens.
#   source "$(dirname "$0")/lib.sh" NAME      (first thing after `set -euo pipefail`)
# Then the script runs from the repository's root, BIN is the sinmun binary (build/sinmun
# unless set), `work` is a new folder /tmp/sinmun-NAME.XXXXXX, and on exit (normal, error or
# Ctrl-C) every process started with bench_spawn (so start_sinmun and start_nginx too) is
# stopped, the steps given to bench_on_exit run, and `work` is removed.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=${BIN:-build/sinmun}
work=$(mktemp -d "${TMPDIR:-/tmp}/sinmun-${1:-bench}.XXXXXX")
bench_pids=()
bench_exit_steps=()

bench_cleanup() {
  local pid step
  for pid in "${bench_pids[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  for step in "${bench_exit_steps[@]}"; do eval "$step" || true; done
  rm -rf "$work"
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_on_exit() { bench_exit_steps+=("$1"); }  # a command line run on exit, before rm

# Runs a command in the background, remembered for cleanup; its pid is in $bench_pid.
bench_spawn() {
  "$@" &
  bench_pid=$!
  bench_pids+=("$bench_pid")
}

# Stops one process started by bench_spawn and waits for it.
bench_stop() {  # pid
  local pid=$1 kept=() other
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  for other in "${bench_pids[@]}"; do [ "$other" = "$pid" ] || kept+=("$other"); done
  bench_pids=("${kept[@]}")
}

# Waits until URL answers (any status below 500), up to WAIT_SECONDS (30) s; exits the
# script otherwise.
wait_for_url() {  # url
  local _
  for _ in $(seq $((${WAIT_SECONDS:-30} * 10))); do
    curl -s -o /dev/null "$1" -w '%{http_code}' 2>/dev/null | grep -q '^[1-4]' && return 0
    sleep 0.1
  done
  echo "nothing answered at $1 within ${WAIT_SECONDS:-30} s" >&2
  exit 1
}

# A demo paper of N articles in FOLDER with its search index built, so that the index's
# catch-up does not share the cores with a measurement. Sets demo_seconds, reindex_seconds.
make_paper() {  # folder articles
  local start
  start=$(date +%s.%N)
  "$BIN" demo --data "$1" --articles "$2" --seed 7 >/dev/null
  demo_seconds=$(echo "$(date +%s.%N) - $start" | bc)
  start=$(date +%s.%N)
  "$BIN" reindex --data "$1" >/dev/null
  reindex_seconds=$(echo "$(date +%s.%N) - $start" | bc)
}

# `sinmun serve` on FOLDER at 127.0.0.1:PORT (more serve options may follow), its log in
# FOLDER.serve-PORT.log; returns once it answers. Its pid is in $sinmun_pid.
start_sinmun() {  # folder port [serve options…]
  local data=$1 port=$2
  shift 2
  bench_spawn "$BIN" serve --data "$data" --listen "127.0.0.1:$port" "$@" \
    >"$data.serve-$port.log" 2>&1
  sinmun_pid=$bench_pid
  wait_for_url "http://127.0.0.1:$port/robots.txt"
}
stop_sinmun() { bench_stop "$sinmun_pid"; sinmun_pid=""; }

# Signs EMAIL in to the newsroom at BASE with the password on PASSWORD_FILE's first line; the
# session cookie lands in the cookie jar JAR (curl -b JAR sends it).
newsroom_sign_in() {  # base email password_file jar
  local token
  token=$(curl -s -c "$4" -b "$4" "$1/newsroom/login" |
    sed -n 's/.*name="login_token" value="\([^"]*\)".*/\1/p')
  curl -s -o /dev/null -c "$4" -b "$4" --data-urlencode "login_token=$token" \
    --data-urlencode "email=$2" --data-urlencode "password=$(head -1 "$3")" "$1/newsroom/login"
}

# nginx serving ROOT as static files at 127.0.0.1:PORT: the yardstick for a cached page.
# A file with a FILE.gz beside it is sent as the .gz bytes to clients that take gzip.
start_nginx() {  # root port
  local conf="$work/nginx-$2"
  mkdir -p "$conf/tmp"
  cat >"$conf/nginx.conf" <<NGINX
worker_processes auto;
pid $conf/nginx.pid;
error_log $conf/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  default_type text/html;
  gzip_static on;
  client_body_temp_path $conf/tmp;
  proxy_temp_path $conf/tmp;
  fastcgi_temp_path $conf/tmp;
  uwsgi_temp_path $conf/tmp;
  scgi_temp_path $conf/tmp;
  server {
    listen 127.0.0.1:$2;
    root $1;
  }
}
NGINX
  bench_spawn nginx -c "$conf/nginx.conf" -g 'daemon off;'
  nginx_pid=$bench_pid
  wait_for_url "http://127.0.0.1:$2/"
}

# wrk --latency output -> "req/s p50_ms p99_ms"
wrk_stats() {  # file
  awk '
    function ms(v) { if (v ~ /us$/) { sub(/us/, "", v); return v / 1000 }
                     if (v ~ /ms$/) { sub(/ms/, "", v); return v + 0 }
                     if (v ~ /s$/) { sub(/s/, "", v); return v * 1000 } return v }
    /^Requests\/sec/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%s %.2f %.2f\n", rps, p50, p99 }' "$1"
}

# Resident memory of PID in MB: "total anonymous file". File pages are the mapped database,
# shared with the OS cache; anonymous memory is what the process allocated itself.
rss_mb() {  # pid
  awk '/^VmRSS/ {t=$2} /^RssAnon/ {a=$2} /^RssFile/ {f=$2} END {printf "%d %d %d\n", t/1024, a/1024, f/1024}' \
    "/proc/$1/status"
}

# Server CPU time (utime + stime) of PID in clock ticks, and in ms per request over a wrk run
# (the steadier figure on a shared machine, where req/s follow the load of the minute).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # pid
# A process's CPU ticks with those of its children (nginx's workers under its master).
cpu_ticks_with_children() {  # pid
  local pid total
  total=$(cpu_ticks "$1")
  for pid in $(pgrep -P "$1"); do total=$(( total + $(cpu_ticks "$pid") )); done
  echo "$total"
}
# Waits until process PID uses less than 2 % of a core over half a second (at most 15 s): what
# a server does after a load (the counters' flush, pages compressed again in the background)
# would otherwise run in the next window, on another server's time.
wait_idle() {  # pid
  local before after tries=30 busy=$(( $(getconf CLK_TCK) / 100 ))
  after=$(cpu_ticks "$1")
  while (( tries-- > 0 )); do
    before=$after
    sleep 0.5
    after=$(cpu_ticks "$1")
    (( after - before <= busy )) && return 0
  done
  return 0  # still busy after 15 s: measure anyway (a failure would end a `set -e` script)
}
cpu_ms_per_request() {  # pid ticks-before wrk-output
  cpu_ms_of_ticks $(( $(cpu_ticks "$1") - $2 )) "$3"
}
cpu_ms_of_ticks() {  # ticks wrk-output
  echo "scale=3; $1 * 1000 / $(getconf CLK_TCK) / $(awk '/requests in/ {print $1}' "$2")" | bc
}
cpu_us_of_ticks() {  # ticks wrk-output: microseconds, one decimal (a cached hit is about 10)
  echo "scale=1; $1 * 1000000 / $(getconf CLK_TCK) / $(awk '/requests in/ {print $1}' "$2")" | bc
}

# The page cache's lookups so far on the server at BASE, from its /metrics: "hits misses".
page_cache_lookups() {  # base
  curl -fs "$1/metrics" | awk '$1 == "sinmun_page_cache_hits_total" {h = $2}
    $1 == "sinmun_page_cache_misses_total" {m = $2} END {printf "%d %d\n", h, m}'
}

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg); a page fault $(page_fault_us) us"
}

# Microseconds a first touch of an anonymous 4 KiB page costs here (64 MiB of them). A server
# that fills its caches pays it for every page its memory grows by: about 1 us on bare
# hardware, 12 to 38 us on the virtual machine of docs/BENCHMARKS.md's session 19, where it
# shows in the first seconds of archive.sh's (e) on a fresh server. Debian's python3: `python3`
# on PATH may be another.
page_fault_us() {
  /usr/bin/python3 -c 'import mmap, time
n = 64 << 20
m = mmap.mmap(-1, n)
t = time.perf_counter()
for i in range(0, n, 4096): m[i] = 1
print("%.1f" % ((time.perf_counter() - t) * 1e6 / (n / 4096)))'
}
