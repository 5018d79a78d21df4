#include "counters/bot_filter.hpp"

#include <algorithm>
#include <functional>

#include "counters/bots.hpp"

namespace sinmun::counters {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

BotFilter::BotFilter() {
  std::string_view rest = kBotList;
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    fragments_.emplace_back(line);
  }
}

bool BotFilter::IsBot(std::string_view user_agent) const {
  if (user_agent.empty()) return true;
  const std::uint64_t hash = std::hash<std::string_view>{}(user_agent) | 1;  // never 0
  std::atomic<std::uint64_t>& slot = remembered_[hash % remembered_.size()];
  const std::uint64_t seen = slot.load(std::memory_order_relaxed);
  if (seen != 0 && (seen >> 1) == (hash >> 1)) return (seen & 1) != 0;
  const bool bot = Match(user_agent);
  slot.store(((hash >> 1) << 1) | (bot ? 1 : 0), std::memory_order_relaxed);
  return bot;
}

bool BotFilter::Match(std::string_view user_agent) const {
  std::string lower(user_agent);
  std::transform(lower.begin(), lower.end(), lower.begin(), Lower);
  return std::any_of(fragments_.begin(), fragments_.end(), [&](const std::string& fragment) {
    return lower.find(fragment) != std::string::npos;
  });
}

}  // namespace sinmun::counters
