#pragma once
// Thin RAII wrappers over one SQLite connection: cached prepared statements, typed binding and
// reading, transactions, and the mapping of SQLite result codes to ErrorCode.
// Internal to store/sqlite; nothing outside store/ includes this header.
//
// Thread safety: none. A Connection and its Statements are used by one thread at a time
// (SqliteStore hands connections out under a mutex); connections are opened with
// SQLITE_OPEN_NOMUTEX, so SQLite does not lock them either.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "store/transaction.hpp"

namespace sinmun::store::sqlite {

// Maps a SQLite result code to an Error: busy, locked, I/O, full disk, cannot open, read-only
// and corrupt files are kUnavailable (a backend problem, try again or call an operator);
// unique and primary-key violations kConflict; foreign-key, check and not-null violations
// kInvalidInput; anything else kInternal. `context` says what was being done.
Error SqliteError(sqlite3* db, int rc, std::string_view context);

// One step-able prepared statement borrowed from a Connection's cache. Destroying it resets
// the statement and clears its bindings, so that it holds no read snapshot and is ready for
// the next use. Binding errors are kept and reported by the next Step().
class Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Parameters are 1-based. REQUIRES: bound text stays alive and unchanged until the last
  // Step() (it is bound with SQLITE_STATIC, without a copy).
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);

  // True when a row is ready to read, false when the statement is done.
  Result<bool> Step();
  // Steps until done, for statements that return no rows.
  Result<> Run();

  // Columns are 0-based. REQUIRES: the last Step() returned true.
  std::int64_t Int(int column) const;
  std::string Text(int column) const;
  std::optional<std::int64_t> OptionalInt(int column) const;
  // The column as text (integers in decimal), nullopt for NULL: for copying rows whole.
  std::optional<std::string> OptionalText(int column) const;
  // Rows changed by the statement, once it has run.
  std::int64_t Changes() const { return sqlite3_changes(sqlite3_db_handle(stmt_)); }
  // The current row is the statement itself (store/row_reads.hpp).
  const Statement& row() const { return *this; }

 private:
  sqlite3_stmt* stmt_;
  int bind_rc_ = SQLITE_OK;
};

class Connection {
 public:
  enum class Role {
    kWriter,  // creates the file, enforces foreign keys, durable commits
    kReader,  // query_only: a reader can never write by mistake
    // A reader for long index scans (sitemaps): without the memory map, so the pages it
    // passes over are not mapped into the process (the kernel maps the neighbours of every
    // touched page too, which made one sitemap index scan map 185 MB of the file at 1 M
    // articles); it reads through SQLite's own small page cache instead.
    kScanReader,
  };

  // Opens `path` (creating it for kWriter) in WAL mode with synchronous=FULL, foreign keys on
  // and a busy timeout. kUnavailable when the file cannot be opened or configured.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Role role);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // The prepared statement for `sql`, compiled on first use and cached for the connection's
  // lifetime. The cache is keyed by the pointer, not the text.
  // REQUIRES: `sql` has static storage duration (a literal or a namespace-scope constant) and
  // holds one statement.
  Result<Statement> Prepare(const char* sql);

  // Runs one or more statements without caching them: pragmas, migrations.
  Result<> Execute(const std::string& sql);

  // For Transaction (store/transaction.hpp).
  Result<> Begin(TransactionMode mode);
  Result<> Commit();
  void Rollback();
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  // For PinnedReader (store/pinned_reader.hpp): never, as SQLite either keeps a transaction
  // usable after a failed statement or ends it.
  bool InFailedTransaction() const { return false; }

  sqlite3* handle() const { return db_; }
  Role role() const { return role_; }

 private:
  Connection(sqlite3* db, Role role) : db_(db), role_(role) {}
  Result<> Configure(Role role);

  sqlite3* db_;
  Role role_;
  std::unordered_map<const char*, sqlite3_stmt*> statements_;
};

// Read transactions are BEGIN DEFERRED (a snapshot from the first read); write transactions
// BEGIN IMMEDIATE, which takes the write lock now, so that no deadlock comes of an upgrade.
using Transaction = store::Transaction<Connection>;

}  // namespace sinmun::store::sqlite
