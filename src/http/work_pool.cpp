#include "http/work_pool.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <system_error>
#include <utility>

namespace sinmun::http {

WorkPool::WorkPool(std::size_t threads, std::size_t max_queued)
    : threads_(threads), max_queued_(max_queued) {}

Result<std::unique_ptr<WorkPool>> WorkPool::Open(std::size_t threads, std::size_t max_queued) {
  std::unique_ptr<WorkPool> pool(new WorkPool(threads, max_queued));
  for (std::size_t i = 0; i < threads; ++i) {
    try {
      pool->workers_.emplace_back([raw = pool.get()] { raw->RunJobs(); });
    } catch (const std::system_error& e) {
      // The destructor joins the threads started so far.
      return Fail(ErrorCode::kUnavailable, fmt::format("cannot start a work thread: {}", e.what()));
    }
  }
  return pool;
}

WorkPool::~WorkPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

bool WorkPool::TrySubmit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    // A job waits only when every thread is busy; those waiting are bounded.
    const std::size_t idle = threads_ - std::min(threads_, running_);
    if (queue_.size() >= idle + max_queued_) return false;
    queue_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

std::size_t WorkPool::pending() const {
  std::lock_guard lock(mutex_);
  return queue_.size() + running_;
}

void WorkPool::RunJobs() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    // Stopping still runs what was accepted: each job holds a connection waiting for it.
    if (queue_.empty()) return;
    std::function<void()> job = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    lock.unlock();
    job();
    job = nullptr;  // its captures (a connection, a work guard) go before the count drops
    lock.lock();
    --running_;
  }
}

}  // namespace sinmun::http
