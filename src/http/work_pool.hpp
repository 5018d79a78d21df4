#pragma once
// A few threads for handlers that are slow by design (argon2id password hashing: tens of
// milliseconds and 64 MB each), so that they never run on an I/O thread, with a bounded queue:
// a job is either taken at once or refused at once, and the caller never waits.
// Thread safety: TrySubmit() and pending() from any thread.
// Lifetime: the destructor runs every job it accepted, then joins its threads.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/error.hpp"

namespace sinmun::http {

class WorkPool {
 public:
  // kUnavailable when a thread cannot be started. REQUIRES: threads >= 1.
  static Result<std::unique_ptr<WorkPool>> Open(std::size_t threads, std::size_t max_queued);
  ~WorkPool();
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Hands `job` to a free thread, or queues it when at most max_queued jobs wait already;
  // false (and `job` dropped unrun) when the queue is full.
  bool TrySubmit(std::function<void()> job);
  // Jobs accepted and not finished: running and queued.
  std::size_t pending() const;

 private:
  WorkPool(std::size_t threads, std::size_t max_queued);
  void RunJobs();

  const std::size_t threads_;
  const std::size_t max_queued_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace sinmun::http
