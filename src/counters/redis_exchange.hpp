#pragma once
// The link between the nodes of one paper for the view rankings: each node publishes the
// hourly views it has just written to the store to one Redis stream, and reads the batches
// the other nodes published there. hiredis stays inside redis_exchange.cpp.
//
// The stream (key "sinmun:views", trimmed to about kStreamLength entries) holds one entry per
// flush: the publishing node's id, the wall-clock millisecond its store write committed, and
// its hourly views. Entry ids are Redis's own (milliseconds-sequence), so "what came after
// the last one I read" is a plain XREAD.
//
// Every call talks to Redis synchronously with short timeouts (kTimeout); callers keep it off
// request threads. A failed call drops the connection and reports kUnavailable; the next call
// connects again. Not thread safe: one caller (the counters' flusher) at a time.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "store/records.hpp"

struct redisContext;

namespace sinmun::counters {

// "redis://[[user]:password@]host[:port][/db]": port 6379 and db 0 by default; a user (Redis
// 6 ACL) or a password alone (requirepass) logs in with AUTH.
struct RedisAddress {
  std::string host;
  int port = 6379;
  std::string user;
  std::string password;
  int db = 0;
};
// kInvalidInput, saying what is wrong, for anything else.
Result<RedisAddress> ParseRedisUrl(const std::string& url);

// One flush of one node, as published.
struct ViewBatch {
  std::uint64_t node = 0;
  // Unix microseconds, taken after the store committed it: rankings loaded from the store
  // at snapshot time s hold every batch with committed_us <= s. Milliseconds made a batch
  // committed in the very millisecond of a snapshot read as already loaded, and lost.
  std::int64_t committed_us = 0;
  std::vector<store::HourlyViews> views;
};

class RedisExchange {
 public:
  static constexpr int kStreamLength = 100'000;

  // Does not connect yet (Redis may be down when a node starts).
  RedisExchange(RedisAddress address, std::uint64_t node);
  ~RedisExchange();
  RedisExchange(const RedisExchange&) = delete;
  RedisExchange& operator=(const RedisExchange&) = delete;

  std::uint64_t node() const { return node_; }

  // The id of the stream's last entry ("0-0" for an empty or missing stream): where a node
  // that has just loaded the rankings from the store starts reading.
  Result<std::string> LastId();
  // Appends `batch` (its node is this node's).
  Result<> Publish(const ViewBatch& batch);
  // The other nodes' batches after `*after_id`, oldest first; moves `*after_id` past the
  // entries read (this node's own included, which are left out of the result).
  Result<std::vector<ViewBatch>> ReadAfter(std::string* after_id);

 private:
  Result<> Connect();
  // Runs one command; on any failure drops the connection.
  struct Reply;
  Result<std::unique_ptr<Reply>> Command(const std::vector<std::string>& args);

  RedisAddress address_;
  std::uint64_t node_;
  redisContext* context_ = nullptr;
};

}  // namespace sinmun::counters
