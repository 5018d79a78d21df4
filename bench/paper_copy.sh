#!/usr/bin/env bash
# Moving a whole paper, A/B: `export paper` of PAPER once (by BIN), then for each binary,
# BIN_BEFORE first and BIN next, back to back, ROUNDS times in turn, the steps of STEPS:
#   import   `import paper` of that export into a new SQLite paper (one write transaction for
#            the whole paper, store/copy_paper.cpp)
#   restore  `restore` of a `backup` of PAPER (made once, by BIN) into a new folder: its
#            checks, migrations and the search index with its related lists
# Per step: wall, user and system seconds (/usr/bin/time), and for restore the two times its
# log gives (articles indexed, related lists made).
#   PAPER=paper-100k BIN_BEFORE=sinmun-main bench/paper_copy.sh
#   PAPER=paper-100k BIN_BEFORE=sinmun-main STEPS=import ROUNDS=4 bench/paper_copy.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh" paper-copy
: "${PAPER:?PAPER=<a paper made by bench/archive.sh (KEEP_PAPER=…)>}"
: "${BIN_BEFORE:?BIN_BEFORE=<the sinmun binary to compare with>}"
ROUNDS=${ROUNDS:-3}
STEPS=${STEPS:-import restore}
export SINMUN_SHARE=${SINMUN_SHARE:-$PWD}

case " $STEPS " in *" import "*) "$BIN" export paper --data "$PAPER" --to "$work/dump" >/dev/null ;; esac
case " $STEPS " in *" restore "*) "$BIN" backup --data "$PAPER" --to "$work/paper.tar" >/dev/null ;; esac

timed() {  # label step binary args… -> one table row
  local label=$1 step=$2 binary=$3
  shift 3
  rm -rf "$work/new"
  sync  # the previous run's dirty pages written out before this one starts
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$binary" "$@" >"$work/log" 2>&1 ||
    { cat "$work/log" >&2; exit 1; }
  read -r wall user system <"$work/time"
  printf '| %s | %s | %.1f s | %.1f s | %.1f s | %s | %s |\n' "$label" "$step" "$wall" "$user" \
    "$system" "$(grep -o 'indexed in [0-9.]* s' "$work/log" | grep -o '[0-9.]* s' || echo -)" \
    "$(grep -o 'related lists in [0-9.]* s' "$work/log" | grep -o '[0-9.]* s' || echo -)"
}

echo "| binary | step | wall | user | system | articles indexed | related lists |"
echo "|---|---|---|---|---|---|---|"
for _ in $(seq "$ROUNDS"); do
  for label in before after; do
    binary=$BIN
    [ "$label" = before ] && binary=$BIN_BEFORE
    for step in $STEPS; do
      case $step in
        import) timed "$label" import "$binary" import paper --data "$work/new" --from "$work/dump" ;;
        restore) timed "$label" restore "$binary" restore --from "$work/paper.tar" --data "$work/new" ;;
        *) echo "unknown step $step (import, restore)" >&2; exit 2 ;;
      esac
    done
  done
done
rm -rf "$work/new"
machine
