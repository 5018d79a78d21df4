#pragma once
// Writes of reader activity: view counts and their sources (batched by counters/), and
// recommends.
// Thread safety: all methods may be called concurrently from any thread.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

class ReaderActivity {
 public:
  virtual ~ReaderActivity() = default;

  // Adds each delta to its article's total views, to the article's bucket for `hour` (unix
  // seconds / 3600) and to its section's and each of its reporters' buckets for that hour, all
  // in one transaction. Returns what was added with each article's section; deltas of unknown
  // articles are left out (and not stored). views <= 0 is skipped.
  virtual Result<std::vector<HourlyViews>> AddViews(std::int64_t hour,
                                                    const std::vector<ViewDelta>& deltas) = 0;

  // Adds each count to its (slot, referrer, mobile) row, all in one transaction; views <= 0
  // is skipped. kInvalidInput for an unknown referrer class (nothing is written then).
  virtual Result<> AddSlotViews(const std::vector<SlotViews>& views) = 0;
  // Deletes the slot rows of slots before `slot`.
  virtual Result<> DropSlotViewsBefore(std::int64_t slot) = 0;

  // Every hourly bucket with hour >= from_hour, for rebuilding the rankings at start.
  virtual Result<std::vector<HourlyViews>> HourlyViewsSince(std::int64_t from_hour) const = 0;

  // Records that `visitor` (an opaque hash) recommends the article, once: a second call for
  // the same pair counts nothing and returns counted = false. kNotFound unless published.
  virtual Result<RecommendResult> Recommend(ArticleId id, std::string_view visitor,
                                            Timestamp now) = 0;
};

}  // namespace sinmun::store
