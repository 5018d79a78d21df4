#include "store/postgres/pool.hpp"

#include <utility>

namespace sinmun::store::postgres {

Pool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->Release(std::move(connection_));
}

Result<Pool::Lease> Pool::Acquire() {
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      std::unique_ptr<Connection> connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(connection), true);
    }
    ++open_;  // reserved while connecting outside the lock
  }
  Result<std::unique_ptr<Connection>> connection = Connection::Open(conninfo_);
  if (!connection) {
    std::lock_guard lock(mutex_);
    --open_;
    available_.notify_one();
    return tl::unexpected(connection.error());
  }
  return Lease(this, std::move(*connection), false);
}

Result<Pool::Lease> Pool::AcquireInTransaction(TransactionMode mode) {
  for (int attempt = 0;; ++attempt) {
    Result<Lease> lease = Acquire();
    if (!lease) return lease;
    (**lease).ResetCounters();
    Result<> begun = (**lease).Begin(mode);
    if (begun) return lease;
    if (!RetryAfterLoss(attempt, *lease)) return tl::unexpected(begun.error());
  }
}

bool Pool::RetryAfterLoss(int attempt, const Lease& lease) {
  if (attempt > 0 || !lease.reused() || !(*lease).lost_on_first_command()) return false;
  DropIdle();
  return true;
}

void Pool::Release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->idle()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;
    connection.reset();  // broken, or left inside a transaction
  }
  available_.notify_one();
}

void Pool::DropIdle() {
  std::vector<std::unique_ptr<Connection>> stale;
  {
    std::lock_guard lock(mutex_);
    stale.swap(idle_);
    open_ -= static_cast<int>(stale.size());
    available_.notify_all();
  }
  // Closed outside the lock: closing a connection may wait on the network.
}

}  // namespace sinmun::store::postgres
