#pragma once
// Brings a database of either backend up to the newest schema compiled into the binary
// (store/migration.hpp). `Connection` is sqlite::Connection (the writer) or
// postgres::Connection, whose query.hpp offers Query, Write and ReadCount to argument-dependent
// lookup. Internal to store/.

#include <fmt/format.h>

#include <cstdint>
#include <ctime>
#include <span>
#include <string>

#include "core/error.hpp"
#include "store/migration.hpp"
#include "store/sql/dialect.hpp"
#include "store/sql/migration_steps.hpp"
#include "store/transaction.hpp"

namespace sinmun::store {
namespace migrate_sql {

// Several PostgreSQL nodes starting at once take turns on a session advisory lock (its key is
// "sinmun" in ASCII), so that each migration is applied once: the others wait, then find the
// schema current. SQLite's processes take turns on the write lock of each migration's
// BEGIN IMMEDIATE, under which the version is read again.
inline const Sql kLock =
    Sql::Override("SELECT 0 WHERE 0", "SELECT pg_advisory_lock(126943241213294)");
inline const Sql kUnlock =
    Sql::Override("SELECT 0 WHERE 0", "SELECT pg_advisory_unlock(126943241213294)");
inline const Sql kCreateTable = Sql::Override(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT",
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
inline const Sql kNewestVersion{"SELECT COALESCE(MAX(version), 0) FROM schema_migrations"};
inline const Sql kRecord{
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)"};

}  // namespace migrate_sql

// Applies `migration` (its SQL, then its step in sql/migration_steps.hpp if it has one) with
// its schema_migrations row in one write transaction, so that a crash leaves the database at a
// whole version; nothing when another process applied it meanwhile.
template <typename Connection>
Result<> ApplyMigration(Connection& connection, const Migration& migration) {
  auto transaction = Transaction<Connection>::Begin(connection, TransactionMode::kWrite);
  if (!transaction) return tl::unexpected(transaction.error());
  const Result<std::int64_t> newest = ReadCount(Query(connection, migrate_sql::kNewestVersion));
  if (!newest) return tl::unexpected(newest.error());
  if (*newest >= migration.version) return {};
  if (Result<> done = connection.Execute(std::string(migration.sql)); !done) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("migration {} failed: {}", migration.name, done.error().detail));
  }
  if (Result<> done = RunMigrationStep(connection, migration.name); !done) {
    return Fail(ErrorCode::kUnavailable,
                fmt::format("migration {} failed: {}", migration.name, done.error().detail));
  }
  if (Result<> done = Write(connection, migrate_sql::kRecord, std::int64_t{migration.version},
                            migration.name, static_cast<std::int64_t>(std::time(nullptr)));
      !done) {
    return done;
  }
  return transaction->Commit();
}

// Creates schema_migrations if needed and applies every migration the database lacks, in
// order. Safe to run again (a no-op) and from several processes or nodes at once.
// kUnavailable when a migration fails or the database is newer than `migrations`.
// REQUIRES: `migrations` ascend by version.
template <typename Connection>
Result<> Migrate(Connection& connection, std::span<const Migration> migrations) {
  if (Result<> locked = Write(connection, migrate_sql::kLock); !locked) return locked;
  const auto migrate = [&]() -> Result<> {
    if (Result<> done = Write(connection, migrate_sql::kCreateTable); !done) return done;
    const Result<std::int64_t> newest = ReadCount(Query(connection, migrate_sql::kNewestVersion));
    if (!newest) return tl::unexpected(newest.error());
    const Result<std::span<const Migration>> pending = PendingMigrations(*newest, migrations);
    if (!pending) return tl::unexpected(pending.error());
    for (const Migration& migration : *pending) {
      if (Result<> done = ApplyMigration(connection, migration); !done) return done;
    }
    return {};
  };
  Result<> done = migrate();
  // The lock is the session's: it would also end with the connection.
  (void)Write(connection, migrate_sql::kUnlock);
  return done;
}

}  // namespace sinmun::store
