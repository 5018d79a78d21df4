#pragma once
// Sends what the outbox holds, in the background: every `poll_interval` it takes the due
// messages, hands each to the transport, and records the outcome. A temporary failure (server
// down, 4xx) is retried after `first_retry`, doubling each time up to an hour, for as long as
// it takes: mail written to the outbox is never dropped. A 5xx rejection is recorded and
// never retried.
//
// The outbox itself is an interface so that mail/ needs no store: app/ adapts the Store.
// Thread safety: Start/Stop from one controlling thread; the work runs on one thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "mail/transport.hpp"

namespace sinmun::mail {

struct QueuedMail {
  std::int64_t id = 0;
  std::string recipient;
  std::string message;
  int attempts = 0;  // failed attempts so far
};

class Outbox {
 public:
  virtual ~Outbox() = default;
  virtual Result<std::vector<QueuedMail>> Due(Timestamp now, int limit) = 0;
  virtual Result<> MarkSent(std::int64_t id, Timestamp at) = 0;
  virtual Result<> MarkRetry(std::int64_t id, Timestamp next_attempt_at,
                             std::string_view error) = 0;
  virtual Result<> MarkRejected(std::int64_t id, std::string_view error) = 0;
  // Messages waiting to be sent, due or waiting for a retry (for /metrics).
  virtual Result<std::int64_t> Depth() = 0;
};

// What the sender has done since it was made (for /metrics).
struct OutboxSenderStats {
  std::uint64_t sent = 0;
  std::uint64_t temporary_failures = 0;  // retried later
  std::uint64_t rejected = 0;            // refused for good (5xx)
};

struct OutboxSenderOptions {
  std::string from;  // SMTP MAIL FROM
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::seconds first_retry{60};
  std::chrono::seconds max_retry{3600};
};

class OutboxSender {
 public:
  // REQUIRES: outbox and clock outlive the sender.
  OutboxSender(Outbox* outbox, std::unique_ptr<MailTransport> transport, const Clock* clock,
               OutboxSenderOptions options);
  ~OutboxSender();
  OutboxSender(const OutboxSender&) = delete;
  OutboxSender& operator=(const OutboxSender&) = delete;

  // One pass: sends every due message (at most 100); returns how many were sent.
  Result<int> SendDue();

  void Start();
  void Stop();  // waits for the message in flight

  OutboxSenderStats stats() const {
    return {sent_.load(), temporary_failures_.load(), rejected_.load()};
  }

 private:
  void Loop();

  Outbox* outbox_;
  std::unique_ptr<MailTransport> transport_;
  const Clock* clock_;
  OutboxSenderOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread worker_;
  std::atomic<std::uint64_t> sent_{0}, temporary_failures_{0}, rejected_{0};
};

}  // namespace sinmun::mail
