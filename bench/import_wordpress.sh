#!/usr/bin/env bash
# Import speed and memory (issue #15): generates WordPress exports with bench/wxr_generate.py
# and runs `sinmun import wordpress` over them, printing posts/s and the peak resident memory.
#   bench/import_wordpress.sh                 # 1,000 posts (about 7 MB)
#   POSTS="1000 150000" bench/import_wordpress.sh   # and about 1 GB
# Each file is generated once into $WORK (default /tmp/sinmun-import-bench) and kept.
# The import is a dry run until the store takes writes (reading, conversion, mapping, report).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/sinmun}
POSTS=${POSTS:-1000}
WORK=${WORK:-/tmp/sinmun-import-bench}
mkdir -p "$WORK/paper"
printf '| posts | file | wall s | CPU s | posts per CPU s | peak RSS |\n|---|---|---|---|---|---|\n'
for posts in $POSTS; do
  file="$WORK/export-$posts.xml"
  [ -f "$file" ] || bench/wxr_generate.py --posts "$posts" --out "$file"
  size=$(du -m "$file" | cut -f1)
  /usr/bin/time -f '%e %U %S %M' -o "$WORK/time" "$BIN" import wordpress --data "$WORK/paper" "$file" \
    --dry-run > "$WORK/report-$posts.txt" 2>/dev/null
  read -r wall user sys kb < "$WORK/time"
  cpu=$(echo "$user + $sys" | bc)
  rate=$(echo "scale=0; $posts / $cpu" | bc)
  printf '| %s | %s MB | %s | %s | %s | %s MB |\n' "$posts" "$size" "$wall" "$cpu" "$rate" \
    "$((kb / 1024))"
done
