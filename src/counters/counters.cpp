#include "counters/counters.hpp"

#include <spdlog/spdlog.h>

#include <random>

#include "core/background_priority.hpp"

namespace sinmun::counters {
namespace {

// Batches kept while Redis is unreachable: at the default 5 s, about three hours of them.
// Older ones are dropped; the other nodes get those views from the store when they rebuild.
constexpr size_t kMaxUnpublished = 2000;

std::int64_t WallMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::uint64_t NewNodeId() {
  std::random_device random;
  std::uint64_t id = 0;
  while (id == 0) id = (std::uint64_t{random()} << 32) | random();
  return id;
}

std::vector<store::SlotViews> SlotRows(std::int64_t slot, const TrafficCounts::Counts& counts) {
  std::vector<store::SlotViews> rows;
  for (int referrer = 0; referrer < kReferrerClasses; ++referrer) {
    for (const bool mobile : {false, true}) {
      const TrafficSource source{static_cast<Referrer>(referrer), mobile};
      const std::int64_t views = counts[TrafficCounts::Cell(source)];
      if (views > 0) {
        rows.push_back({slot, std::string(ReferrerName(source.referrer)), mobile, views});
      }
    }
  }
  return rows;
}

}  // namespace

Result<std::unique_ptr<Counters>> Counters::Open(store::ReaderActivity* store, const Clock* clock,
                                                 CountersOptions options) {
  auto counters = std::unique_ptr<Counters>(new Counters(store, clock, options));
  if (!options.redis_url.empty()) {
    Result<RedisAddress> address = ParseRedisUrl(options.redis_url);
    if (!address) return tl::unexpected(address.error());
    counters->redis_ = std::make_unique<RedisExchange>(std::move(*address), NewNodeId());
    // Where to read on from, taken before the store is read: a batch after it is either
    // not in the load or committed before snapshot_us_ (left out then).
    if (Result<std::string> last = counters->redis_->LastId()) {
      counters->last_id_ = *last;
      counters->synced_ = true;
      counters->exchanging_ = true;
      counters->last_exchange_ = std::chrono::steady_clock::now();
    } else {
      spdlog::warn("counters: {}; counting on this node alone until it answers",
                   last.error().detail);
    }
  }
  if (options.load_rankings_at_open) {
    std::lock_guard lock(counters->load_mutex_);
    if (Result<> loaded = counters->LoadRankingsLocked(clock->Now()); !loaded) {
      return tl::unexpected(loaded.error());
    }
  }
  return counters;
}

Result<> Counters::LoadRankingsLocked(Timestamp now) {
  // Taken before the store is read: with Redis, a batch read after last_id_ (taken before
  // this) that committed before the snapshot is in the store already, and is left out.
  const std::int64_t snapshot_us = WallMicros();
  Result<std::vector<store::HourlyViews>> buckets =
      store_->HourlyViewsSince(now / 3600 - kWindowHours[2] + 1);
  if (!buckets) return tl::unexpected(buckets.error());
  rankings_.Reset(*buckets, now);
  snapshot_us_ = snapshot_us;
  rankings_loaded_ = true;
  return {};
}

Counters::Counters(store::ReaderActivity* store, const Clock* clock, CountersOptions options)
    : store_(store), clock_(clock), options_(options) {}

Counters::~Counters() { StopFlushing(); }

bool Counters::CountView(store::ArticleId article, std::uint64_t visitor) {
  if (!options_.count_views) return false;
  return views_.Record(article, visitor, clock_->Now());
}

bool Counters::CountView(store::ArticleId article, const Visitor& visitor, TrafficSource source) {
  if (!options_.count_views) return false;
  const Timestamp now = clock_->Now();
  const bool counted = views_.Record(article, visitor.key, now);
  if (!counted) return false;
  sources_.Add(source, visitor.key);
  // A new reader's cookie key, marked only with the view it was counted with: a client that
  // never sends the cookie back gets a fresh one on every request, and marking each would keep
  // a dedup entry per request for 30 minutes (a cookie-less load of one page grew the server
  // by 38 MB in 20 s, issue #14). Repeats under the address's hash mark nothing: the same
  // reader refusing the cookie stays on the hash, and another reader behind that address and
  // browser, whose view the hash took for a repeat, counts once when the cookie comes back.
  if (visitor.cookie_key != 0) views_.MarkSeen(article, visitor.cookie_key, now);
  return true;
}

std::vector<RankedView> Counters::Top(Window window, std::optional<store::SectionId> section,
                                      int limit) {
  rankings_.AdvanceUnlessWriting(clock_->Now());
  return rankings_.Top(window, section, limit);
}

std::vector<RankedView> Counters::TopOfHour(std::optional<store::SectionId> section, int limit) {
  rankings_.AdvanceUnlessWriting(clock_->Now());
  return rankings_.TopOfHour(section, limit);
}

Result<> Counters::Flush() {
  std::lock_guard load_lock(load_mutex_);
  if (!rankings_loaded_) {
    // Loaded by the flusher thread (load_rankings_at_open false); views counted meanwhile
    // wait in memory and are written just after.
    const auto load_started = std::chrono::steady_clock::now();
    if (Result<> loaded = LoadRankingsLocked(clock_->Now()); !loaded) {
      spdlog::warn("counters: loading the rankings: {}; trying again at the next flush",
                   loaded.error().detail);
    } else {
      spdlog::info(
          "counters: rankings loaded in {:.1f} s",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - load_started).count());
    }
  }
  std::lock_guard lock(flush_mutex_);
  const auto started = std::chrono::steady_clock::now();
  const Timestamp now = clock_->Now();
  std::vector<store::ViewDelta> pending = views_.TakePending();
  const TrafficCounts::Counts sources = sources_.Take();
  std::uint64_t taken = 0;
  for (const store::ViewDelta& delta : pending) taken += static_cast<std::uint64_t>(delta.views);
  views_taken_ += taken;
  Result<> written;
  if (pending.empty()) {
    sources_.GiveBack(sources);  // counted after TakePending: they go with their views
    rankings_.Advance(now);
  } else if (Result<std::vector<store::HourlyViews>> added = store_->AddViews(now / 3600, pending);
             !added) {
    views_.GiveBack(pending);
    sources_.GiveBack(sources);
    views_taken_ -= taken;
    written = tl::unexpected(added.error());
  } else {
    rankings_.Add(*added, now);
    if (Result<> slotted = store_->AddSlotViews(SlotRows(now / kSlotSeconds, sources)); !slotted) {
      sources_.GiveBack(sources);
      written = slotted;
    }
    if (redis_ && !added->empty()) {
      if (unpublished_.size() >= kMaxUnpublished) unpublished_.pop_front();
      unpublished_.push_back(ViewBatch{redis_->node(), WallMicros(), std::move(*added)});
    }
  }
  if (redis_) Exchange(now);
  if (now / 3600 != slots_pruned_hour_) {
    if (Result<> dropped = store_->DropSlotViewsBefore((now - kSlotsKeptSeconds) / kSlotSeconds);
        dropped) {
      slots_pruned_hour_ = now / 3600;
    } else {
      spdlog::warn("counters: deleting old view slots: {}", dropped.error().detail);
    }
  }
  last_flush_seconds_ =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  flush_seconds_sum_ += last_flush_seconds_;
  ++(written ? flushes_ : flush_failures_);
  return written;
}

CountersStats Counters::Stats() {
  std::lock_guard lock(flush_mutex_);
  CountersStats stats;
  stats.views_pending = views_.PendingSum();
  stats.views_counted = views_taken_ + stats.views_pending;
  stats.flushes = flushes_;
  stats.flush_failures = flush_failures_;
  stats.flush_seconds_sum = flush_seconds_sum_;
  stats.last_flush_seconds = last_flush_seconds_;
  stats.redis = redis_ != nullptr;
  stats.exchanging = exchanging_.load();
  stats.dedup_entries = views_.DedupEntries();
  if (last_exchange_ != std::chrono::steady_clock::time_point{}) {
    stats.seconds_since_exchange =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - last_exchange_).count();
  }
  return stats;
}

void Counters::Exchange(Timestamp now) {
  const auto steady_now = std::chrono::steady_clock::now();
  if (steady_now < next_try_) return;
  // This thread handles a Redis failure: log the change of state once, retry later.
  if (Result<> exchanged = ExchangeOnce(now); !exchanged) {
    if (exchanging_.exchange(false)) {
      spdlog::warn("counters: {}; counting on this node alone until Redis answers",
                   exchanged.error().detail);
    }
    synced_ = false;
    next_try_ = steady_now + retry_delay_;
    retry_delay_ = std::min(retry_delay_ * 2, kRetryMost);
    return;
  }
  if (!exchanging_.exchange(true)) spdlog::info("counters: exchanging views through Redis again");
  retry_delay_ = kRetryFirst;
  last_exchange_ = steady_now;
}

Result<> Counters::ExchangeOnce(Timestamp now) {
  if (!synced_) {
    // Back after a failure (or a start without Redis): the other nodes' views of the
    // meantime are in the store, so rebuild from it, then read on after `last`.
    Result<std::string> last = redis_->LastId();
    if (!last) return tl::unexpected(last.error());
    if (Result<> loaded = LoadRankingsLocked(now); !loaded) return loaded;
    last_id_ = *last;
    synced_ = true;
  }
  // What this node could not publish meanwhile: for the nodes that never lost Redis.
  while (!unpublished_.empty()) {
    if (Result<> published = redis_->Publish(unpublished_.front()); !published) return published;
    unpublished_.pop_front();
  }
  Result<std::vector<ViewBatch>> batches = redis_->ReadAfter(&last_id_);
  if (!batches) return tl::unexpected(batches.error());
  for (const ViewBatch& batch : *batches) {
    if (batch.committed_us > snapshot_us_) rankings_.Add(batch.views, now);
  }
  return {};
}

void Counters::StartFlushing() {
  std::lock_guard lock(stop_mutex_);
  if (flusher_.joinable()) return;
  stopping_ = false;
  flusher_ = std::thread([this] {
    LowerThisThreadsPriority();
    FlushLoop();
  });
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
  // Rankings not loaded at start: the first flush, which loads them, comes at once.
  bool first = !rankings_loaded_;
  for (;;) {
    const bool stop =
        first ? stopping_
              : stop_signal_.wait_for(lock, options_.flush_interval, [this] { return stopping_; });
    first = false;
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
