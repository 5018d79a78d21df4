#pragma once
// Most-viewed rankings over sliding windows of whole UTC hours (24 h, 7 d, 30 d), overall and
// per section, kept up to date by the view flushes: each flush adds its hourly views and
// slides the windows to the current hour, subtracting the buckets that left them. Every
// (window, section) keeps its articles ordered by views, so a top-k read walks k entries:
// O(k), not a scan. Articles without views in the last 30 days take no memory.
//
// "Sliding": the 24 h window at 15:20 covers the hours from 16:00 yesterday through the
// current hour (15:00–15:59), so it moves by an hour at a time, not at midnight.
// Thread safety: any number of Top readers and writers (the flusher, the Redis exchange) from
// any thread. Writers take turns (write_mutex_) and change the structure in slices of
// kSliceChanges under a reader-writer lock that they let go between slices, and a load is
// built aside and swapped in: the flusher runs at a low priority, and one flush of 37,313
// articles under the news mix of a 1,000,000-article paper held the lock for 0.55 s of wall
// time (0.11 s of CPU), while a request reading the rankings (the most-viewed box made again,
// a /most-viewed miss) held its I/O thread, and every connection of that thread, waiting;
// on busy cores, seconds (bench/counters_bench, docs/BENCHMARKS.md). A reader between two
// slices sees part of a flush, as it would see the flush a moment earlier or later.

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/time.hpp"
#include "store/records.hpp"

namespace sinmun::counters {

enum class Window { k24Hours = 0, k7Days = 1, k30Days = 2 };
inline constexpr std::array<std::int64_t, 3> kWindowHours = {24, 7 * 24, 30 * 24};
// "24h", "7d", "30d" <-> Window; nullopt for anything else.
std::optional<Window> ParseWindow(std::string_view name);
const char* WindowName(Window window);

struct RankedView {
  store::ArticleId id = 0;
  std::int64_t views = 0;
};

class Rankings {
 public:
  // Forgets everything and rebuilds from `buckets` as of `now` (older buckets are ignored).
  void Reset(const std::vector<store::HourlyViews>& buckets, Timestamp now);
  // Slides the windows to `now`, then adds `added` (buckets of hours outside the 30-day
  // window are ignored).
  void Add(const std::vector<store::HourlyViews>& added, Timestamp now);
  // Slides the windows to `now`'s hour. Time never goes back: an earlier `now` does nothing.
  void Advance(Timestamp now);
  // The same for readers: nothing when a writer is at work (the flusher slides the windows at
  // every flush), so that a read never waits for one.
  void AdvanceUnlessWriting(Timestamp now);

  // The `limit` articles with the most views in `window` (in `section` when given), most
  // first, ties by higher id (newer) first.
  std::vector<RankedView> Top(Window window, std::optional<store::SectionId> section,
                              int limit) const;
  // The same for the current hour alone (the 통계 page's "now"), summed from its buckets:
  // O(the hour's buckets), a few thousand on a large paper, not an ordered set kept by
  // every flush.
  std::vector<RankedView> TopOfHour(std::optional<store::SectionId> section, int limit) const;

 private:
  using Order = std::set<std::pair<std::int64_t, store::ArticleId>, std::greater<>>;
  struct Entry {
    store::SectionId section = 0;
    std::array<std::int64_t, 3> views{};  // per window
  };
  // How many changes of the ordered sets a writer makes per hold of the lock.
  static constexpr std::size_t kSliceChanges = 512;

  struct State {
    // Files a bucket of the last 30 days under its hour and returns its article's entry (its
    // sums not yet changed); null for a bucket outside the windows.
    Entry* KeepBucket(const store::HourlyViews& bucket);
    void AddBucket(const store::HourlyViews& bucket);
    void Change(store::ArticleId id, Entry& entry, int window, std::int64_t delta);

    std::int64_t current_hour = 0;  // windows end with this hour, inclusive
    std::unordered_map<store::ArticleId, Entry> entries;
    std::map<std::int64_t, std::vector<std::pair<store::ArticleId, std::int64_t>>> buckets;
    std::array<Order, 3> overall;
    std::array<std::unordered_map<store::SectionId, Order>, 3> by_section;
  };

  // Slides the windows to `hour` in slices. REQUIRES: write_mutex_ held.
  void AdvanceWriting(std::int64_t hour);

  std::mutex write_mutex_;           // one writer at a time
  mutable std::shared_mutex mutex_;  // guards state_: shared to read, unique to change
  State state_;
};

}  // namespace sinmun::counters
