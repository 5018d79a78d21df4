#pragma once
// Private to site/: a part that many pages show alike (the most-viewed box, the section bar,
// the site settings), made once and reused by every render until a change to the paper (the
// page cache's generation moved) or until it is `max_age` old, instead of once per page.
// While one thread makes it again, the others go on with the previous one; with none yet they
// wait for it, so a burst of misses makes it once. A failed make is returned to its caller
// and keeps nothing. Thread safety: all methods from any thread.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>

#include "core/error.hpp"

namespace sinmun::site {

// A part as made, with what says whether it may still be shown: the page cache's generation
// it was made at and when. SharedPart and SharedVariants keep their parts in these.
template <typename T>
struct KeptPart {
  using Clock = std::chrono::steady_clock;
  std::shared_ptr<const T> value;
  std::uint64_t generation = 0;
  Clock::time_point made;

  bool FreshAt(std::uint64_t current, std::chrono::milliseconds max_age) const {
    return generation == current && Clock::now() - made < max_age;
  }
};

template <typename T>
class SharedPart {
 public:
  // A max_age of 0 makes the part on every call (the page cache is off).
  explicit SharedPart(std::chrono::milliseconds max_age) : max_age_(max_age) {}

  // The part as of `generation`; `make` is called (with no lock held by others' reads) when
  // it is missing or out of date. Make: () -> Result<T>.
  template <typename Make>
  Result<std::shared_ptr<const T>> Get(std::uint64_t generation, Make&& make) {
    if (max_age_.count() <= 0) return Made(make());
    std::shared_ptr<const Entry> current = Current();
    if (Fresh(current.get(), generation)) return current->value;
    std::unique_lock maker(make_mutex_, std::try_to_lock);
    if (!maker.owns_lock()) {
      if (current) return current->value;  // being made again: the previous one meanwhile
      maker.lock();
      current = Current();
      if (Fresh(current.get(), generation)) return current->value;
    }
    Result<std::shared_ptr<const T>> made = Made(make());
    if (!made) return made;
    auto entry = std::make_shared<const Entry>(Entry{*made, generation, Clock::now()});
    const std::lock_guard lock(entry_mutex_);
    entry_ = std::move(entry);
    return made;
  }

 private:
  using Entry = KeptPart<T>;
  using Clock = typename Entry::Clock;

  static Result<std::shared_ptr<const T>> Made(Result<T> made) {
    if (!made) return tl::unexpected(made.error());
    return std::make_shared<const T>(std::move(*made));
  }
  std::shared_ptr<const Entry> Current() const {
    const std::lock_guard lock(entry_mutex_);
    return entry_;
  }
  bool Fresh(const Entry* entry, std::uint64_t generation) const {
    return entry != nullptr && entry->FreshAt(generation, max_age_);
  }

  const std::chrono::milliseconds max_age_;
  mutable std::mutex entry_mutex_;
  std::shared_ptr<const Entry> entry_;
  std::mutex make_mutex_;  // one maker at a time
};

}  // namespace sinmun::site
