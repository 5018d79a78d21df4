#pragma once
// What a ReadScope (store/read_scopes.hpp) holds on either backend: a leased connection inside
// a read transaction, pinned to the thread for one store. The backends' OnReader find it with
// Of(store) and run their work on it instead of leasing a connection of their own.
// `Lease` (SqliteStore's ReaderLease, postgres::Pool::Lease) lends one connection through
// operator* and returns it when destroyed; its Connection offers, besides Transaction's calls
// (store/transaction.hpp), `bool InFailedTransaction() const`: whether a failed statement left
// the transaction open but unusable until a rollback (PostgreSQL's "aborted" state).
// Internal to store/.

#include <memory>
#include <type_traits>
#include <utility>

#include "core/check.hpp"
#include "store/read_scopes.hpp"
#include "store/transaction.hpp"

namespace sinmun::store {

template <typename Lease>
class PinnedReader final : public ReadScope::Pin {
 public:
  using Connection = std::remove_reference_t<decltype(*std::declval<const Lease&>())>;

  // The scope of `store` open on this thread, or null. Scopes of other stores (a test's two
  // papers) are passed over.
  static PinnedReader* Of(const void* store) {
    for (PinnedReader* pin = innermost_; pin != nullptr; pin = pin->outer_) {
      if (pin->store_ == store) return pin;
    }
    return nullptr;
  }

  // Pins `lease`'s connection for `store` on this thread.
  // REQUIRES: the connection is inside a read transaction (Connection::Begin(kRead)), which
  // the scope ends; no scope of `store` is open on this thread.
  static ReadScope Open(const void* store, Lease lease) {
    return ReadScope(std::unique_ptr<ReadScope::Pin>(new PinnedReader(store, std::move(lease))));
  }

  PinnedReader(const PinnedReader&) = delete;
  PinnedReader& operator=(const PinnedReader&) = delete;

  ~PinnedReader() override {
    SINMUN_CHECK(innermost_ == this);  // scopes end on their own thread, innermost first
    innermost_ = outer_;
    // The transaction only read: committing it or rolling it back is the same, and a failed
    // COMMIT (nothing a read transaction should meet) is rolled back so the connection goes
    // back to its pool clean.
    Connection& connection = *lease_;
    if (connection.InTransaction() && !connection.Commit() && connection.InTransaction()) {
      connection.Rollback();
    }
  }

  // work(connection) inside the scope's transaction; after a failure, a fresh transaction
  // when the failure ended or aborted it. Null connection: the scope lost its connection
  // (a new transaction could not begin) and reads go on without it.
  Connection* connection() const { return live_ ? &*lease_ : nullptr; }
  template <typename Work>
  auto Run(Work& work) {
    auto result = work(*lease_);
    if (!result) Recover();
    return result;
  }

 private:
  PinnedReader(const void* store, Lease lease)
      : store_(store), lease_(std::move(lease)), outer_(innermost_) {
    innermost_ = this;
  }

  void Recover() {
    Connection& connection = *lease_;
    if (connection.InTransaction() && !connection.InFailedTransaction()) return;
    if (connection.InTransaction()) connection.Rollback();
    live_ = connection.Begin(TransactionMode::kRead).has_value();
  }

  const void* store_;
  Lease lease_;
  PinnedReader* outer_;  // the scope of another store opened before this one, or null
  bool live_ = true;

  static inline thread_local PinnedReader* innermost_ = nullptr;
};

}  // namespace sinmun::store
