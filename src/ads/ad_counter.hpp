#pragma once
// Counts banner impressions and clicks in memory on the request path and writes them to the
// store in batches (issue #7), like the article views of counters/: the caller leaves bots
// and HEAD requests out and names the visitor by the counters' visitor key; an impression
// counts once per visitor per slot per minute, a click once per visitor per campaign per slot
// per minute. Counts are filed under the KST day of the request. The dedup tables hold at
// most `max_dedup_bytes` (kDedupBytes: half a million to a million pairs): under a flood of
// new visitors the minute shortens instead (see counters::DedupTable::DropOlder).
//
// Durability: counts are in memory until the next flush (every flush_interval) and the one
// StopFlushing makes; kill -9 loses at most one interval's counts. A failed flush keeps its
// counts for the next one.
// Thread safety: Count* from any thread (16 shards, each a mutex held for one table probe and
// one map update); Flush, StartFlushing and StopFlushing from one controlling thread.

#include <array>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <span>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "counters/dedup_table.hpp"
#include "store/ad_book.hpp"

namespace sinmun::ads {

inline constexpr Timestamp kAdDedupSeconds = 60;

class AdCounter {
 public:
  static constexpr std::size_t kDedupBytes = std::size_t{16} << 20;
  // REQUIRES: store and clock outlive the counter.
  AdCounter(store::AdBook* store, const Clock* clock, std::chrono::milliseconds flush_interval,
            std::size_t max_dedup_bytes = kDedupBytes);
  ~AdCounter();
  AdCounter(const AdCounter&) = delete;
  AdCounter& operator=(const AdCounter&) = delete;

  struct Shown {
    store::AdCampaignId campaign = 0;
    std::size_t slot = 0;  // an index into kSlots
  };
  // `slot` is an index into kSlots. True when counted.
  bool CountImpression(store::AdCampaignId campaign, std::size_t slot, std::uint64_t visitor);
  // The impressions of one page view, under one lock (the visitor's shard); how many counted.
  int CountImpressions(std::span<const Shown> shown, std::uint64_t visitor);
  // Starts loading the dedup slots CountImpressions(shown, visitor) will probe: call it, do
  // the response's other work, then count (a new visitor's slots are cache misses).
  void PrefetchImpressions(std::span<const Shown> shown, std::uint64_t visitor) const;
  bool CountClick(store::AdCampaignId campaign, std::size_t slot, std::uint64_t visitor);

  // The counts since the last call.
  std::vector<store::AdCountDelta> TakePending();
  // Writes the pending counts in one transaction; on failure they stay pending.
  Result<> Flush();
  void StartFlushing();
  void StopFlushing();  // flushes a last time

 private:
  struct Key {
    store::AdCampaignId campaign;
    std::uint32_t slot;
    std::int64_t day;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& key) const;
  };
  struct Counts {
    std::int64_t impressions = 0;
    std::int64_t clicks = 0;
  };
  struct alignas(64) Shard {
    std::mutex mutex;
    counters::DedupTable seen;  // (visitor, slot[, campaign, click]) -> when it last counted
    std::unordered_map<Key, Counts, KeyHash> pending;
  };
  static constexpr std::size_t kShards = 16;

  // REQUIRES: shard.mutex held.
  bool CountLocked(Shard& shard, std::uint64_t dedup_hash, const Key& key, bool click,
                   Timestamp now);
  void GiveBack(const std::vector<store::AdCountDelta>& deltas);
  void FlushLoop();

  store::AdBook* store_;
  const Clock* clock_;
  std::chrono::milliseconds flush_interval_;
  std::array<Shard, kShards> shards_;
  const std::size_t most_per_shard_;  // entries a shard's table keeps when it drops

  std::mutex flush_mutex_;
  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;  // guarded by stop_mutex_
  std::thread flusher_;
};

}  // namespace sinmun::ads
