# Sourced by the side-by-side benchmarks (counting.sh, ads.sh): data folders made from one
# demo paper, each served alone on $PORT while wrk asks for one cached article page as
# browsers do (bench/counting_article.lua: gzip, a new visitor cookie per request).
# Usage, from the repository's root: PORT=${PORT:-…}; source bench/side_by_side.sh NAME
# Sets ARTICLES, DURATION and ROUNDS unless the environment did; bench/lib.sh gives BIN, work
# (a temporary folder /tmp/sinmun-NAME.*, removed on exit), median and machine.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" "$1"
ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}

make_demo() { make_paper "$1" "$ARTICLES"; }  # folder: a demo paper, its search index built
start_server() { start_sinmun "$1" "$PORT"; }  # folder
stop_server() { stop_sinmun; }
run_article() {  # folder path -> req/s of wrk on that page, the server started and stopped
  start_server "$1"
  ARTICLE_PATH="$2" wrk -t2 -c64 -d"$DURATION" -s bench/counting_article.lua \
    "http://127.0.0.1:$PORT" >"$1.wrk.out"
  stop_server
  awk '/^Requests\/sec/ {print $2}' "$1.wrk.out"
}
# Alternates folders BASE and OTHER ROUNDS times on PATH, printing each round; sets
# base_median and other_median (req/s).
compare_rounds() {  # base other path
  local base=() other=() round
  for round in $(seq "$ROUNDS"); do
    base+=("$(run_article "$work/$1" "$3")")
    other+=("$(run_article "$work/$2" "$3")")
    echo "round $round: $1 ${base[-1]} req/s, $2 ${other[-1]} req/s"
  done
  base_median=$(printf '%s\n' "${base[@]}" | median)
  other_median=$(printf '%s\n' "${other[@]}" | median)
}
# The medians as a table, and their ratio against the bar.
report() {  # title base_label other_label bar
  echo
  echo "| $1 | req/s (median of $ROUNDS × $DURATION) |"
  echo "|---|---|"
  printf '| %s | %.0f |\n| %s | %.0f |\n' "$2" "$base_median" "$3" "$other_median"
  echo "ratio $3/$2: $(echo "scale=3; $other_median / $base_median" | bc) (bar: >= $4)"
}
