// In-process figures of issue #4 (docs/BENCHMARKS.md):
//   1. view events ingested per second on one core (ViewCounter::Record: dedup + pending
//      count), over 1,000,000 articles and distinct visitors, with a flush (TakePending)
//      every 5,000,000 events as the background thread would do;
//   2. the time of a top-7 read (Rankings::Top) with 1,000,000 articles in the rankings,
//      overall and per section.
// Run: build/bench/counters_bench [events=20000000] [articles=1000000]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "counters/rankings.hpp"
#include "counters/view_counter.hpp"

namespace {

using Steady = std::chrono::steady_clock;

std::uint64_t Next(std::uint64_t& state) {  // xorshift64*
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 2685821657736338717ULL;
}

double Seconds(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sinmun;
  const long events = argc > 1 ? std::atol(argv[1]) : 20'000'000;
  const long articles = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const Timestamp now = 1'700'000'000;

  // 1. Ingest. Events are generated in the loop (a few ns each, included in the figure).
  counters::ViewCounter counter;
  std::uint64_t state = 88172645463325252ULL;
  long counted = 0;
  const Steady::time_point start = Steady::now();
  for (long i = 0; i < events; ++i) {
    const std::uint64_t r = Next(state);
    const store::ArticleId article = static_cast<store::ArticleId>(r % articles) + 1;
    const std::uint64_t visitor = (r >> 20) % (events / 4 + 1) + 1;  // repeats: some deduped
    counted += counter.Record(article, visitor, now + i / 1'000'000) ? 1 : 0;
    if ((i + 1) % 5'000'000 == 0) counter.TakePending(now + i / 1'000'000);
  }
  counter.TakePending(now + events / 1'000'000);
  const double ingest = Seconds(start);
  std::printf("ingest: %ld events (%ld counted, %ld deduped) in %.2f s: %.2f million events/s "
              "on one core\n",
              events, counted, events - counted, ingest, events / ingest / 1e6);

  // 2. Top-7 with every article in the rankings, 30 sections, views over the last 30 days.
  counters::Rankings rankings;
  std::vector<store::HourlyViews> buckets;
  buckets.reserve(static_cast<size_t>(articles));
  const std::int64_t hour = now / 3600;
  for (long id = 1; id <= articles; ++id) {
    const std::uint64_t r = Next(state);
    buckets.push_back({id, static_cast<store::SectionId>(r % 30) + 1,
                       hour - static_cast<std::int64_t>((r >> 8) % (30 * 24)),
                       static_cast<std::int64_t>((r >> 20) % 5000) + 1});
  }
  const Steady::time_point load = Steady::now();
  rankings.Reset(buckets, now);
  std::printf("rankings: %ld articles loaded in %.2f s\n", articles, Seconds(load));
  constexpr int kReads = 1'000'000;
  std::int64_t checksum = 0;
  for (counters::Window window :
       {counters::Window::k24Hours, counters::Window::k7Days, counters::Window::k30Days}) {
    Steady::time_point t = Steady::now();
    for (int i = 0; i < kReads; ++i) checksum += rankings.Top(window, std::nullopt, 7)[0].views;
    const double overall = Seconds(t) / kReads * 1e6;
    t = Steady::now();
    for (int i = 0; i < kReads; ++i) checksum += rankings.Top(window, 1 + i % 30, 7).size();
    const double section = Seconds(t) / kReads * 1e6;
    std::printf("top-7 %s: %.3f us overall, %.3f us per section\n", counters::WindowName(window),
                overall, section);
  }
  // A flush's worth of updates (2,000 articles) into the full rankings.
  std::vector<store::HourlyViews> batch;
  for (int i = 0; i < 2000; ++i) {
    const std::uint64_t r = Next(state);
    batch.push_back({static_cast<store::ArticleId>(r % articles) + 1,
                     static_cast<store::SectionId>(r % 30) + 1, hour, 3});
  }
  const Steady::time_point update = Steady::now();
  rankings.Add(batch, now);
  std::printf("rankings update: 2000 articles in %.2f ms; checksum %lld\n",
              Seconds(update) * 1e3, static_cast<long long>(checksum));
  return 0;
}
