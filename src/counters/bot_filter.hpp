#pragma once
// Which user agents are not readers: crawlers, bots, link-preview fetchers, monitors, HTTP
// libraries. The fragments come from one data file, src/counters/bots.txt, compiled in.
//
// Thread safety: IsBot may be called from any thread. Answers are remembered in a small
// lock-free table keyed by a hash of the user agent, because real traffic repeats a few
// hundred user agents and matching every fragment costs microseconds.

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::counters {

class BotFilter {
 public:
  // Reads the fragments of bots.txt.
  BotFilter();
  // True for an empty user agent or one that contains a listed fragment (case ignored).
  bool IsBot(std::string_view user_agent) const;
  std::size_t fragment_count() const { return fragments_.size(); }

 private:
  bool Match(std::string_view user_agent) const;

  std::vector<std::string> fragments_;
  // (hash << 1) | is_bot, 0 for empty. A collision only costs a fresh match.
  mutable std::array<std::atomic<std::uint64_t>, 4096> remembered_{};
};

}  // namespace sinmun::counters
