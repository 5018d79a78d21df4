#include "site/breaking_ticker.hpp"

#include <spdlog/spdlog.h>

#include "site/ad_splice.hpp"

namespace sinmun::site {

BreakingTicker::BreakingTicker(const store::BreakingNews* store, const Clock* clock,
                               std::chrono::milliseconds refresh, Render render)
    : store_(store), clock_(clock), refresh_(refresh), render_(std::move(render)) {}

std::shared_ptr<const ads::LiveBanner> BreakingTicker::Current() {
  const Steady::rep checked = checked_at_.load(std::memory_order_acquire);
  const Steady::rep now = Steady::now().time_since_epoch().count();
  if (checked == 0 || now - checked >= Steady::duration(refresh_).count()) {
    // A thread that finds another reading goes on with what there is.
    std::unique_lock reading(reload_mutex_, std::try_to_lock);
    if (reading.owns_lock()) Reload();
  }
  std::shared_ptr<const ads::LiveBanner> shown;
  {
    const std::lock_guard lock(current_mutex_);
    shown = current_;
  }
  if (shown && shown->ends_at <= clock_->Now()) return nullptr;
  return shown;
}

void BreakingTicker::Reload() {
  const Result<std::optional<store::BreakingItem>> item = store_->BreakingAt(clock_->Now());
  if (!item) {
    // The last ticker read stays up; the next request asks again after `refresh`.
    spdlog::error("site: breaking news not read: {}", item.error().detail);
    checked_at_.store(Steady::now().time_since_epoch().count(), std::memory_order_release);
    return;
  }
  std::shared_ptr<const ads::LiveBanner> made;
  if (*item) {
    {
      const std::lock_guard lock(current_mutex_);
      // The same ticker as before keeps its bytes.
      if (current_ && current_->campaign == (*item)->id) made = current_;
    }
    if (!made) {
      auto banner = std::make_shared<ads::LiveBanner>();
      banner->campaign = (*item)->id;
      banner->starts_at = (*item)->starts_at;
      banner->ends_at = (*item)->expires_at;
      banner->bytes = SplicedBytes(render_(**item));
      made = std::move(banner);
    }
  }
  {
    const std::lock_guard lock(current_mutex_);
    current_ = std::move(made);
  }
  checked_at_.store(Steady::now().time_since_epoch().count(), std::memory_order_release);
}

}  // namespace sinmun::site
