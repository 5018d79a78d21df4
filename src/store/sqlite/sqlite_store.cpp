#include "store/sqlite/sqlite_store.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>
#include <type_traits>
#include <utility>

#include "core/background_priority.hpp"
#include "store/migrate.hpp"
#include "store/pinned_reader.hpp"
#include "store/sql/sql_store_methods.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/map_warmer.hpp"
#include "store/sqlite/query.hpp"

namespace sinmun::store::sqlite {
namespace {

// A clear reason when the database's folder cannot hold it; SQLite only says "unable to open".
Result<> CheckFolder(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) {
    return Fail(
        ErrorCode::kUnavailable,
        fmt::format("sqlite: cannot open {}: folder {} does not exist", path, folder.string()));
  }
  // The folder must be writable even for an existing file: WAL keeps -wal and -shm beside it.
  if (::access(folder.c_str(), W_OK | X_OK) != 0) {
    return Fail(
        ErrorCode::kUnavailable,
        fmt::format("sqlite: cannot open {}: folder {} is not writable", path, folder.string()));
  }
  return {};
}

}  // namespace

// A reader connection on loan from the pool; returns it when destroyed.
class SqliteStore::ReaderLease {
 public:
  ReaderLease(const SqliteStore* store, std::unique_ptr<Connection> connection)
      : store_(store), connection_(std::move(connection)) {}
  ReaderLease(ReaderLease&&) noexcept = default;
  ReaderLease(const ReaderLease&) = delete;
  ReaderLease& operator=(const ReaderLease&) = delete;
  ReaderLease& operator=(ReaderLease&&) = delete;
  ~ReaderLease() {
    if (connection_ != nullptr) store_->ReleaseReader(std::move(connection_));
  }

  Connection& operator*() const { return *connection_; }

 private:
  const SqliteStore* store_;
  std::unique_ptr<Connection> connection_;
};

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  if (Result<> folder = CheckFolder(path); !folder) return tl::unexpected(folder.error());
  Result<std::unique_ptr<Connection>> writer = Connection::Open(path, Connection::Role::kWriter);
  if (!writer) return tl::unexpected(writer.error());
  if (Result<> migrated = Migrate(**writer, Migrations()); !migrated) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot migrate {}: {}", path, migrated.error().detail));
  }
  auto store = std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(*writer)));
  // Open one reader now, so that a database readers cannot use fails here and not later.
  if (Result<ReaderLease> reader = store->AcquireReader(); !reader) {
    return tl::unexpected(reader.error());
  }
  // A small file (a new paper, a test's) is left to its readers: its first reads cost under
  // 0.2 s in all, spread over the requests that make them.
  constexpr std::uintmax_t kWarmFrom = std::uintmax_t{64} << 20;
  std::error_code error;
  if (std::filesystem::file_size(path, error) >= kWarmFrom && !error) {
    store->map_warmer_ =
        std::jthread([raw = store.get()](std::stop_token stop) { raw->WarmMap(stop); });
  }
  return store;
}

SqliteStore::SqliteStore(std::string path, std::unique_ptr<Connection> writer)
    : path_(std::move(path)), writer_(std::move(writer)) {}

// No `PRAGMA optimize` on close: the statistics it gathers could change query plans that
// were chosen and measured without them (see the notes beside the SQL above).
SqliteStore::~SqliteStore() = default;

Result<SqliteStore::ReaderLease> SqliteStore::AcquireReader(bool scan) const {
  {
    std::lock_guard lock(readers_mutex_);
    auto& idle = scan ? idle_scan_readers_ : idle_readers_;
    if (!idle.empty()) {
      std::unique_ptr<Connection> reader = std::move(idle.back());
      idle.pop_back();
      return ReaderLease(this, std::move(reader));
    }
  }
  // Opening takes a while; do it outside the lock. The pool grows to the peak number of
  // concurrent readers, which the server's thread count bounds.
  Result<std::unique_ptr<Connection>> reader =
      Connection::Open(path_, scan ? Connection::Role::kScanReader : Connection::Role::kReader);
  if (!reader) return tl::unexpected(reader.error());
  return ReaderLease(this, std::move(*reader));
}

void SqliteStore::WarmMap(const std::stop_token& stop) const {
  // A background thread's priority (core/background_priority.hpp): readers' requests come
  // first, yet each step's read transaction, which holds back checkpoints, ends within
  // milliseconds. Not SCHED_IDLE: a loaded server gives that next to no time, and a step could
  // hold its read transaction for seconds.
  LowerThisThreadsPriority();
  if (Result<ReaderLease> reader = AcquireReader()) sqlite::WarmMap(**reader, stop);
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> reader) const {
  std::lock_guard lock(readers_mutex_);
  auto& idle = reader->role() == Connection::Role::kScanReader ? idle_scan_readers_ : idle_readers_;
  idle.push_back(std::move(reader));
}

ReadScope SqliteStore::OpenReadScope() const {
  using PinnedReader = store::PinnedReader<ReaderLease>;
  if (PinnedReader::Of(this) != nullptr) return ReadScope();  // the outer scope reads
  Result<ReaderLease> reader = AcquireReader();
  if (!reader || !(**reader).Begin(TransactionMode::kRead)) return ReadScope();
  return PinnedReader::Open(this, std::move(*reader));
}

template <typename Work>
auto SqliteStore::OnReader(Work work) const {
  using Out = std::invoke_result_t<Work, Connection&>;
  using PinnedReader = store::PinnedReader<ReaderLease>;
  if (PinnedReader* pinned = PinnedReader::Of(this); pinned && pinned->connection()) {
    return Out(pinned->Run(work));
  }
  Result<ReaderLease> reader = AcquireReader();
  if (!reader) return Out(tl::unexpected(reader.error()));
  return work(**reader);
}

template <typename Work>
auto SqliteStore::OnScanReader(Work work) const {
  using Out = std::invoke_result_t<Work, Connection&>;
  Result<ReaderLease> reader = AcquireReader(/*scan=*/true);
  if (!reader) return Out(tl::unexpected(reader.error()));
  return work(**reader);
}

template <typename Work>
auto SqliteStore::OnSnapshot(Work work) const {
  return OnReader(
      [&](Connection& connection) { return Transact(connection, TransactionMode::kRead, work); });
}

template <typename Work>
auto SqliteStore::OnWriter(Work work) {
  std::lock_guard lock(writer_mutex_);
  return work(*writer_);
}

template <typename Work>
auto SqliteStore::OnWriteTransaction(Work work) {
  std::lock_guard lock(writer_mutex_);
  return Transact(*writer_, TransactionMode::kWrite, work);
}

}  // namespace sinmun::store::sqlite

template class sinmun::store::SqlStore<sinmun::store::sqlite::SqliteStore>;
