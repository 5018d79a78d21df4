#pragma once
// The embedded Store: one SQLite file in WAL mode.
//
// Thread safety: all methods may be called concurrently. Writes go through one connection
// under a mutex (SQLite allows one writer at a time anyway); reads borrow a connection from a
// pool that grows to the number of threads reading at once, so WAL readers run in parallel
// and never wait for the writer.
// Durability: synchronous=FULL; a write returns success only after its commit is synced.
// Lifetime: the store must outlive every call into it; destroying it closes all connections.

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "store/sql/sql_store.hpp"

namespace sinmun::store {
namespace sqlite {
class SqliteStore;
}
extern template class SqlStore<sqlite::SqliteStore>;
}  // namespace sinmun::store

namespace sinmun::store::sqlite {

class Connection;

class SqliteStore final : public SqlStore<SqliteStore> {
 public:
  // Opens or creates the database file at `path` and applies pending migrations.
  // kUnavailable with a readable detail when the folder is missing or not writable, the file
  // is not a database, or a migration fails.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);

  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;
  ~SqliteStore() override;

  // Connections for SqlStore (sql/sql_store.hpp): work(Connection&) on a pooled reader, on a
  // reader inside one read snapshot, on the writer, or on the writer inside a write
  // transaction (committed when work succeeds). Defined in sqlite_store.cpp, their only user.
  template <typename Work>
  auto OnReader(Work work) const -> std::invoke_result_t<Work, Connection&>;
  template <typename Work>
  auto OnSnapshot(Work work) const -> std::invoke_result_t<Work, Connection&>;
  template <typename Work>
  auto OnWriter(Work work) -> std::invoke_result_t<Work, Connection&>;
  template <typename Work>
  auto OnWriteTransaction(Work work) -> std::invoke_result_t<Work, Connection&>;

  Result<std::vector<Section>> Sections() const override;
  Result<Section> SectionBySlug(std::string_view slug) const override;
  Result<Reporter> ReporterById(ReporterId id) const override;
  Result<std::vector<Reporter>> Reporters() const override;
  Result<Article> PublishedArticle(ArticleId id, Timestamp now) const override;
  Result<ArticleList> LatestArticles(const ArticleFilter& filter, Page page,
                                     Timestamp now) const override;
  Result<Neighbors> NeighborsInSection(ArticleId id, Timestamp now) const override;
  Result<std::int64_t> PositionInSection(ArticleId id, Timestamp now) const override;
  Result<std::vector<ArticleSummary>> MostViewed(std::optional<SectionId> section,
                                                 std::optional<Timestamp> since, int limit,
                                                 Timestamp now) const override;
  Result<std::vector<ArticleStamp>> ArticleStamps(std::int64_t offset, int limit,
                                                  Timestamp now) const override;
  Result<std::vector<StampBatch>> ArticleStampBatches(int batch_size, Timestamp now) const override;
  Result<std::vector<ArticleSummary>> ArticlesRegisteredBetween(Timestamp from, Timestamp to,
                                                                ArticleKey after, int limit,
                                                                Timestamp now) const override;
  Result<SectionId> InsertSection(const NewSection& section) override;
  Result<ReporterId> InsertReporter(const NewReporter& reporter) override;
  Result<std::vector<ArticleId>> InsertArticles(const std::vector<NewArticle>& articles) override;
  Result<std::int64_t> ChangeSequence() const override;
  Result<std::vector<Change>> ChangesSince(std::int64_t after_seq, int limit) const override;

  // A desk article whole (sqlite_desk.cpp / postgres_desk.cpp: each backend's own plan).
  // REQUIRES: inside a read snapshot or a write transaction on `connection`.
  static Result<DeskArticle> ReadDeskArticle(Connection& connection, ArticleId id);

 private:
  class ReaderLease;

  SqliteStore(std::string path, std::unique_ptr<Connection> writer);

  // A reader connection for the caller's exclusive use until the lease is destroyed.
  // `scan`: a connection for long index scans (Connection::Role::kScanReader).
  Result<ReaderLease> AcquireReader(bool scan = false) const;
  // Calls read(Connection&) with a pooled reader connection and returns what it returns
  // (a Result), or the error of acquiring the connection. Defined in the .cpp, its only user.
  template <typename Read>
  auto WithReader(Read read) const -> std::invoke_result_t<Read, Connection&>;
  template <typename Read>
  auto WithScanReader(Read read) const -> std::invoke_result_t<Read, Connection&>;
  void ReleaseReader(std::unique_ptr<Connection> reader) const;

  // For methods defined in other sqlite_*.cpp files, which cannot see ReaderLease: calls
  // read(Connection&) with a pooled reader connection and returns its Result.
  template <typename Read>
  auto WithPooledReader(Read read) const -> std::invoke_result_t<Read, Connection&> {
    std::optional<std::invoke_result_t<Read, Connection&>> result;
    const Result<> leased = ReadWith([&](Connection& connection) -> Result<> {
      result.emplace(read(connection));
      return {};
    });
    if (!leased) return tl::unexpected(leased.error());
    return std::move(*result);
  }
  Result<> ReadWith(const std::function<Result<>(Connection&)>& read) const;

  const std::string path_;

  std::mutex writer_mutex_;
  std::unique_ptr<Connection> writer_;  // guarded by writer_mutex_

  mutable std::mutex readers_mutex_;
  mutable std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by readers_mutex_
  // kScanReader connections, for sitemaps' long index scans; guarded by readers_mutex_.
  mutable std::vector<std::unique_ptr<Connection>> idle_scan_readers_;
};

}  // namespace sinmun::store::sqlite
