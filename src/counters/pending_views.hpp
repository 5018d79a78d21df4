#pragma once
// Views counted but not yet written, one relaxed atomic counter per article id in chunks of
// 65,536 allocated on first use: adding a view is one atomic increment in a few megabytes of
// counters (no lock, no hashing), and a flush walks only the chunks touched since the last.
// Ids at or above 2^32 (none in practice: ids are assigned from 1 upwards) go to a small
// map under a mutex.
// Thread safety: Add from any number of threads; Take from one thread at a time.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "store/records.hpp"

namespace sinmun::counters {

class PendingViews {
 public:
  PendingViews() = default;
  ~PendingViews();
  PendingViews(const PendingViews&) = delete;
  PendingViews& operator=(const PendingViews&) = delete;

  void Add(store::ArticleId id, std::int64_t views);
  // Every article's views since the last Take, and zeroes them.
  std::vector<store::ViewDelta> Take();
  // How many views wait for the next Take (for metrics: adds racing with it may be missed).
  std::uint64_t Sum();

 private:
  static constexpr int kChunkBits = 16;
  static constexpr std::size_t kChunkSize = std::size_t{1} << kChunkBits;
  static constexpr std::size_t kChunks = std::size_t{1} << (32 - kChunkBits);
  struct Chunk {
    std::atomic<bool> dirty{false};
    std::array<std::atomic<std::uint32_t>, kChunkSize> counts{};
  };

  std::array<std::atomic<Chunk*>, kChunks> chunks_{};
  std::mutex overflow_mutex_;
  std::unordered_map<store::ArticleId, std::int64_t> overflow_;  // guarded by overflow_mutex_
};

}  // namespace sinmun::counters
