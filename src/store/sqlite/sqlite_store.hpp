#pragma once
// The embedded Store: one SQLite file in WAL mode.
//
// Thread safety: all methods may be called concurrently. Writes go through one connection
// under a mutex (SQLite allows one writer at a time anyway); reads borrow a connection from a
// pool that grows to the number of threads reading at once, so WAL readers run in parallel
// and never wait for the writer.
// Durability: synchronous=FULL; a write returns success only after its commit is synced.
// Lifetime: the store must outlive every call into it; destroying it closes all connections.

#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "store/sql/sql_store.hpp"

namespace sinmun::store::sqlite {

class Connection;

class SqliteStore final : public SqlStore<SqliteStore> {
 public:
  // Opens or creates the database file at `path` and applies pending migrations.
  // kUnavailable with a readable detail when the folder is missing or not writable, the file
  // is not a database, or a migration fails.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  ~SqliteStore() override;

  // ReadScopes: a pooled reader inside BEGIN DEFERRED (its snapshot is taken at its first
  // read), pinned to the thread (store/pinned_reader.hpp).
  ReadScope OpenReadScope() const override;

  // Connections for SqlStore (sql/sql_store.hpp): work(Connection&) on a pooled reader (the
  // thread's ReadScope's, when one of this store is open), on a
  // scan reader (Connection::Role::kScanReader), on a reader inside one read snapshot, on the
  // writer, or on the writer inside a write transaction (committed when work succeeds).
  // Defined in sqlite_store.cpp, their only user.
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

  // One article whole, in small statements (article_reads.cpp): in-process reads cost no
  // round trip, and SQLite has no arrays to return its lists in one row.
  // A published article; takes its own read snapshot on `connection`.
  static Result<Article> ReadPublishedArticle(Connection& connection, ArticleId id, Timestamp now);
  // REQUIRES: inside a read snapshot or a write transaction on `connection`.
  static Result<DeskArticle> ReadDeskArticle(Connection& connection, ArticleId id);

 private:
  class ReaderLease;

  SqliteStore(std::string path, std::unique_ptr<Connection> writer);

  // A reader connection for the caller's exclusive use until the lease is destroyed.
  // `scan`: a connection for long index scans (Connection::Role::kScanReader).
  Result<ReaderLease> AcquireReader(bool scan = false) const;
  void ReleaseReader(std::unique_ptr<Connection> reader) const;
  // On map_warmer_: the pages of the file in memory read once through the map (map_warmer.hpp).
  void WarmMap(const std::stop_token& stop) const;

  const std::string path_;

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_

  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by readers_mutex_
  // kScanReader connections, for sitemaps' long index scans; guarded by readers_mutex_.
  mutable std::vector<std::unique_ptr<Connection>> idle_scan_readers_;

  // Last, so it stops and joins before the readers it borrows from go.
  std::jthread map_warmer_;
};

}  // namespace sinmun::store::sqlite
