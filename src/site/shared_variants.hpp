#pragma once
// Private to site/: parts that many pages show alike but in a few variants, such as the
// masthead with one section highlighted: one value per variant's key, all of them made again
// after a change to the paper (the page cache's generation moved) or once `max_age` old, like
// SharedPart's single value. Two threads that miss the same key at once may both make it (the
// parts kept here are renders of values SharedPart already keeps, not store reads); the last
// one made is kept. At most kMaxVariants keys are kept: past that, all are dropped.
// A failed make is returned to its caller and keeps nothing.
// Thread safety: all methods from any thread.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/error.hpp"
#include "site/shared_part.hpp"

namespace sinmun::site {

template <typename T>
class SharedVariants {
 public:
  static constexpr std::size_t kMaxVariants = 256;

  // A max_age of 0 makes the part on every call (the page cache is off).
  explicit SharedVariants(std::chrono::milliseconds max_age) : max_age_(max_age) {}

  // The variant `key` as of `generation`; `make` is called (without the lock) when it is
  // missing or out of date. Make: () -> Result<T>.
  template <typename Make>
  Result<std::shared_ptr<const T>> Get(std::uint64_t generation, const std::string& key,
                                       Make&& make) {
    if (max_age_.count() > 0) {
      const std::lock_guard lock(mutex_);
      const auto found = entries_.find(key);
      if (found != entries_.end() && found->second.FreshAt(generation, max_age_)) {
        return found->second.value;
      }
    }
    Result<T> made = make();
    if (!made) return tl::unexpected(made.error());
    auto value = std::make_shared<const T>(std::move(*made));
    if (max_age_.count() > 0) {
      const std::lock_guard lock(mutex_);
      if (entries_.size() >= kMaxVariants) entries_.clear();
      entries_.insert_or_assign(key, Entry{value, generation, Clock::now()});
    }
    return value;
  }

 private:
  using Entry = KeptPart<T>;
  using Clock = typename Entry::Clock;

  const std::chrono::milliseconds max_age_;
  std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace sinmun::site
