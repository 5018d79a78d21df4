#pragma once
// Breaking news (속보, issue #18): the one-line ticker the desk puts on every page until it
// expires or is taken down. Setting it does not move the change sequence: pages keep their
// cache, and the site splices the ticker in as it serves them (site/breaking_ticker.hpp).
// Thread safety: all methods may be called concurrently from any thread.
// Durability: a write returns success only after the backend has committed it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

namespace sinmun::store {

struct BreakingItem {
  std::int64_t id = 0;  // set by SetBreaking
  std::string text;     // one line, plain text
  std::string url;      // a path on the site ("/article/12") or "" for none
  Timestamp starts_at = 0;
  Timestamp expires_at = 0;  // after starts_at
  std::optional<std::int64_t> set_by;
  std::optional<Timestamp> cleared_at;  // taken down early
};

class BreakingNews {
 public:
  virtual ~BreakingNews() = default;

  // Adds a ticker; from its start it replaces any earlier one. kInvalidInput for an empty
  // text, a text with a line break, or an expiry not after the start.
  virtual Result<std::int64_t> SetBreaking(const BreakingItem& item) = 0;
  // Takes down every ticker in force at `at`.
  virtual Result<> ClearBreaking(Timestamp at) = 0;
  // The ticker shown at `now`: the latest started, unexpired and not taken down; nullopt when
  // none.
  virtual Result<std::optional<BreakingItem>> BreakingAt(Timestamp now) const = 0;
  // The latest tickers, newest first, for the desk.
  virtual Result<std::vector<BreakingItem>> RecentBreaking(int limit) const = 0;
};

}  // namespace sinmun::store
