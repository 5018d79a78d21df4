#include "counters/pending_views.hpp"

namespace sinmun::counters {

PendingViews::~PendingViews() {
  for (std::atomic<Chunk*>& chunk : chunks_) delete chunk.load();
}

void PendingViews::Add(store::ArticleId id, std::int64_t views) {
  const auto index = static_cast<std::uint64_t>(id);
  if (id <= 0 || index >> 32 != 0 || views > UINT32_MAX / 2) {
    std::lock_guard lock(overflow_mutex_);
    overflow_[id] += views;
    return;
  }
  std::atomic<Chunk*>& slot = chunks_[index >> kChunkBits];
  Chunk* chunk = slot.load(std::memory_order_acquire);
  if (chunk == nullptr) {
    auto fresh = std::make_unique<Chunk>();
    if (slot.compare_exchange_strong(chunk, fresh.get(), std::memory_order_acq_rel)) {
      chunk = fresh.release();
    }  // else another thread installed one: `chunk` now points to it
  }
  // Count first, then make sure the chunk is marked, all sequentially consistent (on x86 the
  // same instructions as relaxed ones, the increment being a locked add anyway). If this load
  // sees the mark still set, it comes before Take's clearing exchange in the single order of
  // these operations, so Take's reads after its exchange see the count; if it sees the mark
  // cleared, it sets it and the next Take finds the count. No count is ever left unmarked,
  // so the last flush at shutdown takes every one.
  chunk->counts[index & (kChunkSize - 1)].fetch_add(static_cast<std::uint32_t>(views),
                                                    std::memory_order_seq_cst);
  if (!chunk->dirty.load(std::memory_order_seq_cst))
    chunk->dirty.store(true, std::memory_order_seq_cst);
}

std::vector<store::ViewDelta> PendingViews::Take() {
  std::vector<store::ViewDelta> deltas;
  for (std::size_t c = 0; c < kChunks; ++c) {
    Chunk* chunk = chunks_[c].load(std::memory_order_acquire);
    if (chunk == nullptr || !chunk->dirty.exchange(false, std::memory_order_seq_cst)) continue;
    for (std::size_t i = 0; i < kChunkSize; ++i) {
      if (chunk->counts[i].load(std::memory_order_seq_cst) == 0) continue;
      const std::uint32_t views = chunk->counts[i].exchange(0, std::memory_order_seq_cst);
      if (views != 0) {
        deltas.push_back({static_cast<store::ArticleId>((c << kChunkBits) | i), views});
      }
    }
  }
  std::lock_guard lock(overflow_mutex_);
  for (const auto& [id, views] : overflow_) deltas.push_back({id, views});
  overflow_.clear();
  return deltas;
}

std::uint64_t PendingViews::Sum() {
  std::uint64_t sum = 0;
  for (std::size_t c = 0; c < kChunks; ++c) {
    const Chunk* chunk = chunks_[c].load(std::memory_order_acquire);
    // Counts wait only in marked chunks (Add marks after counting).
    if (chunk == nullptr || !chunk->dirty.load(std::memory_order_relaxed)) continue;
    for (const std::atomic<std::uint32_t>& count : chunk->counts) {
      sum += count.load(std::memory_order_relaxed);
    }
  }
  std::lock_guard lock(overflow_mutex_);
  for (const auto& [id, views] : overflow_) sum += static_cast<std::uint64_t>(views);
  return sum;
}

}  // namespace sinmun::counters
