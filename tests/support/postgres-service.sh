#!/usr/bin/env bash
# A private PostgreSQL for the test run, started and stopped by CTest fixtures
# (tests/support/CMakeLists.txt):
#   postgres-service.sh start STATE_DIR   initdb a cluster in a new temporary folder, start it
#                                         on a free loopback port, write STATE_DIR/postgres.url
#   postgres-service.sh stop STATE_DIR    stop it and remove its folder
#   postgres-service.sh halt STATE_DIR    stop the server, keeping its data and port
#   postgres-service.sh resume STATE_DIR  start a halted server again (tests of an outage)
# The cluster lives under the system temp folder rather than the build folder: when the tests
# run as root, the server runs as the `postgres` user, who may not reach a build folder under a
# private home. fsync stays on: the tests see the durability the store promises.
set -euo pipefail

action=${1:?usage: postgres-service.sh start|stop|halt|resume STATE_DIR}
state=${2:?usage: postgres-service.sh start|stop|halt|resume STATE_DIR}
bin=${SINMUN_POSTGRES_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

# initdb and postgres refuse to run as root; run them as the postgres user then.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  if [ ! -x "$bin/initdb" ]; then
    echo "postgres-service: no PostgreSQL binaries in '$bin' (make deps installs postgresql)" >&2
    exit 1
  fi
  mkdir -p "$state"
  stop_quietly
  local dir
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sinmun-postgres-XXXXXX")
  echo "$dir" >"$state/postgres.dir"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" --pgdata="$dir/data" --username=postgres --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # The port is chosen here and may be taken by someone else before the server binds it: try
  # a few.
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    cat >"$dir/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 32MB
EOF
    if as_owner "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait \
      --timeout=60 start >/dev/null; then
      echo "postgres://postgres@127.0.0.1:$port/postgres" >"$state/postgres.url"
      echo "postgres-service: PostgreSQL on 127.0.0.1:$port in $dir"
      return 0
    fi
  done
  cat "$dir/server.log" >&2
  exit 1
}

stop_quietly() {
  [ -f "$state/postgres.dir" ] || return 0
  local dir
  dir=$(cat "$state/postgres.dir")
  if [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" --pgdata="$dir/data" --mode=immediate --wait stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  rm -f "$state/postgres.dir" "$state/postgres.url"
}

data_dir() { echo "$(cat "$state/postgres.dir")/data"; }

case "$action" in
  halt) as_owner "$bin/pg_ctl" --pgdata="$(data_dir)" --mode=fast --wait stop >/dev/null ;;
  resume)
    as_owner "$bin/pg_ctl" --pgdata="$(data_dir)" --log="$(data_dir)/../server.log" --wait \
      --timeout=60 start >/dev/null ;;
  start) start ;;
  stop) stop_quietly; echo "postgres-service: stopped" ;;
  *) echo "postgres-service: unknown action $action" >&2; exit 2 ;;
esac
