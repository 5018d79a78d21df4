#pragma once
// Private to site/: the breaking-news ticker (속보, issue #18) as the pages are served. Pages
// carry the marker <!--sinmun-ad:breaking:--> and are cached with it cut out as a hole
// (site/ad_splice.hpp), which every response fills with the ticker in force: a ticker set or
// taken down shows on cached pages without dropping any of them.
//
// Freshness: at most every `refresh` one request thread asks the store for the ticker in
// force (the others keep the one they have), so a ticker set on any node shows on every node
// within `refresh` plus the time of one read; a ticker past its expiry is dropped at once,
// without waiting for the next read. Thread safety: all methods from any thread.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "ads/rotation.hpp"
#include "core/time.hpp"
#include "store/breaking_news.hpp"

namespace sinmun::site {

class BreakingTicker {
 public:
  // The ticker's HTML (templates/partials/breaking).
  using Render = std::function<std::string(const store::BreakingItem&)>;

  // REQUIRES: store and clock outlive the ticker.
  BreakingTicker(const store::BreakingNews* store, const Clock* clock,
                 std::chrono::milliseconds refresh, Render render);

  // The ticker to splice in now, as a banner whose campaign is the ticker's id; null when
  // there is none (or the store could not be read yet: pages are served without it).
  std::shared_ptr<const ads::LiveBanner> Current();

 private:
  using Steady = std::chrono::steady_clock;
  void Reload();

  const store::BreakingNews* store_;
  const Clock* clock_;
  const std::chrono::milliseconds refresh_;
  const Render render_;
  std::atomic<Steady::rep> checked_at_{0};  // Steady ticks of the last read; 0: never
  std::mutex reload_mutex_;                 // one reader of the store at a time
  mutable std::mutex current_mutex_;
  std::shared_ptr<const ads::LiveBanner> current_;
};

}  // namespace sinmun::site
