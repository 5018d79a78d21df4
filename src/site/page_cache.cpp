#include "site/page_cache.hpp"

#include <limits>
#include <mutex>

#include "site/ad_splice.hpp"

namespace sinmun::site {

PageCache::PageCache(const store::ChangeFeed* store, Options options)
    : store_(store), options_(options) {}

std::int64_t PageCache::NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void PageCache::MaybeCheckChanges(std::int64_t now_ns) {
  std::int64_t due = next_check_ns_.load(std::memory_order_relaxed);
  if (now_ns < due) return;
  const std::int64_t next = now_ns + std::chrono::nanoseconds(options_.check_interval).count();
  if (!next_check_ns_.compare_exchange_strong(due, next, std::memory_order_relaxed)) return;
  const Result<std::int64_t> sequence = store_->ChangeSequence();
  // A store that cannot answer now leaves pages as they are until it can (or they expire).
  if (!sequence) return;
  if (last_sequence_.exchange(*sequence) != *sequence) Clear();
}

PageCache::Lookup PageCache::Find(std::string_view key) {
  const std::int64_t now_ns = NowNs();
  MaybeCheckChanges(now_ns);
  Lookup lookup;
  lookup.generation = generation_.load(std::memory_order_acquire);
  const Shard& shard = ShardFor(key);
  const std::shared_lock lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found != shard.slots.end() && found->second.expires_ns > now_ns) {
    lookup.page = found->second.page;
  }
  return lookup;
}

void PageCache::Insert(std::string key, std::uint64_t generation, std::shared_ptr<const Page> page,
                       Freshness freshness) {
  if (options_.ttl.count() <= 0 || !page) return;
  const std::int64_t now_ns = NowNs();
  Slot slot;
  slot.bytes = key.size() + (page->body.bytes ? page->body.bytes->size() : 0) +
               (page->body.gzip ? page->body.gzip->size() : 0) + (page->ads ? page->ads->bytes : 0);
  slot.expires_ns = freshness == Freshness::kUntilChange
                        ? std::numeric_limits<std::int64_t>::max()
                        : now_ns + std::chrono::nanoseconds(options_.ttl).count();
  slot.page = std::move(page);

  Shard& shard = ShardFor(key);
  const std::unique_lock lock(shard.mutex);
  // Clear() bumps the generation before it takes the shard locks, so a render that started
  // before a drop is refused here, or its entry is removed by that Clear() right after.
  if (generation_.load(std::memory_order_acquire) != generation) return;
  const std::size_t max_entries = options_.max_entries / kShards + 1;
  const std::size_t max_bytes = options_.max_bytes / kShards + 1;
  // A page larger than a shard's share (a 50,000-URL sitemap file) is served but not kept,
  // and must not empty its shard of the pages that do fit.
  if (slot.bytes > max_bytes) return;
  if (shard.slots.size() >= max_entries || shard.bytes + slot.bytes > max_bytes) {
    std::erase_if(shard.slots, [&](const auto& entry) {
      if (entry.second.expires_ns > now_ns) return false;
      shard.bytes -= entry.second.bytes;
      return true;
    });
    if (shard.slots.size() >= max_entries || shard.bytes + slot.bytes > max_bytes) {
      shard.slots.clear();
      shard.bytes = 0;
    }
  }
  const auto [it, inserted] = shard.slots.try_emplace(std::move(key));
  if (!inserted) shard.bytes -= it->second.bytes;
  shard.bytes += slot.bytes;
  it->second = std::move(slot);
}

void PageCache::Erase(std::string_view key) {
  Shard& shard = ShardFor(key);
  std::unique_lock lock(shard.mutex);
  const auto found = shard.slots.find(key);
  if (found == shard.slots.end()) return;
  shard.bytes -= found->second.bytes;
  shard.slots.erase(found);
}

void PageCache::Clear() {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  for (Shard& shard : shards_) {
    const std::unique_lock lock(shard.mutex);
    shard.slots.clear();
    shard.bytes = 0;
  }
}

std::size_t PageCache::size() const {
  std::size_t total = 0;
  for (const Shard& shard : shards_) {
    const std::shared_lock lock(shard.mutex);
    total += shard.slots.size();
  }
  return total;
}

}  // namespace sinmun::site
