#include "store/postgres/migrate.hpp"

#include <fmt/format.h>

#include <ctime>
#include <string>

namespace sinmun::store::postgres {
namespace {

// The advisory lock key of sinmun's migrations: "sinmun" in ASCII.
constexpr char kLock[] = "SELECT pg_advisory_lock(126943241213294)";
constexpr char kUnlock[] = "SELECT pg_advisory_unlock(126943241213294)";
constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "  version INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  applied_at BIGINT NOT NULL)";
constexpr char kNewestVersion[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
constexpr char kRecord[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)";

Result<std::int64_t> NewestVersion(Connection& connection) {
  Result<Rows> rows = Query(connection, kNewestVersion);
  if (!rows) return tl::unexpected(rows.error());
  return (*rows)[0].Int(0);
}

Result<> Apply(Connection& connection, const Migration& migration) {
  Result<Transaction> transaction = Transaction::Begin(connection, Transaction::Mode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  if (Result<> done = connection.Execute(std::string(migration.sql)); !done) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("migration {} failed: {}", migration.name, done.error().detail));
  }
  if (Result<> done = Write(connection, kRecord, migration.version, migration.name,
                            static_cast<std::int64_t>(std::time(nullptr)));
      !done) {
    return done;
  }
  return transaction->Commit();
}

Result<> MigrateLocked(Connection& connection, std::span<const Migration> migrations) {
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

}  // namespace

Result<> Migrate(Connection& connection, std::span<const Migration> migrations) {
  if (Result<> locked = connection.Execute(kLock); !locked) return locked;
  Result<> done = MigrateLocked(connection, migrations);
  // The lock is the session's: it would also end with the connection.
  (void)connection.Execute(kUnlock);
  return done;
}

}  // namespace sinmun::store::postgres
