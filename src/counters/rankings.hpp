#pragma once
// Most-viewed rankings over sliding windows of whole UTC hours (24 h, 7 d, 30 d), overall and
// per section, kept up to date by the view flushes: each flush adds its hourly views and
// slides the windows to the current hour, subtracting the buckets that left them. Every
// (window, section) keeps its articles ordered by views, so a top-k read walks k entries:
// O(k), not a scan. Articles without views in the last 30 days take no memory.
//
// "Sliding": the 24 h window at 15:20 covers the hours from 16:00 yesterday through the
// current hour (15:00–15:59), so it moves by an hour at a time, not at midnight.
// Thread safety: any number of Top readers and one writer (the flusher) at a time; a
// reader-writer lock guards the structure.

#include <array>
#include <cstdint>
#include <map>
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

  void AdvanceLocked(std::int64_t hour);
  // Files a bucket of the last 30 days under its hour and returns its article's entry (its
  // sums not yet changed); null for a bucket outside the windows.
  Entry* KeepBucket(const store::HourlyViews& bucket);
  void AddLocked(const store::HourlyViews& bucket);
  void Change(store::ArticleId id, Entry& entry, int window, std::int64_t delta);

  mutable std::shared_mutex mutex_;
  std::int64_t current_hour_ = 0;  // windows end with this hour, inclusive
  std::unordered_map<store::ArticleId, Entry> entries_;
  std::map<std::int64_t, std::vector<std::pair<store::ArticleId, std::int64_t>>> buckets_;
  std::array<Order, 3> overall_;
  std::array<std::unordered_map<store::SectionId, Order>, 3> by_section_;
};

}  // namespace sinmun::counters
