#pragma once
// Applies the PostgreSQL migrations (migrations/*.sql, compiled in) that a database lacks.
// Internal to store/postgres.

#include <span>

#include "core/error.hpp"
#include "store/migration.hpp"
#include "store/postgres/connection.hpp"

namespace sinmun::store::postgres {

// Creates schema_migrations if needed and applies every migration newer than the database,
// each in its own transaction. Holds a session advisory lock throughout, so that several
// nodes starting at once apply each migration exactly once (the others wait, then find the
// schema current). kUnavailable when a migration fails or the database is newer than
// `migrations`.
Result<> Migrate(Connection& connection, std::span<const Migration> migrations);

}  // namespace sinmun::store::postgres
