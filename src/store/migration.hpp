#pragma once
// A numbered schema change, compiled into the binary (see embed_migrations.cmake): a backend's
// own from its migrations/*.sql (shipped and closed), then those written once for both in
// store/migrations/ (numbered from 1000). Each backend applies its list in order at start-up,
// one transaction per migration, and records the applied versions in schema_migrations.

#include <cstdint>
#include <span>
#include <string_view>

#include "core/error.hpp"

namespace sinmun::store {

struct Migration {
  int version;            // 1, 2, … from the file name 0001_initial.sql
  std::string_view name;  // the file name, for logs
  std::string_view sql;   // one or more statements
};

// The migrations newer than `newest` (the version a database is at), in order.
// kUnavailable when the database is newer than the last of `migrations`: an older binary must
// not write to a schema it does not know.
Result<std::span<const Migration>> PendingMigrations(std::int64_t newest,
                                                     std::span<const Migration> migrations);

namespace sqlite {
// The SQLite migrations in version order, the shared ones written for SQLite. Generated at
// build time.
std::span<const Migration> Migrations();
}  // namespace sqlite

namespace postgres {
// The PostgreSQL migrations in version order, the shared ones written for PostgreSQL.
// Generated at build time.
std::span<const Migration> Migrations();
}  // namespace postgres

}  // namespace sinmun::store
