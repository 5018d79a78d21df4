#include "store/sqlite/connection.hpp"

#include <fmt/format.h>

#include <mutex>
#include <utility>

#include "core/check.hpp"
#include "store/sqlite/kept_map_vfs.hpp"

namespace sinmun::store::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
constexpr std::int64_t kMmapBytes = std::int64_t{1} << 30;
constexpr int kWriterCacheKib = 8 * 1024;
constexpr std::int64_t kJournalSizeLimitBytes = std::int64_t{64} << 20;

// Process-wide settings that must precede any other SQLite call.
void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // Memory statistics take one global mutex on every allocation, which serializes readers
    // that otherwise run in parallel. Fails harmlessly if SQLite was already initialized.
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

ErrorCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_PROTOCOL:
      return ErrorCode::kUnavailable;
    case SQLITE_CONSTRAINT:
      switch (rc) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
          return ErrorCode::kConflict;
        default:
          return ErrorCode::kInvalidInput;
      }
    default:
      return ErrorCode::kInternal;
  }
}

}  // namespace

Error SqliteError(sqlite3* db, int rc, std::string_view context) {
  // sqlite3_errmsg describes the last failure on `db`, which is `rc` when called right away.
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return Error{CodeFor(rc), fmt::format("sqlite: {}: {} (code {})", context, message, rc)};
}

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), bind_rc_(other.bind_rc_) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  if (value) return Bind(index, *value);
  const int rc = sqlite3_bind_null(stmt_, index);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Result<bool> Statement::Step() {
  sqlite3* db = sqlite3_db_handle(stmt_);
  if (bind_rc_ != SQLITE_OK) return tl::unexpected(SqliteError(db, bind_rc_, "bind"));
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return tl::unexpected(SqliteError(db, rc, sqlite3_sql(stmt_)));
}

Result<> Statement::Run() {
  for (;;) {
    const Result<bool> row = Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return {};
  }
}

std::int64_t Statement::Int(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::Text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Text(column);
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
  if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
  return Int(column);
}

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Role role) {
  ConfigureSqliteOnce();
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
                    (role == Role::kWriter ? SQLITE_OPEN_CREATE : 0);
  // Readers keep their memory map across other connections' writes (kept_map_vfs.hpp), and
  // the writer reads from the same map: the view counter's flush looks up each viewed
  // article, and on a paper past SQLite's own 1 GB map that was a pread into the writer's
  // cache per article (the flush's CPU a view fell by a quarter on a 1,000,000-article
  // paper, docs/BENCHMARKS.md). The scan reader maps nothing.
  const char* vfs = role == Role::kScanReader ? nullptr : KeptMapVfsName(role == Role::kWriter);
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs);
  if (rc != SQLITE_OK) {
    Error error = SqliteError(db, rc, fmt::format("cannot open {}", path));
    sqlite3_close_v2(db);  // a handle is returned even on failure, except when out of memory
    return tl::unexpected(std::move(error));
  }
  auto connection = std::unique_ptr<Connection>(new Connection(db, role));
  if (Result<> configured = connection->Configure(role); !configured) {
    return Fail(configured.error().code,
                fmt::format("cannot open {}: {}", path, configured.error().detail));
  }
  return connection;
}

Result<> Connection::Configure(Role role) {
  sqlite3_extended_result_codes(db_, 1);
  // synchronous=FULL: a commit returns only once the WAL is synced, so an acknowledged write
  // survives power loss (NORMAL may lose the last commits then). Readers never sync, so
  // the setting costs nothing on the read path.
  // mmap_size: pages of the database file are read from a shared mapping instead of one
  // pread() each, which halves the cost of reads that touch many rows. Only reads use it;
  // SQLite still writes with write(). The mapping is address space, not memory.
  std::string pragmas = fmt::format(
      "PRAGMA busy_timeout = {};"
      "PRAGMA synchronous = FULL;"
      "PRAGMA temp_store = MEMORY;"
      "PRAGMA mmap_size = {};",
      kBusyTimeoutMs, role == Role::kScanReader ? 0 : kMmapBytes);
  // The writer's page cache holds the pages its transactions changed (it reads the others
  // through the readers' map). At 64 MB a server's view flushes filled about 36 MB of it, all
  // anonymous memory, for no measurable gain: at 8 MB the flushes took as much CPU a view and
  // a 1,000,000-article demo load as long (docs/BENCHMARKS.md, session 24). A paper copy sets
  // its own (store/copy_paper.cpp: `import paper` writes the paper in one transaction). The
  // journal size limit shrinks the WAL file back after a large transaction has been
  // checkpointed.
  pragmas += role == Role::kWriter ? fmt::format(
                                         "PRAGMA foreign_keys = ON; PRAGMA cache_size = {};"
                                         "PRAGMA journal_size_limit = {};",
                                         -kWriterCacheKib, kJournalSizeLimitBytes)
                                   : "PRAGMA query_only = ON;";
  if (Result<> done = Execute(pragmas); !done) return done;

  if (role == Role::kWriter) {
    // The journal mode is stored in the file, so the writer sets it once for all connections.
    Result<Statement> wal = Prepare("PRAGMA journal_mode = WAL");
    if (!wal) return tl::unexpected(wal.error());
    const Result<bool> row = wal->Step();
    if (!row) return tl::unexpected(row.error());
    if (!*row || wal->Text(0) != "wal") {
      return Fail(ErrorCode::kUnavailable, "sqlite: cannot use write-ahead logging");
    }
  }
  return {};
}

Connection::~Connection() {
  for (const auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  // close_v2 cannot fail for a lack of finalization; all statements are finalized above.
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::Prepare(const char* sql) {
  if (const auto it = statements_.find(sql); it != statements_.end()) return Statement(it->second);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return tl::unexpected(SqliteError(db_, rc, sql));
  SINMUN_CHECK(stmt != nullptr);  // an empty statement is a bug in our SQL
  statements_.emplace(sql, stmt);
  return Statement(stmt);
}

Result<> Connection::Execute(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc == SQLITE_OK) return {};
  Error error{CodeFor(rc), fmt::format("sqlite: {} (code {})",
                                       message != nullptr ? message : sqlite3_errstr(rc), rc)};
  sqlite3_free(message);
  return tl::unexpected(std::move(error));
}

Result<> Connection::Begin(TransactionMode mode) {
  Result<Statement> begin =
      Prepare(mode == TransactionMode::kWrite ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
  if (!begin) return tl::unexpected(begin.error());
  return begin->Run();
}

Result<> Connection::Commit() {
  Result<Statement> commit = Prepare("COMMIT");
  if (!commit) return tl::unexpected(commit.error());
  return commit->Run();
}

void Connection::Rollback() {
  Result<Statement> rollback = Prepare("ROLLBACK");
  // A failed rollback leaves the connection inside a transaction, and every later use of it
  // would act on stale or partial state: that is a broken invariant, not an expected failure.
  SINMUN_CHECK(rollback && rollback->Run());
}

}  // namespace sinmun::store::sqlite
