#pragma once
// Query of one statement written once, for the PgStore source files; reading rows is
// store/row_reads.hpp. Internal to store/postgres.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "store/postgres/connection.hpp"
#include "store/row_reads.hpp"
#include "store/sql/dialect.hpp"

namespace sinmun::store::postgres {

// Runs one statement written once (sql/dialect.hpp), in its PostgreSQL form.
template <typename... Params>
Result<Rows> Query(Connection& connection, const Sql& sql, const Params&... params) {
  return connection.Run(sql.postgres(), std::vector<Param>{ToParam(params)...});
}

// For argument-dependent lookup from the methods written once (sql/sql_store.hpp).
using store::ForEachRow, store::ReadAffected, store::ReadAll, store::ReadCount, store::ReadFirst,
    store::ReadOne, store::ReadOptionalInt, store::ReadPage, store::Write, store::WriteOne;

}  // namespace sinmun::store::postgres
