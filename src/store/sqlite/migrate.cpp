#include "store/sqlite/migrate.hpp"

#include <fmt/format.h>

#include <ctime>
#include <string>

namespace sinmun::store::sqlite {
namespace {

constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at INTEGER NOT NULL"
    ") STRICT";
constexpr char kNewestVersion[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr char kRecord[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

Result<std::int64_t> NewestVersion(Connection& connection) {
  Result<Statement> newest = connection.Prepare(kNewestVersion);
  if (!newest) return tl::unexpected(newest.error());
  const Result<bool> row = newest->Step();
  if (!row) return tl::unexpected(row.error());
  return newest->Int(0);
}

Result<> Apply(Connection& connection, const Migration& migration) {
  Result<Transaction> transaction = Transaction::Begin(connection, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  // Read again under the write lock: another process may have migrated meanwhile.
  const Result<std::int64_t> newest = NewestVersion(connection);
  if (!newest) return tl::unexpected(newest.error());
  if (*newest >= migration.version) return {};

  if (Result<> done = connection.Execute(std::string(migration.sql)); !done) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("migration {} failed: {}", migration.name, done.error().detail));
  }
  Result<Statement> record = connection.Prepare(kRecord);
  if (!record) return tl::unexpected(record.error());
  record->Bind(1, std::int64_t{migration.version})
      .Bind(2, migration.name)
      .Bind(3, static_cast<std::int64_t>(std::time(nullptr)));
  if (Result<> done = record->Run(); !done) return done;
  return transaction->Commit();
}

}  // namespace

Result<> Migrate(Connection& connection, std::span<const Migration> migrations) {
  if (Result<> done = connection.Execute(kCreateTable); !done) return done;
  const Result<std::int64_t> newest = NewestVersion(connection);
  if (!newest) return tl::unexpected(newest.error());
  const Result<std::span<const Migration>> pending = PendingMigrations(*newest, migrations);
  if (!pending) return tl::unexpected(pending.error());
  for (const Migration& migration : *pending) {
    if (Result<> done = Apply(connection, migration); !done) return done;
  }
  return {};
}

}  // namespace sinmun::store::sqlite
