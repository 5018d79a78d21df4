// In-process figures of issue #4 (docs/BENCHMARKS.md):
//   1. view events ingested per second on one core (ViewCounter::Record: dedup + pending
//      count), over 1,000,000 articles and 5,000,000 visitors, with a flush (TakePending)
//      every 5,000,000 events as the background thread would do. The events are stamped as
//      if they arrived at `rate` a second (default 1,000: 3.6 million views an hour), which
//      sets how many pairs the 30-minute dedup window holds (rate x 1,800);
//   2. the time of a top-7 read (Rankings::Top) with 1,000,000 articles in the rankings,
//      overall and per section.
// Run: build/bench/counters_bench [events=20000000] [articles=1000000] [rate=1000]

#include <time.h>

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

// CPU time of this thread: the machine is shared, so wall time overstates a core's cost.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

// A number below n from 64 random bits without a division (Lemire's multiply-shift), so that
// generating events costs little next to what is measured.
std::uint64_t Below(std::uint64_t random, std::uint64_t n) {
  return static_cast<std::uint64_t>((static_cast<unsigned __int128>(random) * n) >> 64);
}

double Seconds(Steady::time_point start) {
  return std::chrono::duration<double>(Steady::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sinmun;
  const long events = argc > 1 ? std::atol(argv[1]) : 20'000'000;
  const long articles = argc > 2 ? std::atol(argv[2]) : 1'000'000;
  const long rate = argc > 3 ? std::atol(argv[3]) : 1'000;
  const Timestamp now = 1'700'000'000;

  // 1. Ingest. Events are generated in the loop (a few ns each, included in the figure).
  counters::ViewCounter counter;
  std::uint64_t state = 88172645463325252ULL;
  long counted = 0;
  const Steady::time_point start = Steady::now();
  const double cpu_start = ThreadCpuSeconds();
  Timestamp clock = now;
  long tick = 0;
  for (long i = 0; i < events; ++i) {
    if (++tick == rate) {  // the simulated clock: one second every `rate` events
      tick = 0;
      ++clock;
    }
    const std::uint64_t r = Next(state);
    const store::ArticleId article = static_cast<store::ArticleId>(Below(r, articles)) + 1;
    // 5 million visitors: some pairs repeat within 30 minutes and are deduped.
    const std::uint64_t visitor = Below(r * 0x9e3779b97f4a7c15ULL, 5'000'000) + 1;
    counted += counter.Record(article, visitor, clock) ? 1 : 0;
    if ((i + 1) % 5'000'000 == 0) counter.TakePending();
  }
  counter.TakePending();
  const double ingest = Seconds(start);
  const double cpu = ThreadCpuSeconds() - cpu_start;
  std::printf(
      "ingest: %ld events at a simulated %ld/s (%ld counted, %ld deduped): %.2f s of "
      "CPU (%.2f s wall): %.2f million events/s per core (%.2f by wall time); %zu dedup "
      "entries at the end\n",
      events, rate, counted, events - counted, cpu, ingest, events / cpu / 1e6,
      events / ingest / 1e6, counter.DedupEntries());

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
  std::printf("rankings update: 2000 articles in %.2f ms; checksum %lld\n", Seconds(update) * 1e3,
              static_cast<long long>(checksum));
  return 0;
}
