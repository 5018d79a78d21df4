#pragma once
// When each (visitor, article) pair last counted, in 8 bytes a pair: a 40-bit fingerprint of
// the pair's 64-bit hash and the second it counted modulo 2^24 (194 days), in one
// open-addressing table whose slot is derived from the fingerprint (so the table can be
// rebuilt from its entries). Two pairs share an entry only if all 40 fingerprint bits agree:
// with 2 million pairs in the window, about one view in 500,000 is wrongly taken for a
// repeat. Half the memory of a key + value table, so more of it stays in cache.
// Thread safety: none; the view counter guards each table with its shard's mutex.

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <limits>
#include <vector>

namespace sinmun::counters {

// SplitMix64's finalizer: spreads the bits of a key over all 64, for combining the parts of a
// dedup key (visitor, article or slot) before DedupTable and shard selection use it.
inline std::uint64_t MixBits(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class DedupTable {
 public:
  DedupTable() : slots_(256, 0) { Publish(); }

  // Asks the CPU to start loading the slot `hash` would probe, without the shard's lock: a
  // new pair's slot is a cache miss in a table of millions, and the request has other work
  // (the page) to do meanwhile. The table may be swapped concurrently, so this can touch a
  // stale or wrong address; a prefetch never faults, and it only costs a useless load then.
  void Prefetch(std::uint64_t hash) const {
    const std::uint64_t* slots = published_slots_.load(std::memory_order_relaxed);
    const std::size_t mask = published_mask_.load(std::memory_order_relaxed);
    __builtin_prefetch(slots + (SlotOf(Fingerprint(hash)) & mask), 1);
  }

  // True, and remembers `now`, unless `hash` counted less than `window` seconds before now.
  bool CountIfOlder(std::uint64_t hash, std::int64_t now, std::int64_t window) {
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const std::uint64_t print = Fingerprint(hash);
    std::uint64_t& slot = *Find(print);
    const std::uint64_t stamp = static_cast<std::uint64_t>(now) & kStampMask;
    if (slot != 0 &&
        ((stamp - (slot & kStampMask)) & kStampMask) < static_cast<std::uint64_t>(window)) {
      return false;
    }
    if (slot == 0) ++size_;
    slot = (print << kStampBits) | stamp;
    return true;
  }

  // Drops the entries at least `window` seconds old at `now`, leaving the table at most a
  // quarter full, so that calling this whenever Full() costs amortized O(1) per insert.
  // With more than `most` entries younger than that, the oldest of them go too, a second of
  // stamps at a time, until at most `most` are left: under a flood of new pairs the window
  // shortens instead of the memory growing with the request rate. The table then never
  // holds more than RoundUp(4 * most) slots.
  void DropOlder(std::int64_t now, std::int64_t window,
                 std::size_t most = std::numeric_limits<std::size_t>::max()) {
    const std::uint64_t stamp = static_cast<std::uint64_t>(now) & kStampMask;
    auto age = [&](std::uint64_t slot) { return (stamp - (slot & kStampMask)) & kStampMask; };
    auto live = [&](std::uint64_t slot) {
      return slot != 0 && age(slot) < static_cast<std::uint64_t>(window);
    };
    std::size_t kept = 0;
    for (std::uint64_t slot : slots_) kept += live(slot) ? 1 : 0;
    if (kept > most) {
      // Entries per age in seconds; the window becomes the most seconds whose entries fit.
      std::vector<std::size_t> per_second(static_cast<std::size_t>(window), 0);
      for (std::uint64_t slot : slots_) {
        if (live(slot)) ++per_second[age(slot)];
      }
      std::int64_t seconds = 0;
      kept = 0;
      while (seconds < window && kept + per_second[seconds] <= most) kept += per_second[seconds++];
      window = seconds;
    }
    std::vector<std::uint64_t> old(RoundUp(kept * 4), 0);
    old.swap(slots_);
    Publish();
    size_ = 0;
    for (std::uint64_t slot : old) {
      if (live(slot)) Insert(slot);
    }
  }

  bool Full() const { return (size_ + 1) * 2 > slots_.size(); }
  // The `most` for DropOlder that keeps a table within about `bytes`: after a drop it holds
  // four slots of 8 bytes for each entry kept, and it fills to half before the next drop.
  static constexpr std::size_t MostWithin(std::size_t bytes) {
    return std::max<std::size_t>(1, bytes / (4 * sizeof(std::uint64_t)));
  }
  std::size_t size() const { return size_; }

 private:
  static constexpr int kStampBits = 24;
  static constexpr std::uint64_t kStampMask = (std::uint64_t{1} << kStampBits) - 1;

  static std::uint64_t Fingerprint(std::uint64_t hash) {
    const std::uint64_t print = hash >> kStampBits;  // 40 bits
    return print == 0 ? 1 : print;
  }
  // From the fingerprint's top 32 bits (the hash's), so that hashes sharing them sit side
  // by side, in one cache line: the ads counter gives one visitor's slots such hashes, and a
  // page view's three impressions then cost one miss instead of three.
  static std::size_t SlotOf(std::uint64_t print) {
    return ((print >> 8) * 0x9e3779b97f4a7c15ULL) >> 20;
  }
  std::uint64_t* Find(std::uint64_t print) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = SlotOf(print) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0 || (slots_[i] >> kStampBits) == print) return &slots_[i];
    }
  }
  void Insert(std::uint64_t slot) {
    *Find(slot >> kStampBits) = slot;
    ++size_;
  }
  static std::size_t RoundUp(std::size_t n) {
    std::size_t p = 256;
    while (p < n) p <<= 1;
    return p;
  }
  void Grow() {
    std::vector<std::uint64_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    Publish();
    size_ = 0;
    for (std::uint64_t slot : old) {
      if (slot != 0) Insert(slot);
    }
  }

  void Publish() {
    published_slots_.store(slots_.data(), std::memory_order_relaxed);
    published_mask_.store(slots_.size() - 1, std::memory_order_relaxed);
  }

  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
  // slots_.data() and its mask for Prefetch, which reads them without the lock.
  std::atomic<const std::uint64_t*> published_slots_{nullptr};
  std::atomic<std::size_t> published_mask_{0};
};

}  // namespace sinmun::counters
