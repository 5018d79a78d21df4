#pragma once
// A transaction on one connection of either backend that rolls back unless committed.
// `Connection` (sqlite::Connection, postgres::Connection) supplies what differs:
//   Result<> Begin(TransactionMode)   BEGIN of the right kind (see each Connection)
//   Result<> Commit()                 COMMIT
//   void Rollback()                   ROLLBACK
//   bool InTransaction() const        whether a transaction is still open on the connection
// Internal to store/.

#include <type_traits>
#include <utility>

#include "core/error.hpp"

namespace sinmun::store {

enum class TransactionMode {
  kRead,   // one consistent snapshot for several queries
  kWrite,  // a write of several statements, all or nothing
};

template <typename Connection>
class Transaction {
 public:
  using Mode = TransactionMode;

  static Result<Transaction> Begin(Connection& connection, Mode mode) {
    if (Result<> begun = connection.Begin(mode); !begun) return tl::unexpected(begun.error());
    return Transaction(&connection);
  }

  Transaction(Transaction&& other) noexcept
      : connection_(std::exchange(other.connection_, nullptr)) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    // Some errors (a full disk, a lost connection) already ended the transaction.
    if (connection_ != nullptr && connection_->InTransaction()) connection_->Rollback();
  }

  Result<> Commit() {
    Connection* connection = std::exchange(connection_, nullptr);
    Result<> done = connection->Commit();
    // A COMMIT that failed but left the transaction open (SQLite's SQLITE_BUSY) is rolled back
    // on destruction, so that the connection is clean for its next user.
    if (!done) connection_ = connection;
    return done;
  }

 private:
  explicit Transaction(Connection* connection) : connection_(connection) {}

  Connection* connection_;  // null once committed or moved from
};

// Calls work(connection) inside a transaction of `mode`, committed when work succeeds and
// rolled back otherwise; returns work's Result. A read asked for on a connection already
// inside a transaction (a ReadScope's, store/read_scopes.hpp, or a write's) joins it: it sees
// that transaction's snapshot, and begins and ends nothing of its own.
template <typename Connection, typename Work>
auto Transact(Connection& connection, TransactionMode mode, Work&& work)
    -> std::invoke_result_t<Work&, Connection&> {
  if (mode == TransactionMode::kRead && connection.InTransaction()) return work(connection);
  auto transaction = Transaction<Connection>::Begin(connection, mode);
  if (!transaction) return tl::unexpected(transaction.error());
  auto result = work(connection);
  if (!result) return result;
  if (Result<> done = transaction->Commit(); !done) return tl::unexpected(done.error());
  return result;
}

}  // namespace sinmun::store
