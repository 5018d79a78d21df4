#include "counters/counters.hpp"

#include <spdlog/spdlog.h>

namespace sinmun::counters {

Result<std::unique_ptr<Counters>> Counters::Open(store::Store* store, const Clock* clock,
                                                 CountersOptions options) {
  auto counters = std::unique_ptr<Counters>(new Counters(store, clock, options));
  const Timestamp now = clock->Now();
  Result<std::vector<store::HourlyViews>> buckets =
      store->HourlyViewsSince(now / 3600 - kWindowHours[2] + 1);
  if (!buckets) return tl::unexpected(buckets.error());
  counters->rankings_.Reset(*buckets, now);
  return counters;
}

Counters::Counters(store::Store* store, const Clock* clock, CountersOptions options)
    : store_(store), clock_(clock), options_(options) {}

Counters::~Counters() { StopFlushing(); }

bool Counters::CountView(store::ArticleId article, std::uint64_t visitor) {
  if (!options_.count_views) return false;
  return views_.Record(article, visitor, clock_->Now());
}

std::vector<RankedView> Counters::Top(Window window, std::optional<store::SectionId> section,
                                      int limit) {
  rankings_.Advance(clock_->Now());
  return rankings_.Top(window, section, limit);
}

Result<> Counters::Flush() {
  std::lock_guard lock(flush_mutex_);
  const Timestamp now = clock_->Now();
  std::vector<store::ViewDelta> pending = views_.TakePending();
  if (pending.empty()) {
    rankings_.Advance(now);
    return {};
  }
  Result<std::vector<store::HourlyViews>> added = store_->AddViews(now / 3600, pending);
  if (!added) {
    views_.GiveBack(pending);
    return tl::unexpected(added.error());
  }
  rankings_.Add(*added, now);
  return {};
}

void Counters::StartFlushing() {
  std::lock_guard lock(stop_mutex_);
  if (flusher_.joinable()) return;
  stopping_ = false;
  flusher_ = std::thread([this] { FlushLoop(); });
}

void Counters::StopFlushing() {
  {
    std::lock_guard lock(stop_mutex_);
    if (!flusher_.joinable()) return;
    stopping_ = true;
  }
  stop_signal_.notify_all();
  flusher_.join();
}

void Counters::FlushLoop() {
  std::unique_lock lock(stop_mutex_);
  for (;;) {
    const bool stop =
        stop_signal_.wait_for(lock, options_.flush_interval, [this] { return stopping_; });
    lock.unlock();
    // This thread handles the failure: log it; the views stay pending for the next try.
    if (Result<> flushed = Flush(); !flushed) {
      spdlog::error("counters: flushing views failed: {}", flushed.error().detail);
    }
    lock.lock();
    if (stop) return;
  }
}

}  // namespace sinmun::counters
