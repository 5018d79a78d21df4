#pragma once
// A page's reads from one snapshot (issue #14): a ReadScope pins one reader connection of the
// store to the calling thread with one read transaction open, and every read method of the
// same store that this thread calls while the scope lives runs on that connection, inside
// that transaction, without a BEGIN and COMMIT of its own. So a page whose reads all happen
// inside one scope shows the store as of one moment, and pays for one read transaction
// instead of one per read (on SQLite each costs the WAL read lock's two fcntl calls; on
// PostgreSQL a round trip each for BEGIN and COMMIT).
//
// Writes are not part of a scope: a write method called inside one runs as it would outside,
// on the writer (SQLite) or on another pooled connection (PostgreSQL), and the scope's reads
// after it do not see it. Long index scans (sitemaps) keep their own connection on SQLite (one
// without the memory map); on PostgreSQL they are one statement like any other, in the scope.
// A scope opened while another scope of the same store is open on the thread holds nothing:
// the outer one goes on serving the reads. A read that fails inside a scope and ends or aborts
// its transaction (PostgreSQL aborts it on any failed statement) is followed by a fresh
// transaction, so that the reads after it work, from a later snapshot.
//
// Thread safety: OpenReadScope may be called from any thread. A ReadScope belongs to the thread
// that opened it: it is destroyed there, scopes of one thread in the reverse order of opening
// (as blocks nest). Lifetime: the store outlives its scopes.

#include <memory>

namespace sinmun::store {

class ReadScope {
 public:
  // What a backend keeps while a scope lives; ending it ends the transaction and returns the
  // connection.
  class Pin {
   public:
    virtual ~Pin() = default;
  };

  ReadScope() = default;  // holds nothing: reads run each on its own
  explicit ReadScope(std::unique_ptr<Pin> pin) : pin_(std::move(pin)) {}
  ReadScope(ReadScope&&) noexcept = default;
  ReadScope& operator=(ReadScope&&) = delete;  // would end a scope out of order
  ReadScope(const ReadScope&) = delete;
  ReadScope& operator=(const ReadScope&) = delete;
  ~ReadScope() = default;

  // False when it holds nothing: nested in another scope, or no connection could be had.
  bool pinned() const { return pin_ != nullptr; }

 private:
  std::unique_ptr<Pin> pin_;
};

class ReadScopes {
 public:
  virtual ~ReadScopes() = default;

  // A scope for this thread's reads of this store until it is destroyed. When no connection
  // can be had or its transaction cannot begin, the scope holds nothing and each read goes on
  // by itself (meeting, and reporting, the same failure): a caller never needs to check.
  [[nodiscard]] virtual ReadScope OpenReadScope() const = 0;
};

}  // namespace sinmun::store
