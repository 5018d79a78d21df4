#pragma once
// Counters that request threads bump without sharing a cache line: each thread adds to its own
// stripe (a relaxed atomic in a line of its own), and a reader sums the stripes. For metrics on
// the hot path, where one shared atomic would bounce between cores on every request.
// Thread safety: Add from any thread; Value from any thread (a sum of relaxed loads, so it may
// miss adds racing with it, never counts one twice).

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace sinmun {

inline constexpr std::size_t kCounterStripes = 8;

// This thread's stripe: threads are numbered in the order they first ask.
inline std::size_t ThreadStripe() {
  static std::atomic<std::size_t> next{0};
  thread_local const std::size_t stripe = next.fetch_add(1) % kCounterStripes;
  return stripe;
}

class StripedCounter {
 public:
  void Add(std::uint64_t n = 1) {
    stripes_[ThreadStripe()].value.fetch_add(n, std::memory_order_relaxed);
  }
  std::uint64_t Value() const {
    std::uint64_t total = 0;
    for (const Stripe& stripe : stripes_) total += stripe.value.load(std::memory_order_relaxed);
    return total;
  }

 private:
  struct alignas(64) Stripe {
    std::atomic<std::uint64_t> value{0};
  };
  std::array<Stripe, kCounterStripes> stripes_;
};

}  // namespace sinmun
