#include "store/snapshot.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <memory>
#include <vector>

namespace sinmun::store {
namespace {

constexpr int kBusyTimeoutMs = 10'000;

struct CloseDatabase {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Database = std::unique_ptr<sqlite3, CloseDatabase>;

Result<Database> OpenDatabase(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot open {}: {}", path, raw ? sqlite3_errmsg(raw) : "no memory"));
  }
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  return db;
}

// Runs `sql` and returns the first column of every row.
Result<std::vector<std::string>> Column(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  std::vector<std::string> rows;
  if (rc == SQLITE_OK) {
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt.get(), 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "");
    }
  }
  if (rc != SQLITE_DONE) {
    return Fail(ErrorCode::kUnavailable, fmt::format("{}: {}", sql, sqlite3_errmsg(db)));
  }
  return rows;
}

}  // namespace

Result<> SnapshotSqlite(const std::string& db_path, const std::string& to) {
  // Read-write without create: a missing store is an error, not a new empty paper. VACUUM
  // INTO writes only the new file.
  Result<Database> db = OpenDatabase(db_path, SQLITE_OPEN_READWRITE);
  if (!db) return tl::unexpected(db.error());
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db->get(), "VACUUM INTO ?1", -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  if (rc == SQLITE_OK) rc = sqlite3_bind_text(stmt.get(), 1, to.c_str(), -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt.get());
  if (rc != SQLITE_DONE) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("cannot copy {} into {}: {}", db_path, to, sqlite3_errmsg(db->get())));
  }
  // VACUUM INTO does not sync the file it writes (it turns synchronous off for the copy).
  const int fd = ::open(to.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    return Fail(ErrorCode::kUnavailable, fmt::format("cannot sync {}", to));
  }
  ::close(fd);
  return {};
}

Result<std::string> SqliteIntegrityCheck(const std::string& db_path) {
  Result<Database> db = OpenDatabase(db_path, SQLITE_OPEN_READONLY);
  if (!db) return tl::unexpected(db.error());
  Result<std::vector<std::string>> lines = Column(db->get(), "PRAGMA integrity_check");
  if (!lines) return tl::unexpected(lines.error());
  std::string problems;
  for (const std::string& line : *lines) {
    if (line == "ok") continue;
    // Debian's SQLite 3.40.1 reports "NULL value in article_reporters.reporter_id" for a
    // STRICT WITHOUT ROWID table whose column holds no NULL (its NOT NULL check is wrong in
    // that version): such a line is checked with a query and dropped when it is false.
    constexpr std::string_view kNull = "NULL value in ";
    if (line.starts_with(kNull)) {
      const std::string column = line.substr(kNull.size());
      const size_t dot = column.find('.');
      if (dot != std::string::npos) {
        Result<std::vector<std::string>> nulls =
            Column(db->get(), fmt::format("SELECT count(*) FROM \"{}\" WHERE \"{}\" IS NULL",
                                          column.substr(0, dot), column.substr(dot + 1)));
        if (nulls && nulls->size() == 1 && nulls->front() == "0") continue;
      }
    }
    problems += line + "\n";
  }
  return problems.empty() ? std::string("ok") : problems;
}

}  // namespace sinmun::store
