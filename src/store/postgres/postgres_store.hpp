#pragma once
// The PostgreSQL Store, for a paper served by several nodes: the same contracts as SqliteStore
// (store.hpp), over libpq.
//
// Thread safety: all methods may be called concurrently. Each call borrows a connection from a
// bounded pool (Pool) and returns it when done; statements are prepared once per connection.
// Durability: a write returns success only after PostgreSQL has committed it (with the
// server's synchronous_commit, on by default).
// Writes that SQLite serializes through its single writer are serialized here by row locks:
// every write that appends to the change log locks the change counter, and the desk locks the
// article it checks (FOR UPDATE) before it writes, so that two nodes cannot interleave.
// Outages: while the server is unreachable every call fails with kUnavailable; once it is back
// the pool opens fresh connections, without a restart of sinmun.
// Lifetime: the store must outlive every call into it; destroying it closes all connections.

#include <memory>
#include <string>

#include "store/sql/sql_store.hpp"

namespace sinmun::store::postgres {

class Connection;
class Pool;

class PgStore final : public SqlStore<PgStore> {
 public:
  static constexpr int kDefaultPoolSize = 8;

  // Connects to `url` ("postgres://user@host:port/db?…", any libpq URI or connection string),
  // applies pending migrations and returns the store. The URL may carry pool_size=N (1..256,
  // default kDefaultPoolSize), which is sinmun's and is not passed to libpq.
  // kInvalidInput for a bad pool_size; kUnavailable when the server cannot be reached or a
  // migration fails.
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url);

  ~PgStore() override;

  // ReadScopes: a pooled connection inside one REPEATABLE READ READ ONLY transaction, pinned
  // to the thread (store/pinned_reader.hpp). Writes inside a scope take another pooled
  // connection (the pinned one is read-only), so a scope holds one of the pool's connections
  // and a write inside it a second: pages do not write inside their scope.
  ReadScope OpenReadScope() const override;

  // Connections for SqlStore (sql/sql_store.hpp): work(Connection&) on a pooled connection
  // (for reads, scans or one write; reads on the thread's ReadScope's, when one is open), inside
  // one read snapshot, or inside a write transaction (committed when work succeeds). Defined in
  // postgres_store.cpp, their only user.
  template <typename Work>
  auto OnReader(Work work) const;
  template <typename Work>
  auto OnScanReader(Work work) const;
  template <typename Work>
  auto OnSnapshot(Work work) const;
  template <typename Work>
  auto OnWriter(Work work);
  template <typename Work>
  auto OnWriteTransaction(Work work);

  // One article whole, in one statement with its lists as arrays (article_reads.cpp): one
  // round trip to the server instead of one per list.
  static Result<Article> ReadPublishedArticle(Connection& connection, ArticleId id, Timestamp now);
  // REQUIRES: inside a read snapshot or a write transaction on `connection`.
  static Result<DeskArticle> ReadDeskArticle(Connection& connection, ArticleId id);

 private:
  explicit PgStore(std::unique_ptr<Pool> pool);

  // The pool is used by const methods too: lending a connection is not a change of the store.
  Pool& pool() const { return *pool_; }

  std::unique_ptr<Pool> pool_;
};

}  // namespace sinmun::store::postgres
