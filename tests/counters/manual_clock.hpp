#pragma once
// A clock a test moves by hand (Set, Advance); thread safe.

#include <atomic>

#include "core/time.hpp"

namespace sinmun::counters {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp now) : now_(now) {}
  Timestamp Now() const override { return now_.load(); }
  void Set(Timestamp now) { now_.store(now); }
  void Advance(Timestamp seconds) { now_.fetch_add(seconds); }

 private:
  std::atomic<Timestamp> now_;
};

}  // namespace sinmun::counters
