#pragma once
// How often each key was asked for lately, estimated in a few bits per key: what the page cache
// admits a new page by when it is full (TinyLFU, as in Caffeine's W-TinyLFU). Without it every
// archive page asked for once pushes out a page that would have been asked for again.
//
// A count-min sketch: four 8-bit counters per key, all in one 64-byte block of the table, so a
// Record touches one cache line. (4-bit counters, as Caffeine has, filled up at 15 for the
// thousand newest articles of the news mix, and a new page could not beat a full victim.) An
// estimate is the least of a key's four counters (collisions only ever add). Every `window` counted
// requests all counters are halved, so what was popular an hour ago fades and a page readers start
// asking for now can win its way in.
//
// Thread safety: Record and Frequency from any thread without a lock (relaxed atomics on the
// packed words; a halving racing with a Record may lose that one count, which an estimate can
// afford). A key whose four counters are full costs loads only, no write, so the hits on a hot
// page do not make its cache line bounce between cores.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace sinmun::site {

class FrequencySketch {
 public:
  static constexpr int kMaxFrequency = 255;

  // `entries`: how many keys the cache may hold; the table has 16 counters per entry. The
  // counters are halved after 10 x `entries` counted requests, and the count of requests with
  // them, so again after each 5 x `entries` more (as Caffeine does).
  explicit FrequencySketch(std::size_t entries);

  // Counts one request for the key whose hash is `hash` (any well-spread 64-bit hash).
  void Record(std::uint64_t hash);
  // About how many times it was asked for lately, 0 to kMaxFrequency.
  int Frequency(std::uint64_t hash) const;

 private:
  struct Cells {
    std::size_t word[4];
    int shift[4];
  };
  Cells CellsFor(std::uint64_t hash) const;
  void Halve();

  std::size_t blocks_;  // a power of two; each block is 8 words of 8 counters
  std::unique_ptr<std::atomic<std::uint64_t>[]> words_;
  std::uint64_t window_;
  std::atomic<std::uint64_t> counted_{0};  // Records that raised a counter since the last halving
};

}  // namespace sinmun::site
