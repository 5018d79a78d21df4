#pragma once
// A bounded pool of connections to one PostgreSQL database. Connections are opened when first
// needed, up to `size`; a caller that finds them all lent out waits for one. A connection that
// comes back broken (the server restarted or went away) or still inside a transaction is
// closed, so that the next caller opens a fresh one: the store recovers by itself once the
// server is back, with no restart of sinmun.
// Internal to store/postgres.

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.hpp"
#include "store/postgres/connection.hpp"

namespace sinmun::store::postgres {

class Pool {
 public:
  // A connection on loan; returns it to the pool when destroyed.
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> connection, bool reused)
        : pool_(pool), connection_(std::move(connection)), reused_(reused) {}
    Lease(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;
    ~Lease();

    Connection& operator*() const { return *connection_; }
    // True when the connection had served an earlier lease (it may have gone stale since).
    bool reused() const { return reused_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> connection_;
    bool reused_;
  };

  Pool(std::string conninfo, int size) : conninfo_(std::move(conninfo)), size_(size) {}

  // A connection for the caller's exclusive use. kUnavailable when a new one is needed and
  // the server cannot be reached.
  Result<Lease> Acquire();

  // Calls work(Connection&) with a lent connection and returns its Result. When the connection
  // turns out to be lost on the first command of `work` and had been idle in the pool, the
  // server has restarted since: nothing reached it, so `work` runs once more on a fresh
  // connection instead of failing the caller.
  template <typename Work>
  auto With(Work work) -> std::invoke_result_t<Work, Connection&> {
    for (int attempt = 0;; ++attempt) {
      Result<Lease> lease = Acquire();
      if (!lease) return tl::unexpected(lease.error());
      Connection& connection = **lease;
      connection.ResetCounters();
      auto result = work(connection);
      if (result || !RetryAfterLoss(attempt, *lease)) return result;
    }
  }

  // A lent connection inside a transaction of `mode`, which the caller ends (a connection
  // given back inside it is closed). Its BEGIN is retried once on a fresh connection as With
  // retries work. kUnavailable when the server cannot be reached.
  Result<Lease> AcquireInTransaction(TransactionMode mode);

  int size() const { return size_; }

 private:
  void Release(std::unique_ptr<Connection> connection);
  // After a failure on `lease` at `attempt` (0 for the first): true, with the idle connections
  // dropped (they are as stale), when the connection had been idle in the pool and was lost on
  // its first command, so that nothing reached the server and the caller may try once more.
  bool RetryAfterLoss(int attempt, const Lease& lease);
  void DropIdle();

  const std::string conninfo_;
  const int size_;

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;  // guarded by mutex_
  int open_ = 0;                                   // idle + lent; guarded by mutex_
};

}  // namespace sinmun::store::postgres
