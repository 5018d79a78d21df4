#!/usr/bin/env bash
# Import speed and memory (issue #15): generates WordPress exports with bench/wxr_generate.py
# and runs `sinmun import wordpress` over them, printing posts/s and the peak resident memory.
#   bench/import_wordpress.sh                 # 1,000 posts (about 7 MB)
#   POSTS="1000 150000" bench/import_wordpress.sh   # and about 1 GB
# Each file is generated once into $WORK (default /tmp/sinmun-import-bench) and kept. Each
# import writes into a new SQLite paper ($WORK/paper-N); DRY_RUN=1 reads, converts and reports
# only. The second line of each size imports the same file again into the same paper (every
# record unchanged: nothing is written).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/sinmun}
POSTS=${POSTS:-1000}
WORK=${WORK:-/tmp/sinmun-import-bench}
DRY_RUN=${DRY_RUN:-}
mkdir -p "$WORK"
printf '| posts | file | wall s | posts/s | CPU s | posts per CPU s | peak RSS |\n|---|---|---|---|---|---|---|\n'
for posts in $POSTS; do
  file="$WORK/export-$posts.xml"
  [ -f "$file" ] || bench/wxr_generate.py --posts "$posts" --out "$file"
  size=$(du -m "$file" | cut -f1)
  rm -rf "$WORK/paper-$posts"
  mkdir -p "$WORK/paper-$posts"
  for run in first again; do
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" import wordpress \
      --data "$WORK/paper-$posts" "$file" ${DRY_RUN:+--dry-run} > "$WORK/report-$posts-$run.txt" \
      2>/dev/null
    read -r wall user sys kb < "$WORK/time"
    cpu=$(echo "$user + $sys" | bc)
    rate=$(echo "scale=0; $posts / $cpu" | bc)
    wall_rate=$(echo "scale=0; $posts / $wall" | bc)
    printf '| %s (%s) | %s MB | %s | %s | %s | %s | %s MB |\n' "$posts" "$run" "$size" "$wall" \
      "$wall_rate" "$cpu" "$rate" "$((kb / 1024))"
    if [ -n "$DRY_RUN" ]; then break; fi
  done
done
