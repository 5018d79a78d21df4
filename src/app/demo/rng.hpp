#pragma once
// A small deterministic random source for the demo paper: SplitMix64, and plain modulo for
// ranges. The std:: distributions are not used on purpose: their output differs between
// standard libraries, and the demo must give the same paper for the same seed everywhere.
// The modulo bias is below n / 2^64, far too small to matter for word choice.
//
// Callers draw at most once per expression: the order in which C++ evaluates function
// arguments and the operands of + is unspecified, so f(rng.Below(5), rng.Below(3)) could
// differ between compilers.
//
// Thread safety: none; one Rng per thread of work.

#include <cstdint>
#include <vector>

#include "core/check.hpp"

namespace sinmun::app::demo {

// One SplitMix64 step: advances `state` and returns a well-mixed 64-bit value.
inline std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A seed for an independent stream: the same (seed, stream, index) always gives the same value,
// so one article's words do not depend on how many articles came before it.
inline std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  std::uint64_t state = seed;
  state ^= SplitMix64(state) + stream;
  state ^= SplitMix64(state) + index;
  return SplitMix64(state);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() { return SplitMix64(state_); }

  // Uniform in [0, n). REQUIRES: n > 0.
  std::uint64_t Below(std::uint64_t n) {
    SINMUN_CHECK(n > 0);
    return Next() % n;
  }

  // Uniform in [lo, hi], both ends included. REQUIRES: lo <= hi.
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    SINMUN_CHECK(lo <= hi);
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // True with probability percent / 100.
  bool Percent(int percent) { return static_cast<int>(Below(100)) < percent; }

  // REQUIRES: !items.empty().
  template <typename T>
  const T& Pick(const std::vector<T>& items) {
    return items[Below(items.size())];
  }

 private:
  std::uint64_t state_;
};

}  // namespace sinmun::app::demo
