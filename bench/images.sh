#!/usr/bin/env bash
# Benchmark of issue #19's bar "the cached article page's req/s with images is within 5 % of
# today's, measured in the same run, since images are separate requests": on one demo paper
# with pictures, wrk (a browser's User-Agent, gzip, 2 threads, 64 connections) on a cached
# article page with a lead photo and photos placed in its body, then on a cached article page
# without any photo of its own, in one run. Prints both req/s, the ratio and the page sizes.
# On a shared machine the load drifts while it runs, so the two pages are measured in turns,
# ROUNDS times (the order swapped every round), and the medians compared.
# The article with photos is written and published through the newsroom form (an editor
# added with `sinmun user add`), with a lead photo and two body photos ([사진 2], [사진 3]).
#   bench/images.sh
#   ARTICLES=2000 DURATION=5s ROUNDS=1 bench/images.sh   (a quicker look)
set -euo pipefail
source "$(dirname "$0")/lib.sh" images
ARTICLES=${ARTICLES:-20000}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18090}
agent="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"

echo "== sinmun demo --articles $ARTICLES"
make_paper "$work/data" "$ARTICLES"
printf 'demo load: %.1f s\n' "$demo_seconds"
printf 'bench editor password\n' >"$work/password"
"$BIN" user add --data "$work/data" --email bench@example.com --name 벤치 --role editor \
  --password-file "$work/password" >/dev/null
start_sinmun "$work/data" "$PORT"
base="http://127.0.0.1:$PORT"

# The article with photos: the demo's first three pictures, the lead and two in the body.
jar="$work/cookies"
newsroom_sign_in "$base" bench@example.com "$work/password" "$jar"
csrf=$(curl -fs -b "$jar" "$base/newsroom/articles/new" |
  sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
body=$'첫 문단이다. 대전시가 오늘 새 사업을 발표했다.\n\n[사진 2]\n\n둘째 문단이다. 시민들의 반응은 엇갈렸다.\n\n[사진 3]\n\n셋째 문단이다.'
location=$(curl -fs -o /dev/null -w '%{redirect_url}' -b "$jar" \
  --data-urlencode "csrf=$csrf" --data-urlencode "section=1" \
  --data-urlencode "headline=사진 세 장을 실은 기사" --data-urlencode "body=$body" \
  --data-urlencode "reporter=1" --data-urlencode "photo_id=1" \
  --data-urlencode "photo_caption=대표 사진 설명" --data-urlencode "photo_credit=ⓒ 한밭일보 사진부" \
  --data-urlencode "more_photo_id=2" --data-urlencode "more_photo_caption=본문 사진 설명" \
  --data-urlencode "more_photo_credit=사진=대전시 제공" --data-urlencode "more_photo_position=1" \
  --data-urlencode "more_photo_id=3" --data-urlencode "more_photo_caption=본문 사진 설명 둘" \
  --data-urlencode "more_photo_credit=사진=대전시 제공" --data-urlencode "more_photo_position=2" \
  "$base/newsroom/articles")
with_id=$(echo "$location" | sed -n 's|.*/newsroom/articles/\([0-9]*\).*|\1|p')
[ -n "$with_id" ] || { echo "the article form did not save the article ($location)" >&2; exit 1; }
curl -fs -o /dev/null -b "$jar" --data-urlencode "csrf=$csrf" \
  "$base/newsroom/articles/$with_id/publish"

# The article without a photo: the first from the middle of the paper whose page has no lead
# or body photo (the most-viewed box's thumbnails are on both pages alike).
without_id=""
for id in $(seq $((ARTICLES / 2)) $((ARTICLES / 2 + 50))); do
  if ! curl -fs -A "$agent" "$base/article/$id" | grep -q 'class="lead-photo"\|class="body-photo"'; then
    without_id=$id
    break
  fi
done
[ -n "$without_id" ] || { echo "no article without a photo near $((ARTICLES / 2))" >&2; exit 1; }

page_facts() {  # id -> "gzip_bytes plain_bytes figures images"
  local url="$base/article/$1" plain
  plain=$(curl -fs -A "$agent" "$url")
  printf '%s %s %s %s\n' \
    "$(curl -fs -A "$agent" -H 'Accept-Encoding: gzip' "$url" | wc -c)" \
    "$(printf '%s' "$plain" | wc -c)" \
    "$(printf '%s' "$plain" | grep -o 'class="lead-photo"\|class="body-photo"' | wc -l)" \
    "$(printf '%s' "$plain" | grep -o '<img ' | wc -l)"
}
read -r with_gz with_plain with_figures with_imgs < <(page_facts "$with_id")
read -r without_gz without_plain without_figures without_imgs < <(page_facts "$without_id")
[ "$with_figures" -eq 3 ] || echo "warning: /article/$with_id shows $with_figures photo figures, not 3" >&2

run_wrk() {  # URL -> "req/s p99_ms"
  local rps p99
  wrk -t2 -c64 -d"$DURATION" --latency -H "User-Agent: $agent" -H 'Accept-Encoding: gzip' "$1" \
    >"$work/wrk.out"
  read -r rps _ p99 < <(wrk_stats "$work/wrk.out")
  echo "$rps $p99"
}
curl -fs -o /dev/null -A "$agent" "$base/article/$with_id"  # both cached before they are measured
curl -fs -o /dev/null -A "$agent" "$base/article/$without_id"
with_all=()
without_all=()
for round in $(seq "$ROUNDS"); do
  if [ $((round % 2)) -eq 1 ]; then
    read -r rps p99 < <(run_wrk "$base/article/$with_id"); with_all+=("$rps $p99")
    read -r rps p99 < <(run_wrk "$base/article/$without_id"); without_all+=("$rps $p99")
  else
    read -r rps p99 < <(run_wrk "$base/article/$without_id"); without_all+=("$rps $p99")
    read -r rps p99 < <(run_wrk "$base/article/$with_id"); with_all+=("$rps $p99")
  fi
  echo "round $round: with photos ${with_all[-1]% *} req/s p99 ${with_all[-1]#* } ms," \
    "without ${without_all[-1]% *} req/s p99 ${without_all[-1]#* } ms"
done
with_rps=$(printf '%s\n' "${with_all[@]}" | cut -d' ' -f1 | median)
with_p99=$(printf '%s\n' "${with_all[@]}" | cut -d' ' -f2 | median)
without_rps=$(printf '%s\n' "${without_all[@]}" | cut -d' ' -f1 | median)
without_p99=$(printf '%s\n' "${without_all[@]}" | cut -d' ' -f2 | median)
echo
echo "| cached article page | gzip bytes | bytes | photo figures | <img> | req/s (median of $ROUNDS) | p99 |"
echo "|---|---|---|---|---|---|---|"
printf '| /article/%s, lead + 2 body photos | %d | %d | %d | %d | %.0f | %.2f ms |\n' \
  "$with_id" "$with_gz" "$with_plain" "$with_figures" "$with_imgs" "$with_rps" "$with_p99"
printf '| /article/%s, no photo of its own | %d | %d | %d | %d | %.0f | %.2f ms |\n' \
  "$without_id" "$without_gz" "$without_plain" "$without_figures" "$without_imgs" "$without_rps" \
  "$without_p99"
echo
printf 'ratio with/without photos: %.3f (bar: >= 0.95)\n' "$(echo "scale=4; $with_rps / $without_rps" | bc)"
machine
