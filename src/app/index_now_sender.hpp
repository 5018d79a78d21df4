#pragma once
// Tells search engines of changed articles (IndexNow, issue #18), in the background. Every
// `poll_interval` it moves the store's IndexNow queue along the change log (one ping per
// endpoint for each publication, update and unpublication: store/index_now_queue.hpp), claims
// the due pings and sends them, one JSON POST per endpoint with every URL of the batch
// (host, key, keyLocation, urlList). An endpoint that is down, slow or answers 403, 429 or
// 5xx is asked again after `first_retry`, doubling up to `max_retry`, for as long as it takes;
// 400 and 422 (a request the endpoint will never take) are recorded and not retried.
//
// The endpoints and the key are read from the settings at each pass (sinmun.toml under what
// the newsroom saved), so that every node of a paper sends with the key the site serves.
// Nothing is sent while base_url is unset: the URLs would name no host (logged once).
// Thread safety: Start/Stop from one controlling thread; the work runs on one thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/config.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "store/store.hpp"

namespace sinmun::app {

struct IndexNowOptions {
  std::chrono::milliseconds poll_interval{2000};
  std::chrono::seconds first_retry{60};
  std::chrono::seconds max_retry{3600};
};

// What the sender has done since it was made: in all, and for each endpoint (URL) of the
// settings since it was first read (for /metrics).
struct IndexNowCounts {
  std::uint64_t sent = 0;                // pings delivered
  std::uint64_t temporary_failures = 0;  // pings to be retried
  std::uint64_t rejected = 0;            // pings refused for good
};
struct IndexNowStats : IndexNowCounts {
  std::map<std::string, IndexNowCounts> endpoints;
};

class IndexNowSender {
 public:
  // REQUIRES: store and clock outlive the sender. `config` is sinmun.toml's; the stored
  // settings are laid over it at each pass.
  IndexNowSender(store::Store* store, const Clock* clock, Config config, IndexNowOptions options);
  ~IndexNowSender();
  IndexNowSender(const IndexNowSender&) = delete;
  IndexNowSender& operator=(const IndexNowSender&) = delete;

  // One pass: queues the pings of the changes since the last pass and sends the due ones (at
  // most 500). Returns how many pings were delivered.
  Result<int> SendDue();

  void Start();
  void Stop();  // waits for the request in flight

  IndexNowStats stats() const;
  // The pings waiting to be sent, due or waiting for a retry (for /metrics).
  Result<std::int64_t> QueueDepth() const { return store_->PendingIndexNowCount(); }

 private:
  void Loop();

  store::Store* store_;
  const Clock* clock_;
  const Config config_;
  IndexNowOptions options_;
  // The worker's (or SendDue's caller's) only: whether the missing base_url was logged, and
  // the change sequence up to which the queue was followed (-1: not yet).
  bool said_no_base_url_ = false;
  std::int64_t followed_sequence_ = -1;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread worker_;
  mutable std::mutex stats_mutex_;
  IndexNowStats stats_;  // guarded by stats_mutex_
};

// Makes a key (32 hexadecimal digits) and keeps it in the site settings, unless sinmun.toml or
// the settings already hold one. Returns the key in force.
Result<std::string> EnsureIndexNowKey(store::Store& store, const Config& config);

}  // namespace sinmun::app
