#pragma once
// Counts article views in memory: once per visitor per article per 30 minutes, on the request
// path, in one of 64 shards chosen by visitor and article, each with its own small mutex held
// for two hash-table probes, so concurrent requests almost never wait for each other and
// never for a disk write. The flusher takes the pending counts in a batch (TakePending) and
// writes them to the store.
//
// Memory: one 16-byte dedup entry per (visitor, article) seen in the last 30 minutes; entries
// older than that are dropped at every TakePending.
// Thread safety: all methods may be called from any thread.

#include <array>
#include <cstdint>
#include <mutex>
#include <vector>

#include "core/time.hpp"
#include "counters/flat_map.hpp"
#include "store/records.hpp"

namespace sinmun::counters {

inline constexpr Timestamp kViewDedupSeconds = 30 * 60;

class ViewCounter {
 public:
  // Counts the view unless `visitor` had a counted view of `article` in the last 30 minutes
  // (before `now`); true when it counted.
  bool Record(store::ArticleId article, std::uint64_t visitor, Timestamp now);

  // The counts since the last call, one delta per article, and forgets dedup entries that
  // are 30 minutes old at `now` (at most once a minute).
  // REQUIRES: not called concurrently with itself.
  std::vector<store::ViewDelta> TakePending(Timestamp now);
  // Puts counts back, e.g. when writing them failed, so the next flush retries them.
  void GiveBack(const std::vector<store::ViewDelta>& deltas);

 private:
  static constexpr std::size_t kShards = 64;
  struct alignas(64) Shard {
    std::mutex mutex;
    FlatMap<std::uint32_t> last_counted;  // dedup key -> when it last counted (unix seconds)
    FlatMap<std::int64_t> pending;        // article id -> views not yet taken
  };
  std::array<Shard, kShards> shards_;
  Timestamp last_purge_ = 0;  // TakePending's own; REQUIRES: one flusher at a time
};

}  // namespace sinmun::counters
