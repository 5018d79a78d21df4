#!/usr/bin/env bash
# Issue #19: Lighthouse (npm `lighthouse`, pinned in package.json) in its default mobile
# emulation and throttling, through Debian's Chromium, on the four page kinds a reader sees
# most: the front page, a section page, an article with photos (a lead photo and photos in the
# body) and a 포토뉴스 gallery. One demo paper of ARTICLES (300) articles with its pictures.
# Prints one line a page: performance, accessibility, best practices, SEO, CLS, LCP and TBT;
# with RUNS > 1 each page is audited RUNS times and the run of median performance is shown.
# The JSON reports are kept in REPORTS (a folder) when it is set.
#   bench/lighthouse.sh
#   RUNS=3 REPORTS=build/lighthouse bench/lighthouse.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh" lighthouse
ARTICLES=${ARTICLES:-300}
RUNS=${RUNS:-1}
PORT=${PORT:-18190}
base="http://127.0.0.1:$PORT"
lighthouse=node_modules/.bin/lighthouse
[ -x "$lighthouse" ] || { echo "no $lighthouse: run make deps" >&2; exit 1; }
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

machine
make_paper "$work/paper" "$ARTICLES"
start_sinmun "$work/paper" "$PORT"

# The first link on PATH whose address matches PATTERN (an extended regex on the href).
first_link() {  # path pattern
  curl -s "$base$1" | grep -oE "href=\"$2\"" | head -1 | sed -e 's/^href="//' -e 's/"$//'
}
section=$(first_link / '/section/[^"?#]+')
gallery=$(first_link /photos '/article/[0-9]+')
# An article with a lead photo and photos in its body (the demo's "[사진 N]" markers).
article=""
for candidate in $(curl -s "$base$section" | grep -oE 'href="/article/[0-9]+"' |
                   sed -e 's/^href="//' -e 's/"$//' | awk '!seen[$0]++'); do
  if curl -s "$base$candidate" | grep -q 'class="body-photo"'; then
    article=$candidate
    break
  fi
done
if [ -z "$section" ] || [ -z "$gallery" ] || [ -z "$article" ]; then
  echo "the demo paper lacks a page kind: section '$section', gallery '$gallery'," \
    "article with body photos '$article'" >&2
  exit 1
fi

# Lighthouse's JSON report -> "performance accessibility best-practices seo cls lcp_ms tbt_ms"
scores() {  # report.json
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const c = (k) => Math.round(r.categories[k].score * 100);
    const a = (k) => r.audits[k].numericValue;
    console.log([c("performance"), c("accessibility"), c("best-practices"), c("seo"),
                 a("cumulative-layout-shift").toFixed(3),
                 Math.round(a("largest-contentful-paint")), Math.round(a("total-blocking-time"))]
                .join(" "));' "$1"
}

# The weighted audits of a report that did not pass: "page category: id (score): title".
failing() {  # name report.json
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
    for (const [k, cat] of Object.entries(r.categories)) {
      for (const ref of cat.auditRefs) {
        const a = r.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          console.log(`  ${process.argv[1]} ${k}: ${a.id} (${a.score}): ${a.title}`);
        }
      }
    }' "$1" "$2"
}

audit() {  # name path -> prints the table row
  local name=$1 path=$2 n report rows=()
  for n in $(seq "$RUNS"); do
    report="$work/$name-$n.json"
    nice "$lighthouse" "$base$path" --quiet --output=json --output-path="$report" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null
    rows+=("$(scores "$report") $report")
  done
  local row
  row=$(printf '%s\n' "${rows[@]}" | sort -n -k1,1 | sed -n "$(( (RUNS + 1) / 2 ))p")
  read -r perf a11y bp seo cls lcp tbt report <<<"$row"
  printf '| %s (`%s`) | %s | %s | %s | %s | %s | %s ms | %s ms |\n' \
    "$name" "$path" "$perf" "$a11y" "$bp" "$seo" "$cls" "$lcp" "$tbt"
  failing "$name" "$report" >>"$work/failing.txt"
  if [ -n "${REPORTS:-}" ]; then
    mkdir -p "$REPORTS"
    cp "$report" "$REPORTS/$name.json"
  fi
}

echo
echo "| page | performance | accessibility | best practices | SEO | CLS | LCP | TBT |"
echo "|---|---|---|---|---|---|---|---|"
: >"$work/failing.txt"
audit front /
audit section "$section"
audit article "$article"
audit gallery "$gallery"
if [ -s "$work/failing.txt" ]; then
  echo
  echo "audits below 1 (weighted):"
  cat "$work/failing.txt"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
