#include "counters/view_counter.hpp"

namespace sinmun::counters {

std::uint64_t ViewCounter::PairKey(store::ArticleId article, std::uint64_t visitor) {
  return MixBits(visitor ^ MixBits(static_cast<std::uint64_t>(article)));
}

ViewCounter::ViewCounter(std::size_t max_bytes)
    : most_per_shard_(DedupTable::MostWithin(max_bytes / kShards)) {}

void ViewCounter::Prefetch(store::ArticleId article, std::uint64_t visitor) const {
  const std::uint64_t key = PairKey(article, visitor);
  shards_[key % kShards].last_counted.Prefetch(key);
}

bool ViewCounter::Record(store::ArticleId article, std::uint64_t visitor, Timestamp now) {
  const std::uint64_t key = PairKey(article, visitor);
  Shard& shard = shards_[key % kShards];
  std::lock_guard lock(shard.mutex);
  // Old entries are dropped when the table would otherwise grow: memory stays about twice
  // the pairs seen in the last 30 minutes, at an amortized O(1) cost per view.
  if (shard.last_counted.Full()) {
    shard.last_counted.DropOlder(now, kViewDedupSeconds, most_per_shard_);
  }
  if (!shard.last_counted.CountIfOlder(key, now, kViewDedupSeconds)) return false;
  pending_.Add(article, 1);
  return true;
}

void ViewCounter::MarkSeen(store::ArticleId article, std::uint64_t visitor, Timestamp now) {
  const std::uint64_t key = PairKey(article, visitor);
  Shard& shard = shards_[key % kShards];
  std::lock_guard lock(shard.mutex);
  if (shard.last_counted.Full()) {
    shard.last_counted.DropOlder(now, kViewDedupSeconds, most_per_shard_);
  }
  shard.last_counted.CountIfOlder(key, now, kViewDedupSeconds);
}

std::vector<store::ViewDelta> ViewCounter::TakePending() { return pending_.Take(); }

std::size_t ViewCounter::DedupEntries() {
  std::size_t entries = 0;
  for (Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    entries += shard.last_counted.size();
  }
  return entries;
}

void ViewCounter::GiveBack(const std::vector<store::ViewDelta>& deltas) {
  for (const store::ViewDelta& delta : deltas) pending_.Add(delta.article_id, delta.views);
}

}  // namespace sinmun::counters
