#pragma once
// Brings a SQLite database up to the newest schema compiled into the binary.

#include <span>

#include "core/error.hpp"
#include "store/migration.hpp"
#include "store/sqlite/connection.hpp"

namespace sinmun::store::sqlite {

// Applies every migration not yet recorded in schema_migrations, in version order, each in its
// own write transaction together with its schema_migrations row, so that a crash leaves the
// database at a whole version. Safe to run again (a no-op) and from several processes at once.
// kUnavailable when a migration fails or the database is newer than this binary.
// REQUIRES: `connection` is a writer; `migrations` ascend by version.
Result<> Migrate(Connection& connection, std::span<const Migration> migrations);

}  // namespace sinmun::store::sqlite
