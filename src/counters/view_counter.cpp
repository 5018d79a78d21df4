#include "counters/view_counter.hpp"

#include <unordered_map>

namespace sinmun::counters {
namespace {

std::uint64_t Mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

bool ViewCounter::Record(store::ArticleId article, std::uint64_t visitor, Timestamp now) {
  std::uint64_t key = Mix(visitor ^ Mix(static_cast<std::uint64_t>(article)));
  if (key == 0) key = 1;
  Shard& shard = shards_[key % kShards];
  const auto when = static_cast<std::uint32_t>(now);
  std::lock_guard lock(shard.mutex);
  std::uint32_t& last = shard.last_counted[key];
  if (last != 0 && static_cast<Timestamp>(when) - static_cast<Timestamp>(last) < kViewDedupSeconds) {
    return false;
  }
  last = when;
  ++shard.pending[static_cast<std::uint64_t>(article)];
  return true;
}

std::vector<store::ViewDelta> ViewCounter::TakePending(Timestamp now) {
  // Dropping old dedup entries rebuilds a shard's table under its lock; once a minute is
  // enough to bound memory and keeps the lock short on most flushes.
  const bool purge = now - last_purge_ >= 60;
  if (purge) last_purge_ = now;
  std::unordered_map<store::ArticleId, std::int64_t> totals;
  for (Shard& shard : shards_) {
    FlatMap<std::int64_t> taken;
    {
      std::lock_guard lock(shard.mutex);
      std::swap(taken, shard.pending);
      if (purge) shard.last_counted.Retain([now](std::uint64_t, std::uint32_t last) {
        return now - static_cast<Timestamp>(last) < kViewDedupSeconds;
      });
    }
    for (const auto& slot : taken.slots()) {
      if (slot.key != 0) totals[static_cast<store::ArticleId>(slot.key)] += slot.value;
    }
  }
  std::vector<store::ViewDelta> deltas;
  deltas.reserve(totals.size());
  for (const auto& [article, views] : totals) deltas.push_back({article, views});
  return deltas;
}

void ViewCounter::GiveBack(const std::vector<store::ViewDelta>& deltas) {
  for (const store::ViewDelta& delta : deltas) {
    Shard& shard = shards_[Mix(static_cast<std::uint64_t>(delta.article_id)) % kShards];
    std::lock_guard lock(shard.mutex);
    shard.pending[static_cast<std::uint64_t>(delta.article_id)] += delta.views;
  }
}

}  // namespace sinmun::counters
