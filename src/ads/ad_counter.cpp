#include "ads/ad_counter.hpp"

#include <spdlog/spdlog.h>

#include "ads/slots.hpp"
#include "core/background_priority.hpp"

namespace sinmun::ads {

using counters::MixBits;

std::size_t AdCounter::KeyHash::operator()(const Key& key) const {
  return MixBits(static_cast<std::uint64_t>(key.campaign) * 31 + key.slot) ^
         static_cast<std::uint64_t>(key.day);
}

AdCounter::AdCounter(store::AdBook* store, const Clock* clock,
                     std::chrono::milliseconds flush_interval, std::size_t max_dedup_bytes)
    : store_(store),
      clock_(clock),
      flush_interval_(flush_interval),
      most_per_shard_(counters::DedupTable::MostWithin(max_dedup_bytes / kShards)) {}

AdCounter::~AdCounter() { StopFlushing(); }

// Impressions and clicks of one visitor share a shard (chosen by the visitor), so a page
// view's impressions take one lock. The dedup hash names (visitor, slot) for impressions, as
// the rule is one per visitor per slot per minute whichever campaign, and (visitor, campaign,
// slot) for clicks.
bool AdCounter::CountImpression(store::AdCampaignId campaign, std::size_t slot,
                                std::uint64_t visitor) {
  const Shown shown[] = {{campaign, slot}};
  return CountImpressions(shown, visitor) == 1;
}

// The visitor in the top 32 bits, the slot in the 8 below (the table keeps bits 24-63): one
// visitor's slots share their place in the dedup table (see DedupTable::SlotOf), so a page
// view's impressions probe one cache line.
static std::uint64_t ImpressionHash(std::uint64_t visitor, std::size_t slot) {
  static_assert(kSlots.size() < 255);
  return (MixBits(visitor) & 0xffff'ffff'0000'0000ULL) | (std::uint64_t{slot + 1} << 24);
}

void AdCounter::PrefetchImpressions(std::span<const Shown> shown, std::uint64_t visitor) const {
  if (shown.empty()) return;
  shards_[MixBits(visitor) % kShards].seen.Prefetch(ImpressionHash(visitor, shown.front().slot));
}

int AdCounter::CountImpressions(std::span<const Shown> shown, std::uint64_t visitor) {
  const Timestamp now = clock_->Now();
  const std::int64_t day = KstDay(now);
  Shard& shard = shards_[MixBits(visitor) % kShards];
  int counted = 0;
  std::lock_guard lock(shard.mutex);
  for (const Shown& one : shown) {
    const std::uint64_t hash = ImpressionHash(visitor, one.slot);
    counted +=
        CountLocked(shard, hash, Key{one.campaign, static_cast<std::uint32_t>(one.slot), day},
                    /*click=*/false, now)
            ? 1
            : 0;
  }
  return counted;
}

bool AdCounter::CountClick(store::AdCampaignId campaign, std::size_t slot, std::uint64_t visitor) {
  const Timestamp now = clock_->Now();
  const std::uint64_t hash = MixBits(
      visitor ^ MixBits((static_cast<std::uint64_t>(campaign) << 8) ^ (slot + 1) ^ (1ULL << 63)));
  Shard& shard = shards_[MixBits(visitor) % kShards];
  std::lock_guard lock(shard.mutex);
  return CountLocked(shard, hash, Key{campaign, static_cast<std::uint32_t>(slot), KstDay(now)},
                     /*click=*/true, now);
}

bool AdCounter::CountLocked(Shard& shard, std::uint64_t dedup_hash, const Key& key, bool click,
                            Timestamp now) {
  if (shard.seen.Full()) shard.seen.DropOlder(now, kAdDedupSeconds, most_per_shard_);
  if (!shard.seen.CountIfOlder(dedup_hash, now, kAdDedupSeconds)) return false;
  Counts& counts = shard.pending[key];
  ++(click ? counts.clicks : counts.impressions);
  return true;
}

std::vector<store::AdCountDelta> AdCounter::TakePending() {
  std::vector<store::AdCountDelta> deltas;
  for (Shard& shard : shards_) {
    std::unordered_map<Key, Counts, KeyHash> taken;
    {
      std::lock_guard lock(shard.mutex);
      taken.swap(shard.pending);
    }
    for (const auto& [key, counts] : taken) {
      deltas.push_back({.campaign_id = key.campaign,
                        .slot = std::string(kSlots[key.slot].name),
                        .day = key.day,
                        .impressions = counts.impressions,
                        .clicks = counts.clicks});
    }
  }
  return deltas;
}

void AdCounter::GiveBack(const std::vector<store::AdCountDelta>& deltas) {
  for (const store::AdCountDelta& delta : deltas) {
    const std::optional<std::size_t> slot = SlotIndex(delta.slot);
    if (!slot) continue;
    const Key key{delta.campaign_id, static_cast<std::uint32_t>(*slot), delta.day};
    Shard& shard = shards_[KeyHash()(key) % kShards];
    std::lock_guard lock(shard.mutex);
    Counts& counts = shard.pending[key];
    counts.impressions += delta.impressions;
    counts.clicks += delta.clicks;
  }
}

Result<> AdCounter::Flush() {
  std::lock_guard lock(flush_mutex_);
  std::vector<store::AdCountDelta> pending = TakePending();
  if (pending.empty()) return {};
  if (Result<> added = store_->AddAdCounts(pending); !added) {
    GiveBack(pending);
    return added;
  }
  return {};
}

void AdCounter::StartFlushing() {
  std::lock_guard lock(stop_mutex_);
  if (flusher_.joinable()) return;
  stopping_ = false;
  flusher_ = std::thread([this] {
    LowerThisThreadsPriority();
    FlushLoop();
  });
}

void AdCounter::StopFlushing() {
  {
    std::lock_guard lock(stop_mutex_);
    if (!flusher_.joinable()) return;
    stopping_ = true;
  }
  stop_signal_.notify_all();
  flusher_.join();
}

void AdCounter::FlushLoop() {
  std::unique_lock lock(stop_mutex_);
  for (;;) {
    const bool stop = stop_signal_.wait_for(lock, flush_interval_, [this] { return stopping_; });
    lock.unlock();
    // This thread handles the failure: log it; the counts stay pending for the next try.
    if (Result<> flushed = Flush(); !flushed) {
      spdlog::error("ads: flushing impressions and clicks failed: {}", flushed.error().detail);
    }
    lock.lock();
    if (stop) return;
  }
}

}  // namespace sinmun::ads
