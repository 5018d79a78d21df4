#pragma once
// Counts article views in memory: once per visitor per article per 30 minutes, on the request
// path. The dedup check runs in one of 64 shards chosen by a hash of (visitor, article), each
// with its own small mutex held for one hash-table probe, so concurrent requests almost never
// wait for each other (a popular article's readers spread over all shards) and never for a
// disk write; the count itself is a lock-free atomic increment (PendingViews). The flusher takes
// the pending counts in a batch (TakePending) and writes them to the store.
//
// Memory: one 8-byte dedup entry per (visitor, article) seen in the last 30 minutes (see
// dedup_table.hpp), in tables kept at most half full; older entries are dropped when a table
// would have to grow. At most `max_bytes` in all: beyond the pairs that fit (kDedupBytes:
// 2 to 4 million, more than a paper's readers see in 30 minutes), a flood of new pairs
// shortens the window in which a pair counts once, rather than the memory growing with it.
// Thread safety: all methods may be called from any thread.

#include <array>
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "core/time.hpp"
#include "counters/dedup_table.hpp"
#include "counters/pending_views.hpp"
#include "store/records.hpp"

namespace sinmun::counters {

inline constexpr Timestamp kViewDedupSeconds = 30 * 60;

class ViewCounter {
 public:
  static constexpr std::size_t kDedupBytes = std::size_t{64} << 20;
  explicit ViewCounter(std::size_t max_bytes = kDedupBytes);

  // Counts the view unless `visitor` had a counted view of `article` in the last 30 minutes
  // (before `now`); true when it counted.
  bool Record(store::ArticleId article, std::uint64_t visitor, Timestamp now);
  // Starts loading what Record(article, visitor, ...) will touch; call it early in the
  // request, do other work, then Record.
  void Prefetch(store::ArticleId article, std::uint64_t visitor) const;

  // Remembers that `visitor` has seen `article` at `now` without counting a view: the same
  // reader under a second key (see Counters::CountView), so a view under that key within 30
  // minutes is a repeat.
  void MarkSeen(store::ArticleId article, std::uint64_t visitor, Timestamp now);

  // The counts since the last call, one delta per article.
  std::vector<store::ViewDelta> TakePending();
  // How many views wait for TakePending.
  std::uint64_t PendingSum() { return pending_.Sum(); }
  // How many (visitor, article) pairs are remembered for dedup (some may be older than 30
  // minutes and not yet dropped).
  std::size_t DedupEntries();
  // Puts counts back, e.g. when writing them failed, so the next flush retries them.
  void GiveBack(const std::vector<store::ViewDelta>& deltas);

 private:
  static constexpr std::size_t kShards = 64;
  static std::uint64_t PairKey(store::ArticleId article, std::uint64_t visitor);
  // A spin lock: it is held for one probe of a table, far shorter than a futex round trip.
  class SpinLock {
   public:
    void lock() {
      while (locked_.exchange(true, std::memory_order_acquire)) {
        while (locked_.load(std::memory_order_relaxed)) Pause();
      }
    }
    void unlock() { locked_.store(false, std::memory_order_release); }

   private:
    static void Pause() {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#else
      std::this_thread::yield();
#endif
    }
    std::atomic<bool> locked_{false};
  };
  struct alignas(64) Shard {
    SpinLock mutex;
    DedupTable last_counted;  // (visitor, article) -> when it last counted
  };
  std::array<Shard, kShards> shards_;
  const std::size_t most_per_shard_;  // entries a shard keeps when it drops (DedupTable)
  PendingViews pending_;
};

}  // namespace sinmun::counters
