#include "site/frequency_sketch.hpp"

#include <algorithm>
#include <bit>

namespace sinmun::site {
namespace {

constexpr std::size_t kWordsPerBlock = 8;  // 64 bytes: one cache line
constexpr std::uint64_t kFull = FrequencySketch::kMaxFrequency;

// The page cache picks a shard from the low bits of the same std::hash, so the sketch mixes
// them again (a 64-bit finalizer, splitmix64's) before it takes its own bits from them.
std::uint64_t Mix(std::uint64_t h) {
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

}  // namespace

FrequencySketch::FrequencySketch(std::size_t entries)
    // Two words (16 counters) per entry.
    : blocks_(std::bit_ceil(std::max<std::size_t>(entries, 4)) * 2 / kWordsPerBlock),
      words_(new std::atomic<std::uint64_t>[blocks_ * kWordsPerBlock]),
      window_(10 * std::max<std::size_t>(entries, 1)) {
  for (std::size_t i = 0; i < blocks_ * kWordsPerBlock; ++i) {
    words_[i].store(0, std::memory_order_relaxed);
  }
}

FrequencySketch::Cells FrequencySketch::CellsFor(std::uint64_t hash) const {
  const std::uint64_t h = Mix(hash);
  // The low half picks the block; each byte of the high half picks one counter of one row,
  // and row i lives in words 2i and 2i+1 of the block (8 counters each).
  const std::size_t block = (h & (blocks_ - 1)) * kWordsPerBlock;
  Cells cells;
  for (int row = 0; row < 4; ++row) {
    const auto byte = static_cast<unsigned>((h >> (32 + 8 * row)) & 0xff);
    cells.word[row] = block + 2 * row + (byte & 1);
    cells.shift[row] = static_cast<int>(((byte >> 1) & 7) * 8);
  }
  return cells;
}

void FrequencySketch::Record(std::uint64_t hash) {
  const Cells cells = CellsFor(hash);
  bool raised = false;
  for (int row = 0; row < 4; ++row) {
    std::atomic<std::uint64_t>& word = words_[cells.word[row]];
    const int shift = cells.shift[row];
    std::uint64_t value = word.load(std::memory_order_relaxed);
    while (((value >> shift) & kFull) != kFull) {
      if (word.compare_exchange_weak(value, value + (std::uint64_t{1} << shift),
                                     std::memory_order_relaxed)) {
        raised = true;
        break;
      }
    }
  }
  // Only requests that raised a counter count towards the window: a hot page's hits then
  // write nothing shared at all.
  if (raised && counted_.fetch_add(1, std::memory_order_relaxed) + 1 == window_) Halve();
}

int FrequencySketch::Frequency(std::uint64_t hash) const {
  const Cells cells = CellsFor(hash);
  std::uint64_t least = kFull;
  for (int row = 0; row < 4; ++row) {
    const std::uint64_t value = words_[cells.word[row]].load(std::memory_order_relaxed);
    least = std::min(least, (value >> cells.shift[row]) & kFull);
  }
  return static_cast<int>(least);
}

void FrequencySketch::Halve() {
  // Only the Record that brought the count to exactly `window_` gets here, and the count goes
  // back to half the window after: a second halving would need half a window of Records
  // (100,000 for the site's cache) during this loop over a few hundred KB.
  constexpr std::uint64_t kKeepHighBits = 0x7f7f7f7f7f7f7f7fULL;
  for (std::size_t i = 0; i < blocks_ * kWordsPerBlock; ++i) {
    std::uint64_t value = words_[i].load(std::memory_order_relaxed);
    while (!words_[i].compare_exchange_weak(value, (value >> 1) & kKeepHighBits,
                                            std::memory_order_relaxed)) {
    }
  }
  counted_.fetch_sub(window_ / 2, std::memory_order_relaxed);
}

}  // namespace sinmun::site
