// In-process figures of issue #4 (docs/BENCHMARKS.md):
//   1. view events ingested per second on one core (ViewCounter::Record: dedup + pending
//      count), over 1,000,000 articles and 5,000,000 visitors, with a flush (TakePending)
//      every 5,000,000 events as the background thread would do. The events are stamped as
//      if they arrived at `rate` a second (default 1,000: 3.6 million views an hour), which
//      sets how many pairs the 30-minute dedup window holds (rate x 1,800);
//   2. the time of a top-7 read (Rankings::Top) with 1,000,000 articles in the rankings,
//      overall and per section;
//   3. how long a top-7 read waits at worst while a flush of 40,000 articles lands from a
//      thread at the flusher's priority (nice 10), with the cores busy (issue #14).
// Run: build/bench/counters_bench [events=20000000] [articles=1000000] [rate=1000]

#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
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

  // 3. A reader while a flush lands: a thread at the flusher's priority (nice 10) adds a flush
  // of 40,000 articles, as the news mix over a 1,000,000-article paper makes them, while two
  // busy threads take the cores as request threads do and a reader reads the top 7 in a loop.
  // The reader's longest read is what a request reading the rankings waits at worst.
  std::vector<store::HourlyViews> flush;
  for (int i = 0; i < 40'000; ++i) {
    const std::uint64_t r = Next(state);
    flush.push_back({static_cast<store::ArticleId>(r % articles) + 1,
                     static_cast<store::SectionId>(r % 30) + 1, hour,
                     static_cast<std::int64_t>(1 + (r >> 40) % 4)});
  }
  std::atomic<bool> landed{false};
  std::atomic<bool> started{false};
  std::vector<std::thread> busy;
  for (int i = 0; i < 2; ++i) {
    busy.emplace_back([&] {
      std::uint64_t spin = 1;
      while (!landed.load(std::memory_order_relaxed)) spin = Next(spin);
      checksum += static_cast<std::int64_t>(spin & 1);
    });
  }
  double flush_ms = 0;
  double flush_cpu_ms = 0;
  std::thread flusher([&] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
    started = true;
    const Steady::time_point t = Steady::now();
    const double cpu_before = ThreadCpuSeconds();
    rankings.Add(flush, now);
    flush_ms = Seconds(t) * 1e3;
    flush_cpu_ms = (ThreadCpuSeconds() - cpu_before) * 1e3;
    landed = true;
  });
  while (!started.load()) std::this_thread::yield();
  std::vector<double> waits;
  while (!landed.load()) {
    const Steady::time_point t = Steady::now();
    checksum +=
        static_cast<std::int64_t>(rankings.Top(counters::Window::k24Hours, std::nullopt, 7).size());
    waits.push_back(Seconds(t) * 1e3);
  }
  flusher.join();
  for (std::thread& thread : busy) thread.join();
  std::sort(waits.begin(), waits.end());
  const double p99 = waits.empty() ? 0 : waits[waits.size() * 99 / 100];
  std::printf(
      "a flush of 40000 articles added at nice 10 beside 2 busy threads: %.1f ms (%.1f ms of "
      "CPU); %zu top-7 reads meanwhile, longest %.2f ms, p99 %.1f us\n",
      flush_ms, flush_cpu_ms, waits.size(), waits.empty() ? 0 : waits.back(), p99 * 1e3);
  return 0;
}
