#!/usr/bin/python3
"""Issue #14, (f): the best page cache hit share that bench/archive.sh's timeline allows.

Replays bench/news_mix.lua's draw over archive.sh's (f) timeline (the small and the big server
each warmed by 5 s of its mix, then windows of 10 s: small, big with the recent half among the
newest 6,250, big with it among the newest sixteenth, twice) at the req/s a run measured, and
counts the hits of the best cache of N article pages: one that holds the N articles the mix asks
for most, and every other page. It still misses a page asked for the first time in the page's
ttl. N = 0 holds every page: only first asks miss.

With a hit's and a miss's server CPU (a fit to a run's windows), it also projects each big
window's req/s against the small paper's, as CPU per request = hits x hit + misses x miss.

  bench/hit_ceiling.py --rates 9587 8951 6887 --pages 8000 20000 0
"""
import argparse
import math
import random

SMALL, BIG = 100_000, 1_000_000
RECENT = SMALL // 16
SECTIONS, QUERIES = 8, 50  # the demo paper's sections; bench/search_queries.tsv's queries


def article_offset(max_id, recent):
    """How far back from the newest article news_mix.lua's draw lands (its article_offset)."""
    if random.random() < 0.5 or recent >= max_id:
        return math.floor(recent * random.random() ** 4)
    t = ((1 + random.random()) / 2) ** 4
    return math.floor(recent + (t - 1 / 16) * (max_id - recent) * 16 / 15)


def page(max_id, recent):
    """One request of the mix, as the page cache key it looks up."""
    r = random.random()
    if r < 0.80:
        return ("article", article_offset(max_id, recent))
    if r < 0.86:
        return ("front",)
    if r < 0.93:
        return ("section", random.randrange(SECTIONS),
                1 if random.random() < 0.75 else random.randint(2, 5))
    if r < 0.95:
        return ("most-viewed", random.randrange(3))
    return ("search", random.randrange(QUERIES))


def most_asked(max_id, recent, pages):
    """The offsets of the `pages` articles the draw lands on most: (a, b) such that those are
    the offsets below a and those from `recent` to below b. The draw's density falls with the
    offset within each half: 0.125 x^-3/4 recent^-1/4 among the newest `recent`, and
    0.25 y^-3/4 / k beyond them, where y = 1/16 + (x - recent) / k and k = (max_id - recent) 16/15.
    """
    k = (max_id - recent) * 16 / 15

    def held(density):  # offsets of each half whose density is at least `density`
        a = min(recent, (0.125 / (density * recent ** 0.25)) ** (4 / 3))
        y = (0.25 / (density * k)) ** (4 / 3)
        b = min(max_id, max(recent, recent + (y - 1 / 16) * k))
        return a, b

    low, high = 1e-12, 1.0
    for _ in range(200):
        middle = math.sqrt(low * high)
        a, b = held(middle)
        if a + (b - recent) > pages:
            low = middle
        else:
            high = middle
    return held(high)


def replay(rates, pages, ttl):
    """Hit shares (all lookups, article reads) of each window kind over the timeline."""
    small_rate, big_rate, wide_rate = rates
    windows = [("warm", "small", SMALL, RECENT, 5, small_rate),
               ("warm", "big", BIG, RECENT, 5, big_rate)]
    windows += [("small", "small", SMALL, RECENT, 10, small_rate),
                ("big", "big", BIG, RECENT, 10, big_rate),
                ("wide", "big", BIG, BIG // 16, 10, wide_rate)] * 2
    asked = {"small": {}, "big": {}}  # per server: page -> when it was last rendered
    counts = {}
    now = 0.0
    for kind, server, max_id, recent, seconds, rate in windows:
        held = most_asked(max_id, recent, pages) if pages else None
        count = counts.setdefault(kind, [0, 0, 0, 0])
        requests = int(seconds * rate)
        for i in range(requests):
            key = page(max_id, recent)
            at = now + seconds * i / requests
            is_article = key[0] == "article"
            if is_article and held and not (key[1] < held[0] or recent <= key[1] < held[1]):
                hit = False
            else:
                rendered = asked[server].get(key)
                hit = rendered is not None and at - rendered < ttl
                if not hit:
                    asked[server][key] = at
            count[0] += hit
            count[1] += 1
            count[2] += hit and is_article
            count[3] += is_article
        now += seconds
    return {kind: (c[0] / c[1], c[2] / c[3]) for kind, c in counts.items() if kind != "warm"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rates", type=float, nargs=3, required=True,
                        metavar=("SMALL", "BIG", "WIDE"), help="req/s of each window kind")
    parser.add_argument("--pages", type=int, nargs="+", default=[8000, 20000, 0],
                        help="article pages the cache holds (0: every page)")
    parser.add_argument("--ttl", type=float, default=60, help="page_cache_seconds")
    parser.add_argument("--hit-ms", type=float, default=0.035, help="server CPU of a hit")
    parser.add_argument("--miss-ms", type=float, nargs=2, default=[0.344, 0.37],
                        metavar=("SMALL", "BIG"), help="server CPU of a miss on each paper")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print("| article pages held | small: hits (articles) | big: hits (articles) "
          "| wide: hits (articles) | big / small, projected | wide / small, projected |")
    print("|---|---|---|---|---|---|")
    for pages in args.pages:
        random.seed(args.seed)
        shares = replay(args.rates, pages, args.ttl)

        def cpu(kind, miss):
            return shares[kind][0] * args.hit_ms + (1 - shares[kind][0]) * miss

        small = cpu("small", args.miss_ms[0])
        print(f"| {pages if pages else 'all'} | "
              + " | ".join(f"{shares[k][0]:.3f} ({shares[k][1]:.3f})" for k in ("small", "big", "wide"))
              + f" | {small / cpu('big', args.miss_ms[1]):.2f}"
              + f" | {small / cpu('wide', args.miss_ms[1]):.2f} |")


if __name__ == "__main__":
    main()
