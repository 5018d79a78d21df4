#pragma once
// The reader counters one node keeps: article views counted in memory (ViewCounter, deduped
// per visitor for 30 minutes; bots and HEAD requests are the caller's to leave out with
// IsBot), flushed to the store in batches by a background thread, and the most-viewed
// rankings those flushes keep current.
//
// Durability: a view is in memory until the next flush (every `flush_interval`, default 5 s)
// and on StopFlushing (graceful shutdown). A crash or kill -9 loses the views since the last
// flush: at most one interval's batch. A flush that fails keeps its counts for the next one.
// Hours: a batch is filed under the hour in which it is flushed.
//
// Several nodes (`redis_url` set): each node still writes its own views to the store (the
// durable total, written once), and its flush also publishes the batch to Redis and folds the
// other nodes' batches into its rankings, so the rankings agree on every node within a flush
// interval or two (see redis_exchange.hpp). Redis is only ever talked to from the flusher
// thread, never from a request. When Redis cannot be reached the node counts on alone (its
// rankings hold its own views), keeps the batches it could not publish, and retries with a
// backoff (kRetryFirst doubling to kRetryMost); when Redis answers again it publishes them
// and rebuilds its rankings from the store, which every node has kept writing, then reads on.
// A batch read from Redis that committed before that rebuild's snapshot is left out (it is
// in the store already); this compares the nodes' wall clocks, so keep them synchronised
// (NTP). Duplicate views are found per node: see docs/SCALING.md.
// Thread safety: every method may be called from any thread; StartFlushing/StopFlushing from
// one controlling thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "counters/bot_filter.hpp"
#include "counters/rankings.hpp"
#include "counters/redis_exchange.hpp"
#include "counters/traffic_source.hpp"
#include "counters/view_counter.hpp"
#include "counters/visitor.hpp"
#include "store/reader_activity.hpp"

namespace sinmun::counters {

struct CountersOptions {
  std::chrono::milliseconds flush_interval{5000};
  bool count_views = true;  // false: views are not counted (rankings still read the store)
  // "redis://host:port/db": exchange the rankings with the paper's other nodes; "": one node.
  std::string redis_url;
  // false: Open does not load the rankings; the flusher thread loads them first thing (and
  // each flush tries again until it succeeded), so that a server on a large paper answers
  // within seconds of start while they load (30 days of hourly rows: minutes on a 1,000,000-
  // article paper). Until then Top answers nothing (the site's box shows the all-time list).
  bool load_rankings_at_open = true;
};

// What the counters report to /metrics.
struct CountersStats {
  std::uint64_t views_counted = 0;  // since start: written, being written and pending
  std::uint64_t views_pending = 0;  // counted, not yet written
  std::uint64_t flushes = 0;        // flushes that wrote (or had nothing to write)
  std::uint64_t flush_failures = 0;
  double flush_seconds_sum = 0;   // time spent in flushes, store write and exchange
  double last_flush_seconds = 0;  // the last flush's
  bool redis = false;             // several nodes: exchanging through Redis is configured
  bool exchanging = false;        // the last exchange with Redis succeeded
  // Seconds since the last successful exchange; -1 before the first one.
  double seconds_since_exchange = -1;
  // (visitor, article) pairs the view counter remembers for its 30-minute dedup (some may be
  // older and not yet dropped): its memory, 8 bytes a pair in tables a quarter to half full.
  std::uint64_t dedup_entries = 0;
};

class Counters {
 public:
  // Loads the last 30 days of hourly views from the store into the rankings (unless
  // load_rankings_at_open is false: see there). kInvalidInput
  // for a malformed redis_url; Redis being down is not an error (the node counts alone).
  // REQUIRES: store and clock outlive the Counters.
  static Result<std::unique_ptr<Counters>> Open(store::ReaderActivity* store, const Clock* clock,
                                                CountersOptions options);
  ~Counters();
  Counters(const Counters&) = delete;
  Counters& operator=(const Counters&) = delete;

  bool counting_views() const { return options_.count_views; }
  const BotFilter& bots() const { return bots_; }
  const VisitorIdentifier& visitors() const { return visitors_; }
  const Clock& clock() const { return *clock_; }

  // Starts loading the memory CountView(article, visitor) will use (see ViewCounter): the
  // visitor's dedup slot, and a new reader's second one under the new cookie's key (as cold
  // as the first; marking it was 3 % of a cached article's CPU without this).
  void PrepareView(store::ArticleId article, const Visitor& visitor) const {
    if (!options_.count_views) return;
    views_.Prefetch(article, visitor.key);
    if (visitor.cookie_key != 0) views_.Prefetch(article, visitor.cookie_key);
  }
  // Counts a view of `article` by `visitor` now, unless counted in the last 30 minutes or
  // counting is off; true when counted. Never blocks on the store.
  bool CountView(store::ArticleId article, std::uint64_t visitor);
  // The same for a request's visitor. A new reader (hashed, given a cookie now) whose view
  // counted is marked as having seen the article under the cookie's key as well, so their next
  // view, which brings the cookie, is a repeat and not a second reader. A counted view is also
  // counted under its source (referrer class, phone or not) for the site's 5-minute slots.
  bool CountView(store::ArticleId article, const Visitor& visitor, TrafficSource source = {});

  // Top `limit` of a window (see Rankings::Top), after sliding it to now.
  std::vector<RankedView> Top(Window window, std::optional<store::SectionId> section, int limit);
  // The current hour's top (see Rankings::TopOfHour), after sliding to now.
  std::vector<RankedView> TopOfHour(std::optional<store::SectionId> section, int limit);

  // Writes the pending views to the store in one transaction and adds them to the rankings,
  // then their sources to the current 5-minute slot (store::SlotViews) in a second one. On
  // failure the views (or only their sources) stay pending for the next flush; a crash
  // between the two transactions loses one batch's sources, not its views. With Redis, then
  // publishes the batch and adds the other nodes' (unless waiting out a retry backoff); Redis
  // failures are logged here, not returned. Once an hour it also deletes the slot rows older
  // than kSlotsKeptSeconds (a failure is logged and tried again at the next flush).
  Result<> Flush();

  // With Redis: true while the last exchange with it succeeded. False for one node.
  bool exchanging() const { return exchanging_.load(); }

  // Waits for a flush in progress (the counts are read between flushes).
  CountersStats Stats();

  // True once the rankings hold the store's last 30 days.
  bool rankings_loaded() const { return rankings_loaded_.load(); }

  static constexpr std::chrono::milliseconds kRetryFirst{500};
  static constexpr std::chrono::milliseconds kRetryMost{8000};

  // Flushes every flush_interval on a background thread until StopFlushing, which flushes a
  // last time before it returns.
  void StartFlushing();
  void StopFlushing();

 private:
  Counters(store::ReaderActivity* store, const Clock* clock, CountersOptions options);
  void FlushLoop();
  // Rebuilds the rankings from the store's last 30 days as of `now`; with load_mutex_ held.
  Result<> LoadRankingsLocked(Timestamp now);
  // Both with flush_mutex_ held.
  void Exchange(Timestamp now);
  Result<> ExchangeOnce(Timestamp now);

  store::ReaderActivity* store_;
  const Clock* clock_;
  CountersOptions options_;
  BotFilter bots_;
  VisitorIdentifier visitors_;
  ViewCounter views_;
  TrafficCounts sources_;
  Rankings rankings_;

  // Held by each flush and by the rankings' load, which may take minutes: a flush waits for
  // the load (its views would be in the store but not in the load), Stats does not.
  std::mutex load_mutex_;
  std::mutex flush_mutex_;  // one flush at a time (TakePending's requirement)

  // The exchange with the other nodes; null for one node. The rest guarded by flush_mutex_.
  std::unique_ptr<RedisExchange> redis_;
  bool synced_ = false;          // rankings rebuilt and last_id_ set since the last failure
  std::string last_id_ = "0-0";  // the last stream entry read
  // When the rankings were last loaded from the store; guarded by load_mutex_.
  std::int64_t snapshot_us_ = 0;
  std::atomic<bool> rankings_loaded_{false};  // written with load_mutex_ held
  std::deque<ViewBatch> unpublished_;
  std::chrono::steady_clock::time_point next_try_{};
  std::chrono::milliseconds retry_delay_ = kRetryFirst;
  std::atomic<bool> exchanging_{false};
  // For Stats; guarded by flush_mutex_.
  std::uint64_t views_taken_ = 0;  // taken from the pending counts and not given back
  std::uint64_t flushes_ = 0;
  std::uint64_t flush_failures_ = 0;
  double flush_seconds_sum_ = 0;
  double last_flush_seconds_ = 0;
  std::chrono::steady_clock::time_point last_exchange_{};
  // The hour of the last deletion of slot rows older than kSlotsKeptSeconds; guarded by
  // flush_mutex_.
  std::int64_t slots_pruned_hour_ = 0;

  std::mutex stop_mutex_;
  std::condition_variable stop_signal_;
  bool stopping_ = false;  // guarded by stop_mutex_
  std::thread flusher_;
};

}  // namespace sinmun::counters
